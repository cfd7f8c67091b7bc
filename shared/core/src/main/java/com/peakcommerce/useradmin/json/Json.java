package com.peakcommerce.useradmin.json;

import com.fasterxml.jackson.jr.ob.JSON;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON in and out as plain maps and lists. jackson-jr keeps cold start small: it loads a fraction of
 * the classes that jackson-databind does and needs no bean introspection for maps.
 */
public final class Json {
    private static final JSON JSON_IN = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS, JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JSON JSON_OUT = JSON.std.without(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {}

    /** Parses a request body that must be one JSON object; anything else is a 400 naming the body. */
    public static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) throw new Invalid("(body)", "A JSON object is required.");
        Object value;
        try {
            value = JSON_IN.anyFrom(body);
        } catch (IOException | RuntimeException e) {
            throw new Invalid("(body)", "The body is not valid JSON.");
        }
        if (!(value instanceof Map<?, ?> map)) throw new Invalid("(body)", "The body must be a JSON object.");
        @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    /** Parses JSON the service wrote itself (cursors, stored documents). */
    public static Object read(String json) throws IOException {
        return JSON_IN.anyFrom(json);
    }

    /** Writes maps, lists, strings, numbers and booleans; {@code null} map values are left out. */
    public static String write(Object value) {
        try {
            return JSON_OUT.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
