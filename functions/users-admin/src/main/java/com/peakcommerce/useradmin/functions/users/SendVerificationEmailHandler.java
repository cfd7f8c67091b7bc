package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/** {@code POST /users/{userId}/verification-email} (SPEC U10): mails a link that verifies the username. */
public final class SendVerificationEmailHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserAdministration users;
    private final Http http;

    public SendVerificationEmailHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public SendVerificationEmailHandler(AdminFunctions functions) { this(functions.users(), functions.http()); }

    SendVerificationEmailHandler(UserAdministration users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            String sentTo = users.sendVerificationEmail(request.caller(), request.pathId("userId"));
            return Response.accepted(Map.of("recipient", sentTo));
        });
    }
}
