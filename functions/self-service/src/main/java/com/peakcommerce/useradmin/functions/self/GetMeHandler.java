package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.wiring.Wiring;

/**
 * {@code GET /me} (SPEC S1): the caller's own record, with its version as the ETag. Needs only the
 * table, so this function is built without Auth0 or SES and has only read access.
 */
public final class GetMeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserDirectory users;

    public GetMeHandler() { this(new UserDirectory(Wiring.userRepository())); }

    GetMeHandler(UserDirectory users) { this.users = users; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> {
            var user = users.me(request.caller());
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
