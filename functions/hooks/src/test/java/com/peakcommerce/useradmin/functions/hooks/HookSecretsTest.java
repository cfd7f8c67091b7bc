package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamToken;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecret;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hooks' secrets as read from SSM (against a local stand-in speaking SSM's JSON protocol). */
class HookSecretsTest {
    private static final String PARAMETER = "/peakcommerce/user-admin/post-login-secret";
    private static final String SECRET = "ssm-held-post-login-secret-0123456789";

    private final MockWebServer ssmServer = new MockWebServer();
    private SsmClient ssm;

    @BeforeEach
    void start() throws Exception {
        ssmServer.start();
        ssm = SsmClient.builder()
                .endpointOverride(ssmServer.url("/").uri())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-aws-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        ssm.close();
        ssmServer.close();
    }

    private void ssmAnswers(String value) {
        ssmServer.enqueue(new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"Parameter\":{\"Name\":\"" + PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":\"" + value
                        + "\",\"Version\":1,\"DataType\":\"text\"}}")
                .build());
    }

    @Test
    void theSecretIsReadDecrypted() throws Exception {
        ssmAnswers(SECRET);

        PostLoginSecret secret = new PostLoginSecret(HookSecrets.read(new com.peakcommerce.useradmin.ssm.SsmParameters(ssm), PARAMETER));

        RecordedRequest request = ssmServer.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("AmazonSSM.GetParameter", request.getHeaders().get("X-Amz-Target"));
        assertEquals("{\"Name\":\"" + PARAMETER + "\",\"WithDecryption\":true}", request.getBody().utf8());
        assertEquals(List.of(SECRET), secret.secrets());
        assertFalse(secret.toString().contains(SECRET));
    }

    @Test
    void whileRotatingTheParameterHoldsTwoValues() {
        String next = "next-post-login-secret-fedcba9876543210";
        ssmAnswers(SECRET + " " + next + "\\n");

        assertEquals(List.of(SECRET, next), HookSecrets.read(new com.peakcommerce.useradmin.ssm.SsmParameters(ssm), PARAMETER));
    }

    @Test
    void aShortValueIsRefusedWithoutShowingIt() {
        ssmAnswers("short-secret");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HookSecrets.read(new com.peakcommerce.useradmin.ssm.SsmParameters(ssm), PARAMETER));

        assertTrue(e.getMessage().contains(PARAMETER));
        assertFalse(e.getMessage().contains("short-secret"));
    }

    @Test
    void anUnreadableParameterIsNamed() {
        ssmServer.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}").build());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HookSecrets.read(new com.peakcommerce.useradmin.ssm.SsmParameters(ssm), PARAMETER));

        assertTrue(e.getMessage().contains(PARAMETER), e.getMessage());
    }

    @Test
    void theValuesAreReadAgainOnceOlderThanFiveMinutesAndKeptIfThatFails() {
        String next = "next-post-login-secret-fedcba9876543210";
        MutableClock clock = new MutableClock();
        ssmAnswers(SECRET);
        var values = new HookSecrets.Refreshing(new com.peakcommerce.useradmin.ssm.SsmParameters(ssm), PARAMETER, clock);

        clock.now = clock.now.plus(HookSecrets.MAX_AGE);
        assertEquals(List.of(SECRET), values.get(), "not yet read again");
        assertEquals(1, ssmServer.getRequestCount());

        ssmAnswers(next);
        clock.now = clock.now.plusSeconds(1);
        assertEquals(List.of(next), values.get());

        ssmServer.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"InternalServerError\",\"message\":\"\"}").build());
        ssmServer.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"InternalServerError\",\"message\":\"\"}").build());
        ssmServer.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"InternalServerError\",\"message\":\"\"}").build());
        ssmServer.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"InternalServerError\",\"message\":\"\"}").build());
        clock.now = clock.now.plus(HookSecrets.MAX_AGE).plusSeconds(1);
        assertEquals(List.of(next), values.get(), "SSM failing keeps the values in hand");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void theLogStreamTokenIsComparedWithOrWithoutBearer() {
        LogStreamToken token = new LogStreamToken(List.of("log-stream-token-0123456789abcdef0123456789"));

        assertTrue(token.admits("Bearer log-stream-token-0123456789abcdef0123456789"));
        assertTrue(token.admits("bearer log-stream-token-0123456789abcdef0123456789"));
        assertTrue(token.admits("log-stream-token-0123456789abcdef0123456789"));
        assertFalse(token.admits("Bearer log-stream-token-0123456789abcdef012345678"));
        assertFalse(token.admits(null));
        assertFalse(token.admits(""));
    }
}
