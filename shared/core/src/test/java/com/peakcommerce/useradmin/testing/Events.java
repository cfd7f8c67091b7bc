package com.peakcommerce.useradmin.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.http.EventJson;
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
        return EventJson.httpEvent(loadRaw(name));
    }

    public static Map<String, Object> loadRaw(String name) {
        try {
            return asMap(Json.read(Files.readString(repositoryRoot().resolve("events").resolve(name + ".json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
