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

import java.util.Set;

/** {@code GET /users/{userId}/audit} (SPEC X3): the user's audit trail, newest first, paged. */
public final class GetUserAuditHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");

    private final UserDirectory users;

    public GetUserAuditHandler() { this(new UserDirectory(Wiring.userRepository())); }

    GetUserAuditHandler(UserDirectory users) { this.users = users; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> {
            request.onlyQuery(PARAMETERS);
            var page = users.auditTrail(request.caller(), request.pathId("userId"), request.limit(), request.cursor());
            return Response.ok(Representations.page(page, Representations::auditEntry));
        });
    }
}
