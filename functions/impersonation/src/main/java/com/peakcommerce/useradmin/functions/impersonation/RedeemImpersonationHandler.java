package com.peakcommerce.useradmin.functions.impersonation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Problems;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.log.Log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /impersonation/redeem} {@code {"token": "..."}}: the portal's back end uses a log-in-as
 * credential up (public route: the credential is what authenticates). 200 with the tenant, subject and
 * actor the first time; 409 after that or when the user or admin is no longer active; 401 for a token
 * this service did not issue for this audience, or that has expired.
 */
public final class RedeemImpersonationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Impersonation impersonation;
    private final Http http;

    public RedeemImpersonationHandler() { this(ImpersonationFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public RedeemImpersonationHandler(ImpersonationFunctions functions) { this(functions.impersonation(), functions.http()); }

    RedeemImpersonationHandler(Impersonation impersonation, Http http) {
        this.impersonation = impersonation;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            Map<String, Object> body = request.body();
            for (String name : body.keySet()) if (!name.equals("token")) throw new Invalid(name, name + " is not a field of a redeem; send only token.");
            if (!(body.get("token") instanceof String token) || token.isBlank()) throw new Invalid("token", "token is required: the credential to redeem.");
            try {
                Impersonation.Redeemed redeemed = impersonation.redeem(token);
                Log.info("log-in-as credential redeemed", "tenantId", redeemed.tenant(), "subject", redeemed.subject(), "actor", redeemed.actor());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("tenant", redeemed.tenant());
                answer.put("subject", redeemed.subject());
                answer.put("actor", redeemed.actor());
                answer.put("jti", redeemed.jti());
                answer.put("expiresAt", redeemed.expiresAt().toString());
                return Response.ok(answer);
            } catch (Impersonation.InvalidCredential e) {
                Log.info("log-in-as credential refused", "reason", e.getMessage());
                return Problems.unauthenticated(e.getMessage(), request.requestId());
            }
        });
    }
}
