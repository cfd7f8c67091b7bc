package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code POST /users/{userId}/enable} (SPEC U8): lifts the block; Active (verified or not) as before. */
public final class EnableUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserAdministration users;
    private final Http http;

    public EnableUserHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public EnableUserHandler(AdminFunctions functions) { this(functions.users(), functions.http()); }

    EnableUserHandler(UserAdministration users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var user = users.enable(request.caller(), request.pathId("userId"));
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
