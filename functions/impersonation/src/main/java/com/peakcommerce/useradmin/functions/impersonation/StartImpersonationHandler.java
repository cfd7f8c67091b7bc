package com.peakcommerce.useradmin.functions.impersonation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /users/{userId}/impersonation} (SPEC U11): a log-in-as credential for the user, valid five
 * minutes and once. The credential is shown once: a replay under the same {@code Idempotency-Key}
 * answers the rest without it (and the table never holds it).
 */
public final class StartImpersonationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Impersonation impersonation;
    private final Http http;

    public StartImpersonationHandler() { this(ImpersonationFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public StartImpersonationHandler(ImpersonationFunctions functions) { this(functions.impersonation(), functions.http()); }

    StartImpersonationHandler(Impersonation impersonation, Http http) {
        this.impersonation = impersonation;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            Impersonation.Issued issued = impersonation.issue(request.caller(), request.pathId("userId"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", issued.token());
            body.put("expiresAt", issued.expiresAt().toString());
            body.put("subject", issued.subject());
            body.put("actor", issued.actor());
            Map<String, Object> replay = new LinkedHashMap<>(body);
            replay.remove("token");
            return Response.ok(body).replayedAs(replay);
        });
    }
}
