package com.peakcommerce.useradmin.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an operation answers: a status, a JSON body (or none) and extra headers. */
public record Response(int status, Object body, Map<String, String> headers) {

    public static Response ok(Object body) { return new Response(200, body, Map.of()); }

    public static Response created(Object body, String location) { return new Response(201, body, Map.of("Location", location)); }

    public static Response accepted(Object body) { return new Response(202, body, Map.of()); }

    public static Response noContent() { return new Response(204, null, Map.of()); }

    /** A record a person edits: its version goes out as the ETag that {@code If-Match} sends back. */
    public static Response versioned(int status, Map<String, Object> body, long version) {
        return new Response(status, body, Map.of("ETag", "\"" + version + "\""));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Response(status, body, all);
    }
}
