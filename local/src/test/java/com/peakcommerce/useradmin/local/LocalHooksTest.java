package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Auth0 hooks in the local run: public routes (Auth: {Authorizer: NONE} in template.yaml), the local
 * secrets, a login reported as the Action and as a log stream would.
 */
class LocalHooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningLocalServer local = new RunningLocalServer();

    private static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalServer.LOCAL_POST_LOGIN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewUsersFirstLoginReportedByTheActionVerifiesThem() throws Exception {
        String admin = "Bearer " + local.server().adminToken();
        HttpResponse<String> created = local.post("/users", """
                {"role": "GLOBAL_ADMIN", "firstName": "Lena", "lastName": "Login", "username": "lena.login@example.com"}""",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();

        String body = """
                {"user":{"user_id":"auth0|%s","email":"lena.login@example.com","email_verified":true,
                 "app_metadata":{"tenant_id":"demo","user_id":"%s"}},"connection":{"name":"users-demo"},"stats":{"logins_count":1},"tenant":{"id":"local"}}""".formatted(id, id);
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        assertEquals(401, local.post("/hooks/auth0/post-login", body).statusCode(), "unsigned");
        HttpResponse<String> answer = local.post("/hooks/auth0/post-login", body,
                "X-Signature-Timestamp", timestamp, "X-Signature", sign(timestamp, body));

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode json = JSON.readTree(answer.body());
        assertEquals("allow", json.path("action").asText());
        assertEquals(id, json.path("claims").path("https://peakcommerce.example/user_id").asText());
        HttpResponse<String> user = local.get("/users/" + id, "Authorization", admin);
        assertEquals("ACTIVE_VERIFIED", JSON.readTree(user.body()).path("status").asText(), user.body());
    }

    @Test
    void theLogStreamTakesTheLocalToken() throws Exception {
        String line = "{\"log_id\":\"1\",\"data\":{\"type\":\"fp\",\"user_id\":\"auth0|x\"}}";

        assertEquals(401, local.post("/hooks/auth0/log-stream", line).statusCode());
        HttpResponse<String> answer = local.post("/hooks/auth0/log-stream", line, "Authorization", "Bearer " + LocalServer.LOCAL_LOG_STREAM_TOKEN);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, JSON.readTree(answer.body()).path("received").asInt());
    }
}
