package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Auth0 hooks in the local run: public routes (Auth: {Authorizer: NONE} in template.yaml), the local
 * secrets, a login reported as the Action and as a log stream would.
 */
class LocalHooksTest {
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

    private static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalServer.LOCAL_POST_LOGIN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewUsersFirstLoginReportedByTheActionVerifiesThem() throws Exception {
        String admin = "Bearer " + server.adminToken();
        HttpResponse<String> created = post("/users", """
                {"role": "GLOBAL_ADMIN", "firstName": "Lena", "lastName": "Login", "username": "lena.login@example.com"}""",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();

        String body = """
                {"user":{"user_id":"auth0|%s","email":"lena.login@example.com","email_verified":true,
                 "app_metadata":{"tenant_id":"demo","user_id":"%s"}},"stats":{"logins_count":1},"tenant":{"id":"local"}}""".formatted(id, id);
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        assertEquals(401, post("/hooks/auth0/post-login", body).statusCode(), "unsigned");
        HttpResponse<String> answer = post("/hooks/auth0/post-login", body,
                "X-Signature-Timestamp", timestamp, "X-Signature", sign(timestamp, body));

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode json = JSON.readTree(answer.body());
        assertEquals("allow", json.path("action").asText());
        assertEquals(id, json.path("claims").path("https://peakcommerce.example/user_id").asText());
        HttpResponse<String> user = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/users/" + id))
                .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("ACTIVE_VERIFIED", JSON.readTree(user.body()).path("status").asText(), user.body());
    }

    @Test
    void theLogStreamTakesTheLocalToken() throws Exception {
        String line = "{\"log_id\":\"1\",\"data\":{\"type\":\"fp\",\"user_id\":\"auth0|x\"}}";

        assertEquals(401, post("/hooks/auth0/log-stream", line).statusCode());
        HttpResponse<String> answer = post("/hooks/auth0/log-stream", line, "Authorization", "Bearer " + LocalServer.LOCAL_LOG_STREAM_TOKEN);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, JSON.readTree(answer.body()).path("received").asInt());
    }
}
