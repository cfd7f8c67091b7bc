package com.peakcommerce.useradmin.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** A handler's answer to one event, already held against the OpenAPI description. */
public record Answer(int status, Map<String, Object> body, APIGatewayV2HTTPResponse raw) {

    public static Answer of(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        OpenApiContract.check(event.getRouteKey(), response);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = response.getBody() == null ? Map.of() : (Map<String, Object>) Json.read(response.getBody());
            return new Answer(response.getStatusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields a problem document names, in order. */
    @SuppressWarnings("unchecked")
    public List<String> errorFields() {
        Object errors = body.get("errors");
        if (!(errors instanceof List<?> list)) return List.of();
        return list.stream().map(e -> (String) ((Map<String, Object>) e).get("field")).toList();
    }

    public String header(String name) { return OpenApiContract.header(raw, name); }

    public String contentType() { return header("Content-Type"); }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() { return (List<Map<String, Object>>) body.get("items"); }
}
