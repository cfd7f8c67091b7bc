package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/** {@code POST /users/{userId}/password-reset} (SPEC U9): mails a link to choose a new password. */
public final class ResetPasswordHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserAdministration users;
    private final Http http;

    public ResetPasswordHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ResetPasswordHandler(AdminFunctions functions) { this(functions.users(), functions.http()); }

    ResetPasswordHandler(UserAdministration users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            String sentTo = users.sendPasswordReset(request.caller(), request.pathId("userId"));
            return Response.accepted(Map.of("recipient", sentTo));
        });
    }
}
