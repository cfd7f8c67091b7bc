package com.peakcommerce.useradmin.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.peakcommerce.useradmin.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The API Gateway events in the repository's {@code events/} folder, as the Lambda runtime would hand them over. */
public final class Events {
    private Events() {}

    /** The repository's root: the nearest folder upwards that holds template.yaml. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        return dir;
    }

    public static APIGatewayV2HTTPEvent load(String name) {
        try {
            return http(asMap(Json.read(Files.readString(repositoryRoot().resolve("events").resolve(name + ".json")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> loadRaw(String name) {
        try {
            return asMap(Json.read(Files.readString(repositoryRoot().resolve("events").resolve(name + ".json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps payload-2.0 JSON onto the event class, field by field (what the runtime's serializer does). */
    public static APIGatewayV2HTTPEvent http(Map<String, Object> json) {
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
        var out = new java.util.LinkedHashMap<String, String>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }
}
