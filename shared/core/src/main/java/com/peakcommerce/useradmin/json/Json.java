package com.peakcommerce.useradmin.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out as plain maps and lists. jackson-jr keeps cold start small: it loads a fraction of
 * the classes that jackson-databind does and needs no bean introspection for maps.
 */
public final class Json {
    private static final JSON JSON_IN = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS, JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JSON JSON_OUT = JSON.std.without(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {}

    /**
     * Parses a request body that must be exactly one JSON object (nothing after it); anything else is a
     * 400 naming the body. Every string in it must be acceptable {@link Text}: one that is not is a 400
     * naming its field ({@code settings.myAccount.viewAccount}, {@code items[2]}).
     */
    public static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) throw new Invalid("(body)", "A JSON object is required.");
        Object value;
        try (JsonParser parser = JSON_IN.getStreamingFactory().createParser(body)) {
            value = JSON_IN.anyFrom(parser);
            if (parser.nextToken() != null) throw new Invalid("(body)", "The body must be exactly one JSON object, with nothing after it.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof Invalid invalid) throw invalid;
            throw new Invalid("(body)", "The body is not valid JSON.");
        }
        if (!(value instanceof Map<?, ?> map)) throw new Invalid("(body)", "The body must be a JSON object.");
        List<FieldError> errors = new ArrayList<>();
        checkText(null, map, errors);
        if (!errors.isEmpty()) throw new Invalid(errors);
        @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    private static void checkText(String path, Object value, List<FieldError> errors) {
        switch (value) {
            case String s -> {
                String problem = Text.problem(s);
                if (problem != null) errors.add(new FieldError(path, path + " " + problem));
            }
            case Map<?, ?> map -> map.forEach((key, child) -> {
                String name = (String) key;
                if (Text.problem(name) != null) errors.add(new FieldError("(body)", "A field name " + Text.problem(name)));
                else checkText(path == null ? name : path + "." + name, child, errors);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) checkText(path + "[" + i + "]", list.get(i), errors);
            }
            case null, default -> { }
        }
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
