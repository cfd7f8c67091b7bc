package com.peakcommerce.useradmin.functions.users;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Ids;
import com.peakcommerce.useradmin.wiring.Wiring;

/** The user-administration service with its production adapters, built once per container. */
final class AdminWiring {
    private AdminWiring() {}

    static UserAdministration userAdministration() {
        return Wiring.get(UserAdministration.class, () -> new UserAdministration(
                Wiring.userRepository(),
                Wiring.get(IdentityProvider.class, Auth0IdentityProvider::fromEnvironment),
                Wiring.get(Mailer.class, SesMailer::fromEnvironment),
                Wiring.clock(),
                Ids::random));
    }
}
