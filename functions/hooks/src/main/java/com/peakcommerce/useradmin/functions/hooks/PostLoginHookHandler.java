package com.peakcommerce.useradmin.functions.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.domain.LoginEvents.Decision;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecrets;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Problems;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.log.Log;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /hooks/auth0/post-login} (SPEC V1, V2): the post-login Action reports a login; the answer
 * tells it to deny the login ({@code {"action":"deny"}}, the same for a user the service has suspended
 * and one it does not know) or to allow it with the claims to put into the access token. Public: no
 * JWT authorizer; a request without a valid signature (see {@link WebhookSignature}) is 401.
 *
 * <p>The user is the one the login's {@code app_metadata} names (tenant and user id, written by the
 * service when it created the login), and only if the Auth0 user id is that same user's
 * ({@code auth0|<user id>}): metadata copied onto another login names nobody.
 */
public final class PostLoginHookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final LoginEvents logins;
    private final WebhookSignature signature;
    private final Clock clock;
    private final String claimNamespace;
    private final Http http;

    public PostLoginHookHandler() { this(HookFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public PostLoginHookHandler(HookFunctions functions) {
        this(functions.logins(), functions.postLoginSecrets(), functions.clock(), functions.claimNamespace());
    }

    PostLoginHookHandler(LoginEvents logins, PostLoginSecrets secret, Clock clock, String claimNamespace) {
        this.logins = logins;
        this.signature = new WebhookSignature(secret);
        this.clock = clock;
        this.claimNamespace = claimNamespace;
        this.http = Http.withoutCallers(claimNamespace);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            byte[] body = Auth0Events.rawBody(event);
            Optional<String> refusal = signature.refusal(request.header(WebhookSignature.TIMESTAMP_HEADER),
                    request.header(WebhookSignature.SIGNATURE_HEADER), body, clock.instant());
            if (refusal.isPresent()) {
                Log.warn("post-login hook: not authentic", "reason", refusal.get(), "sourceIp", sourceIp(event));
                return Problems.unauthenticated(refusal.get(), requestId(event, context));
            }
            PostLoginReport report = PostLoginReport.parse(body);
            String userId = Auth0Events.serviceUserId(report.auth0UserId()).filter(id -> id.equals(report.metadataUserId())).orElse(null);
            Decision decision = logins.afterLogin(report.metadataTenantId(), userId, report.connection(), report.loginsCount(),
                    report.emailVerified(), report.email(), request.requestId());
            Log.info("post-login hook", "outcome", decision.outcome().name(), "auth0UserId", report.auth0UserId(),
                    "auth0Tenant", report.auth0Tenant(), "connection", report.connection(), "tenantId", report.metadataTenantId(), "loginsCount", report.loginsCount(),
                    "loginIp", report.ip());
            return Response.ok(answer(decision));
        });
    }

    private Map<String, Object> answer(Decision decision) {
        if (!decision.allowed()) return Map.of("action", "deny");
        User user = decision.user().orElseThrow();
        String prefix = "https://" + claimNamespace + "/";
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(prefix + "tenant", user.tenantId());
        claims.put(prefix + "user_id", user.id());
        claims.put(prefix + "role", user.role().name());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", "allow");
        answer.put("claims", claims);
        return answer;
    }

    static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (context != null && context.getAwsRequestId() != null) return context.getAwsRequestId();
        var requestContext = event.getRequestContext();
        return requestContext == null || requestContext.getRequestId() == null ? "local" : requestContext.getRequestId();
    }

    static String sourceIp(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        return requestContext == null || requestContext.getHttp() == null ? null : requestContext.getHttp().getSourceIp();
    }
}
