package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API payload-2.0 event from its JSON (as in {@code events/}), field by field as the Lambda
 * runtime's serializer does it. Used by the tests, the benchmark probe and the local server; the
 * deployed functions receive the event from the runtime.
 */
public final class EventJson {
    private EventJson() {}

    /** Maps payload-2.0 JSON onto the event class, field by field (what the runtime's serializer does). */
    public static APIGatewayV2HTTPEvent httpEvent(Map<String, Object> json) {
        Map<String, Object> context = asMap(json.get("requestContext"));
        Map<String, Object> http = asMap(context.get("http"));
        Map<String, Object> authorizer = asMap(context.get("authorizer"));
        RequestContext.Authorizer auth = null;
        if (authorizer.get("jwt") instanceof Map<?, ?> jwt) {
            auth = RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(strings(jwt.get("claims"))).build())
                    .build();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion((String) json.get("version"))
                .withRouteKey((String) json.get("routeKey"))
                .withRawPath((String) json.get("rawPath"))
                .withRawQueryString((String) json.get("rawQueryString"))
                .withHeaders(strings(json.get("headers")))
                .withQueryStringParameters(strings(json.get("queryStringParameters")))
                .withPathParameters(strings(json.get("pathParameters")))
                .withBody((String) json.get("body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")))
                .withRequestContext(RequestContext.builder()
                        .withRouteKey((String) context.get("routeKey"))
                        .withRequestId((String) context.get("requestId"))
                        .withStage((String) context.get("stage"))
                        .withAuthorizer(auth)
                        .withHttp(RequestContext.Http.builder()
                                .withMethod((String) http.get("method"))
                                .withPath((String) http.get("path"))
                                .withProtocol((String) http.get("protocol"))
                                .withSourceIp((String) http.get("sourceIp"))
                                .withUserAgent((String) http.get("userAgent"))
                                .build())
                        .build())
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) return null;
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }
}
