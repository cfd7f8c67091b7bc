package com.peakcommerce.useradmin.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds every response a test receives against {@code docs/openapi.yaml}: the status must be described
 * for the route, and the body must match the schema for its content type. So the description cannot
 * drift from the code.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static JsonNode document;
    public static final AtomicInteger CHECKED = new AtomicInteger();

    private OpenApiContract() {}

    private static synchronized JsonNode document() {
        if (document == null) {
            try {
                document = new ObjectMapper(new YAMLFactory()).readTree(Events.repositoryRoot().resolve("docs/openapi.yaml").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return document;
    }

    /** Fails unless {@code response} is one the description promises for {@code routeKey} ("GET /users/{userId}"). */
    public static void check(String routeKey, APIGatewayV2HTTPResponse response) {
        String[] route = routeKey.split(" ", 2);
        JsonNode operation = document().path("paths").path(route[1]).path(route[0].toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "openapi.yaml does not describe " + routeKey);
        JsonNode described = operation.path("responses").path(Integer.toString(response.getStatusCode()));
        assertTrue(described.isObject(), "openapi.yaml does not describe status " + response.getStatusCode() + " for " + routeKey + ": " + response.getBody());
        described = resolve(described);
        if (response.getBody() == null) {
            assertTrue(described.path("content").isMissingNode() || described.path("content").isEmpty(), routeKey + " " + response.getStatusCode() + " should have a body");
            CHECKED.incrementAndGet();
            return;
        }
        String contentType = header(response, "Content-Type");
        assertNotNull(contentType, "no Content-Type on " + routeKey);
        JsonNode schemaNode = described.path("content").path(contentType).path("schema");
        assertTrue(schemaNode.isObject(), "openapi.yaml has no " + contentType + " body for " + routeKey + " " + response.getStatusCode());
        ObjectNode schema = schemaNode.deepCopy();
        schema.set("components", document().path("components"));
        try {
            Set<ValidationMessage> errors = SCHEMAS.getSchema(schema).validate(JSON.readTree(response.getBody()));
            if (!errors.isEmpty()) fail(routeKey + " " + response.getStatusCode() + " breaks openapi.yaml: " + errors + "\n" + response.getBody());
        } catch (IOException e) {
            fail("not JSON: " + response.getBody());
        }
        for (var headerName : described.path("headers").properties()) {
            if (headerName.getValue().path("required").asBoolean(false)) {
                assertNotNull(header(response, headerName.getKey()), "missing header " + headerName.getKey() + " on " + routeKey);
            }
        }
        CHECKED.incrementAndGet();
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) return node;
        JsonNode target = document();
        for (String part : ref.asText().substring(2).split("/")) target = target.path(part);
        assertEquals(false, target.isMissingNode(), "unresolved " + ref);
        return resolve(target);
    }

    public static String header(APIGatewayV2HTTPResponse response, String name) {
        if (response.getHeaders() == null) return null;
        for (var e : response.getHeaders().entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }
}
