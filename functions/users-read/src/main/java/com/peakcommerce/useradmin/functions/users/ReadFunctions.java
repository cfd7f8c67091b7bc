package com.peakcommerce.useradmin.functions.users;

import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.wiring.Adapters;

/** The users-read function group's services, built from the adapters once per container. */
public record ReadFunctions(UserDirectory directory, Http http) {

    public static ReadFunctions of(Adapters adapters) {
        return new ReadFunctions(new UserDirectory(adapters.stores()), adapters.http());
    }

    /** Lambda's: the production adapters (DynamoDB only: this group reads). */
    static ReadFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final ReadFunctions FUNCTIONS = of(Adapters.production(Adapters.unavailable("an identity provider"),
                Adapters.unavailable("a mailer"), Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS));
    }
}
