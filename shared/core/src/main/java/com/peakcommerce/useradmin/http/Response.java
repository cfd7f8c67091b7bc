package com.peakcommerce.useradmin.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation answers: a status, a JSON body (or none) and extra headers. {@code replayBody},
 * when set, is what a retry under the same {@code Idempotency-Key} is answered instead of {@code body}:
 * for an answer that shows something only once (a generated password), which must never be stored.
 */
public record Response(int status, Object body, Map<String, String> headers, Object replayBody) {

    public Response(int status, Object body, Map<String, String> headers) { this(status, body, headers, null); }

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
        return new Response(status, body, all, replayBody);
    }

    /** This answer, but stored for replays as {@code replayBody} (this body without what is shown only once). */
    public Response replayedAs(Object replayBody) {
        return new Response(status, body, headers, replayBody);
    }
}
