package com.peakcommerce.useradmin.functions.self;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Adapters;

import java.time.Duration;

/**
 * The self-service function group's services (Auth0, SES), built from the adapters once per container.
 * {@code publicResetMinimum}: how long every answer of the public reset takes at least.
 */
public record SelfFunctions(SelfService self, UserDirectory directory, Http http, Duration publicResetMinimum) {
    /** Unless {@code PUBLIC_RESET_MIN_MILLIS} says otherwise. */
    static final Duration DEFAULT_PUBLIC_RESET_MINIMUM = Duration.ofMillis(800);

    public static SelfFunctions of(Adapters adapters) {
        var administration = new UserAdministration(adapters.stores(), adapters.identityProvider().get(), adapters.mailer().get(), adapters.clock(), adapters.ids());
        var self = new SelfService(adapters.stores(), administration, new DynamoResetLimiter(adapters.dynamo(), adapters.table().name()), adapters.clock());
        Duration minimum = adapters.settings().optional("PUBLIC_RESET_MIN_MILLIS").map(Long::parseLong).map(Duration::ofMillis).orElse(DEFAULT_PUBLIC_RESET_MINIMUM);
        return new SelfFunctions(self, new UserDirectory(adapters.stores()), adapters.http(), minimum);
    }

    /** Lambda's: the production adapters, Auth0 and SES. */
    static SelfFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final SelfFunctions FUNCTIONS = of(Adapters.production(Auth0IdentityProvider::fromEnvironment, SesMailer::fromEnvironment,
                Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS));
    }
}
