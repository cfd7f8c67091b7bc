package com.peakcommerce.useradmin.functions.users;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Wiring;

/** The user-administration service with its production adapters (Auth0, SES), built once per container. */
final class AdminWiring {
    private AdminWiring() {}

    static UserAdministration userAdministration() {
        return Wiring.userAdministration(Auth0IdentityProvider::fromEnvironment, SesMailer::fromEnvironment);
    }
}
