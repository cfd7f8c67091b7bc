package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code GET /users/{userId}} (SPEC U5). */
public final class GetUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserDirectory users;
    private final Http http;

    public GetUserHandler() { this(ReadFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public GetUserHandler(ReadFunctions functions) { this(functions.directory(), functions.http()); }

    GetUserHandler(UserDirectory users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var seen = users.seen(request.caller(), request.pathId("userId"));
            return Response.versioned(200, Representations.seen(seen), seen.user().version());
        });
    }
}
