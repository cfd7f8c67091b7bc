package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the local gateway hands a handler, seen through a test template whose function echoes its event. */
class LocalApiGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(LocalApiGatewayTest.class.getResource("/echo-template.yaml").toURI());
        server = LocalServer.start(new LocalOptions(0, true, dataDir, template));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void readsFunctionsRoutesAndAuthFromTheTemplateDespiteItsTags() {
        var routes = server.template().routes().stream().map(r -> r.routeKey() + (r.authorized() ? "" : " (public)")).toList();
        assertEquals(List.of("ANY /files/{proxy+}", "POST /hooks/echo (public)", "GET /missing", "POST /things",
                "GET /things/special", "GET /things/{thingId}"), routes);
        assertTrue(server.template().functions().stream().anyMatch(f -> f.name().equals("OperatorFunction") && f.routes().isEmpty()));
        assertTrue(server.initFailures().get("MissingFunction").contains("local/pom.xml"), server.initFailures().toString());
        assertEquals(1, EchoHandler.instances, "one handler instance per function, built at start-up");
    }

    @Test
    void buildsAPayload20EventWithVerifiedClaimsAsStrings() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things/abc%20d?x=1&x=2&y=%C3%A9"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("X-Custom-Header", "Value")
                .header("Cookie", "a=1; b=2")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("yes", response.headers().firstValue("X-Echo").orElseThrow(), "the handler's headers come back");
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("2.0", echo.path("version").asText());
        assertEquals("GET /things/{thingId}", echo.path("routeKey").asText());
        assertEquals("GET /things/{thingId}", echo.path("contextRouteKey").asText());
        assertEquals("/things/abc%20d", echo.path("rawPath").asText());
        assertEquals("x=1&x=2&y=%C3%A9", echo.path("rawQueryString").asText());
        assertEquals("abc d", echo.path("pathParameters").path("thingId").asText());
        assertEquals("1,2", echo.path("queryStringParameters").path("x").asText());
        assertEquals("é", echo.path("queryStringParameters").path("y").asText());
        assertEquals("Value", echo.path("headers").path("x-custom-header").asText(), "header names lower-cased");
        assertTrue(echo.path("headers").path("authorization").asText().startsWith("Bearer "));
        assertEquals(List.of("a=1", "b=2"), JSON.convertValue(echo.path("cookies"), List.class));
        assertEquals("GET", echo.path("method").asText());
        assertEquals("EchoFunction", echo.path("functionName").asText());
        assertEquals(echo.path("requestId").asText(), echo.path("awsRequestId").asText());
        assertTrue(echo.path("body").isNull());
        assertEquals(false, echo.path("isBase64Encoded").asBoolean());

        JsonNode claims = echo.path("claims");
        assertEquals("demo", claims.path("https://peakcommerce.example/tenant").asText());
        assertEquals(server.admin().id(), claims.path("https://peakcommerce.example/user_id").asText());
        assertEquals(server.tokens().issuer(), claims.path("iss").asText());
        assertEquals(LocalTokens.AUDIENCE, claims.path("aud").asText());
        assertTrue(claims.path("exp").isTextual() && claims.path("exp").asText().matches("\\d+"), "claims are strings: " + claims);
    }

    @Test
    void literalSegmentsWinOverVariablesAndGreedyPathsTakeTheRest() throws Exception {
        assertEquals("GET /things/special", echo("GET", "/things/special", null, null).path("routeKey").asText());
        JsonNode greedy = echo("DELETE", "/files/a/b/c.txt", null, null);
        assertEquals("ANY /files/{proxy+}", greedy.path("routeKey").asText());
        assertEquals("a/b/c.txt", greedy.path("pathParameters").path("proxy").asText());
        assertEquals("DELETE", greedy.path("method").asText());
    }

    @Test
    void textBodiesArriveAsTextOtherBodiesBase64Encoded() throws Exception {
        JsonNode json = echo("POST", "/things", "application/json", "{\"a\": 1}".getBytes());
        assertEquals("{\"a\": 1}", json.path("body").asText());
        assertEquals(false, json.path("isBase64Encoded").asBoolean());

        byte[] binary = {0, 1, 2, (byte) 255};
        JsonNode raw = echo("POST", "/things", "application/octet-stream", binary);
        assertEquals(true, raw.path("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), raw.path("body").asText());
    }

    @Test
    void aPublicRouteNeedsNoTokenAndGetsNoClaims() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("claims").isNull());
    }

    @Test
    void listClaimsArriveAsApiGatewayWritesThem() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", server.tokens().issuer());
        claims.put("aud", List.of("other-api", LocalTokens.AUDIENCE));
        claims.put("exp", Instant.now().getEpochSecond() + 60);
        claims.put("https://peakcommerce.example/tenant", "demo");
        claims.put("https://peakcommerce.example/user_id", "u1");
        String token = server.tokens().sign(claims);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things/1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("[other-api peakcommerce-local]", JSON.readTree(response.body()).path("claims").path("aud").asText());
    }

    @Test
    void aFunctionWhoseHandlerCannotBeBuiltAnswers500LikeAFailingLambda() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/missing"))
                .header("Authorization", "Bearer " + server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    private static JsonNode echo(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + server.adminToken());
        if (contentType != null) request.header("Content-Type", contentType);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
