package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamToken;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecret;
import com.peakcommerce.useradmin.ports.LoginRecorder;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Wiring;

/** The hooks' service and secrets with their production adapters, built once per container. */
final class HooksWiring {
    private HooksWiring() {}

    static LoginEvents loginEvents() {
        return Wiring.get(LoginEvents.class, () -> new LoginEvents(
                Wiring.get(LoginRecorder.class, () -> new DynamoLoginRecorder(Wiring.dynamoDb(), Settings.required("TABLE_NAME"))),
                Wiring.clock()));
    }

    static PostLoginSecret postLoginSecret() {
        return Wiring.get(PostLoginSecret.class, HookSecrets::postLoginSecretFromEnvironment);
    }

    static LogStreamToken logStreamToken() {
        return Wiring.get(LogStreamToken.class, HookSecrets::logStreamTokenFromEnvironment);
    }

    /** The namespace of the claims the Action puts into access tokens, as {@code Request.caller()} reads them. */
    static String claimNamespace() {
        return Settings.optional("CLAIM_NAMESPACE").orElse("peakcommerce.example");
    }
}
