package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.wiring.Settings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Runs one operation for one HTTP API event: parse, call, map the answer or the refusal. */
public final class Http {
    private Http() {}

    public static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context, Function<Request, Response> operation) {
        Request request = new Request(event, Settings.optional("CLAIM_NAMESPACE").orElse("peakcommerce.example"));
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : request.requestId();
        Map<String, Object> logContext = new LinkedHashMap<>();
        logContext.put("requestId", requestId);
        logContext.put("route", event.getRouteKey());
        Log.context(logContext);
        Response response;
        try {
            var caller = safeCaller(request);
            if (caller != null) {
                Log.put("tenantId", caller.tenantId());
                Log.put("callerId", caller.userId());
            }
            response = operation.apply(request);
        } catch (DomainException e) {
            response = Problems.of(e, requestId);
            Log.info("refused", "status", response.status(), "reason", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            Log.error("unexpected failure", e);
            response = Problems.internal(requestId);
        }
        return toEvent(response);
    }

    private static com.peakcommerce.useradmin.domain.CallerId safeCaller(Request request) {
        try {
            return request.caller();
        } catch (DomainException e) {
            return null; // the operation refuses it when it asks
        }
    }

    static APIGatewayV2HTTPResponse toEvent(Response response) {
        Map<String, String> headers = new HashMap<>();
        if (response.body() != null) headers.put("Content-Type", "application/json");
        headers.putAll(response.headers());
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body() == null ? null : Json.write(response.body()))
                .build();
    }
}
