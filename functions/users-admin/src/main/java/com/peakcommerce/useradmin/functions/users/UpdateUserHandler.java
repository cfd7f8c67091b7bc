package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/** {@code PATCH /users/{userId}} (SPEC U6): a JSON merge patch, guarded by {@code If-Match}. */
public final class UpdateUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserAdministration users;
    private final Http http;

    public UpdateUserHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public UpdateUserHandler(AdminFunctions functions) { this(functions.users(), functions.http()); }

    UpdateUserHandler(UserAdministration users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            Map<String, Object> patch = request.body();
            var user = users.update(request.caller(), request.pathId("userId"), request.ifMatch(), patch);
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
