package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamTokens;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecrets;
import com.peakcommerce.useradmin.ssm.SsmParameters;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.wiring.Parameters;
import com.peakcommerce.useradmin.wiring.Settings;

import java.time.Clock;

/**
 * The hooks' function group: the login events and the secrets their callers authenticate with (SSM parameters
 * named by {@code WEBHOOK_SECRET_PARAMETER} and {@code LOG_STREAM_TOKEN_PARAMETER}), built once per container.
 * Each secret is read when its handler is built (a missing one fails the SnapStart init, not the first login)
 * and again every few minutes. The hooks authenticate their callers themselves, so their HTTP mapping claims no
 * idempotency keys ({@code Http.withoutCallers}).
 */
public record HookFunctions(LoginEvents logins, Settings settings, Parameters parameters, Clock clock) {

    public static HookFunctions of(Adapters adapters) {
        return new HookFunctions(new LoginEvents(new DynamoLoginRecorder(adapters.table()), adapters.clock()),
                adapters.settings(), adapters.parameters(), adapters.clock());
    }

    PostLoginSecrets postLoginSecrets() {
        return HookSecrets.postLoginSecrets(parameters, settings.required("WEBHOOK_SECRET_PARAMETER"));
    }

    LogStreamTokens logStreamTokens() {
        return HookSecrets.logStreamTokens(parameters, settings.required("LOG_STREAM_TOKEN_PARAMETER"));
    }

    /** The namespace of the claims the Action puts into access tokens, as {@code Request.caller()} reads them. */
    String claimNamespace() { return settings.claimNamespace(); }

    /** Lambda's: the production adapters and SSM. */
    static HookFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final HookFunctions FUNCTIONS = of(Adapters.production(Adapters.unavailable("an identity provider"),
                Adapters.unavailable("a mailer"), Adapters.unavailable("a signer"), SsmParameters.fromEnvironment(Settings.environment())));
    }
}
