package com.peakcommerce.useradmin.functions.self;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.ports.ResetLimiter;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Wiring;

import java.time.Duration;

/** The self-service with its production adapters, built once per container. */
final class SelfWiring {
    /** How long every answer of the public reset takes at least, unless PUBLIC_RESET_MIN_MILLIS says otherwise. */
    static final Duration DEFAULT_PUBLIC_RESET_MINIMUM = Duration.ofMillis(800);

    private SelfWiring() {}

    static SelfService selfService() {
        return Wiring.get(SelfService.class, () -> new SelfService(
                Wiring.userRepository(),
                Wiring.userAdministration(Auth0IdentityProvider::fromEnvironment, SesMailer::fromEnvironment),
                Wiring.get(ResetLimiter.class, () -> new DynamoResetLimiter(Wiring.dynamoDb(), Settings.required("TABLE_NAME"))),
                Wiring.clock()));
    }

    static Duration publicResetMinimum() {
        return Settings.optional("PUBLIC_RESET_MIN_MILLIS").map(Long::parseLong).map(Duration::ofMillis).orElse(DEFAULT_PUBLIC_RESET_MINIMUM);
    }
}
