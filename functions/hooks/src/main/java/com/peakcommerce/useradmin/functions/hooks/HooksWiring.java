package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamTokens;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecrets;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Wiring;

/** The hooks' service and secrets with their production adapters, built once per container. */
final class HooksWiring {
    private HooksWiring() {}

    /**
     * Built per handler (once per container: Lambda builds the handler once) on the installed DynamoDB
     * client, so that the local server, which installs a new client each time it starts, is followed.
     */
    static LoginEvents loginEvents() {
        return new LoginEvents(new DynamoLoginRecorder(Wiring.dynamoDb(), Settings.required("TABLE_NAME")), Wiring.clock());
    }

    static PostLoginSecrets postLoginSecrets() {
        return Wiring.get(PostLoginSecrets.class, HookSecrets::postLoginSecretsFromEnvironment);
    }

    static LogStreamTokens logStreamTokens() {
        return Wiring.get(LogStreamTokens.class, HookSecrets::logStreamTokensFromEnvironment);
    }

    /** The namespace of the claims the Action puts into access tokens, as {@code Request.caller()} reads them. */
    static String claimNamespace() {
        return Settings.claimNamespace();
    }
}
