package com.peakcommerce.useradmin.functions.profiles;

import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.wiring.Adapters;

/** The profiles function group's services, built from the adapters once per container. */
public record ProfileFunctions(ProfileCatalog catalog, Http http) {

    public static ProfileFunctions of(Adapters adapters) {
        return new ProfileFunctions(new ProfileCatalog(adapters.stores(), adapters.clock(), adapters.ids()), adapters.http());
    }

    /** Lambda's: the production adapters (DynamoDB only). */
    static ProfileFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final ProfileFunctions FUNCTIONS = of(Adapters.production(Adapters.unavailable("an identity provider"),
                Adapters.unavailable("a mailer"), Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS));
    }
}
