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
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Log in as in the local run: the routes from template.yaml (two of them public), the
 * LocalTokenSignerStandIn in place of KMS, the README's curl steps over HTTP.
 */
class LocalImpersonationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(new LocalServer.Options(0, true, dataDir, LocalServer.Options.findTemplate(Path.of("").toAbsolutePath())));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminLogsInAsAUserAndThePortalRedeemsTheCredentialOnce() throws Exception {
        String admin = "Bearer " + server.adminToken();
        HttpResponse<String> created = post("/users", """
                {"role": "SYSTEM_ADMIN", "firstName": "Ida", "lastName": "Impersonated", "username": "ida@example.com"}""",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();

        assertEquals(401, post("/users/" + id + "/impersonation", "").statusCode(), "needs a token");
        HttpResponse<String> issued = post("/users/" + id + "/impersonation", "", "Authorization", admin);
        assertEquals(200, issued.statusCode(), issued.body());
        JsonNode credential = JSON.readTree(issued.body());
        assertEquals(id, credential.path("subject").asText());
        assertEquals(server.admin().id(), credential.path("actor").asText());
        String token = credential.path("token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(server.baseUrl(), claims.path("iss").asText());
        assertEquals(LocalServer.LOCAL_PORTAL_AUDIENCE, claims.path("aud").asText());

        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, jwks.statusCode(), jwks.body());
        assertEquals("public, max-age=300", jwks.headers().firstValue("Cache-Control").orElse(null));
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertEquals(JSON.readTree(jwks.body()).path("keys").path(0).path("kid").asText(), header.path("kid").asText());

        String redeem = "{\"token\":\"" + token + "\"}";
        HttpResponse<String> first = post("/impersonation/redeem", redeem);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(id, JSON.readTree(first.body()).path("subject").asText());
        assertEquals(409, post("/impersonation/redeem", redeem).statusCode());
    }
}
