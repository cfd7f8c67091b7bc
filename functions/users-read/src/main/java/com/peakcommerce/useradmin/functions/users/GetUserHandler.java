package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.wiring.Wiring;

/** {@code GET /users/{userId}} (SPEC U5). */
public final class GetUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserDirectory users;

    public GetUserHandler() { this(new UserDirectory(Wiring.userRepository())); }

    GetUserHandler(UserDirectory users) { this.users = users; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> {
            var seen = users.seen(request.caller(), request.pathId("userId"));
            return Response.versioned(200, Representations.seen(seen), seen.user().version());
        });
    }
}
