package com.peakcommerce.useradmin.functions.users;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.domain.Reconciler;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Adapters;

/** The users-admin function group's services (Auth0, SES), built from the adapters once per container. */
public record AdminFunctions(UserAdministration users, Reconciler reconciler, Http http) {

    public static AdminFunctions of(Adapters adapters) {
        var users = new UserAdministration(adapters.stores(), adapters.identityProvider().get(), adapters.mailer().get(), adapters.clock(), adapters.ids());
        return new AdminFunctions(users, new Reconciler(adapters.stores(), users, adapters.clock()), adapters.http());
    }

    /** Lambda's: the production adapters, Auth0 and SES. */
    static AdminFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final AdminFunctions FUNCTIONS = of(Adapters.production(Auth0IdentityProvider::fromEnvironment, SesMailer::fromEnvironment,
                Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS));
    }
}
