package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/**
 * {@code GET /me} (SPEC S1): the caller's own record, with its version as the ETag. Needs only the
 * table, so this function is built without Auth0 or SES and has only read access.
 */
public final class GetMeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserDirectory users;
    private final Http http;

    public GetMeHandler() { this(SelfFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public GetMeHandler(SelfFunctions functions) { this(functions.directory(), functions.http()); }

    GetMeHandler(UserDirectory users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var user = users.me(request.caller());
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
