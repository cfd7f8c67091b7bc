package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

import java.util.Set;

/** {@code GET /users/{userId}/audit} (SPEC X3): the user's audit trail, newest first, paged. */
public final class GetUserAuditHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");

    private final UserDirectory users;
    private final Http http;

    public GetUserAuditHandler() { this(ReadFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public GetUserAuditHandler(ReadFunctions functions) { this(functions.directory(), functions.http()); }

    GetUserAuditHandler(UserDirectory users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            request.onlyQuery(PARAMETERS);
            var page = users.auditTrail(request.caller(), request.pathId("userId"), request.limit(), request.cursor());
            return Response.ok(Representations.page(page, Representations::auditEntry));
        });
    }
}
