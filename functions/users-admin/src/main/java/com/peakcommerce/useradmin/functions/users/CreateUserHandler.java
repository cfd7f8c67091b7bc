package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Activation;
import com.peakcommerce.useradmin.domain.Provisioning;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/** {@code POST /users} (SPEC U1–U3): the record, the login and the activation mail. */
public final class CreateUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserAdministration users;
    private final Http http;

    public CreateUserHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public CreateUserHandler(AdminFunctions functions) { this(functions.users(), functions.http()); }

    CreateUserHandler(UserAdministration users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var created = users.create(request.caller(), request.body());
            Map<String, Object> body = Representations.user(created.user());
            Map<String, Object> activation = CreateUserHandler.activation(created);
            body.put("activation", activation);
            Response response = Response.created(body, "/users/" + created.user().id()).withHeader("ETag", "\"" + created.user().version() + "\"");
            // A generated password is shown this once: never stored, so a replay under the same Idempotency-Key leaves it out.
            return activation.containsKey("password") ? response.replayedAs(withoutPassword(body)) : response;
        });
    }

    private static Map<String, Object> withoutPassword(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> activation = new java.util.LinkedHashMap<>((Map<String, Object>) body.get("activation"));
        activation.remove("password");
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.put("activation", activation);
        return copy;
    }

    /** How the new user gets a password: where the link went, or the generated password, shown this once. */
    static Map<String, Object> activation(Provisioning.Created created) {
        Map<String, Object> activation = new java.util.LinkedHashMap<>();
        switch (created.activation()) {
            case Activation.EmailLink link -> {
                activation.put("method", "EMAIL_LINK");
                activation.put("sendTo", link.sendTo().name());
                activation.put("recipient", created.activationSentTo());
                activation.put("mailSent", created.activationMailed());
            }
            case Activation.Password password -> {
                activation.put("method", password.generated() ? "GENERATED_PASSWORD" : "PASSWORD");
                if (password.generated()) activation.put("password", password.password());
            }
        }
        return activation;
    }
}
