package com.peakcommerce.useradmin.auth0;

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

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.peakcommerce.useradmin.auth0.Auth0Stub.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings from the environment, with the client credentials from a stand-in for SSM. */
class Auth0SettingsTest {
    private static final String PARAMETER = "/user-admin/auth0-management-client";
    private static final String SECRET = "ssm-held-secret-0123456789";

    private final MockWebServer ssmServer = new MockWebServer();
    private SsmClient ssm;
    private final Map<String, String> env = new HashMap<>(Map.of(
            "AUTH0_DOMAIN", "peak-test.eu.auth0.com",
            "AUTH0_PORTAL_CLIENT_ID", "portal-app",
            "AUTH0_CREDENTIALS_PARAMETER", PARAMETER));

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

    private void ssmAnswers(String parameterValue) {
        String value = parameterValue.replace("\\", "\\\\").replace("\"", "\\\"");
        ssmServer.enqueue(new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"Parameter\":{\"Name\":\"" + PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":\"" + value
                        + "\",\"Version\":3,\"ARN\":\"arn:aws:ssm:eu-central-1:123456789012:parameter" + PARAMETER + "\",\"DataType\":\"text\"}}")
                .build());
    }

    @Test
    void theCredentialsAreReadDecryptedFromTheSsmParameter() throws Exception {
        ssmAnswers("{\"clientId\":\"m2m-client\",\"clientSecret\":\"" + SECRET + "\"}");

        Auth0Settings settings = Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm));

        RecordedRequest request = ssmServer.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("POST", request.getMethod());
        assertEquals("AmazonSSM.GetParameter", request.getHeaders().get("X-Amz-Target"));
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/x-amz-json-1.1"));
        assertTrue(request.getHeaders().get("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
        assertEquals(Map.of("Name", PARAMETER, "WithDecryption", true), body(request));

        assertEquals("m2m-client", settings.clientId());
        assertEquals(SECRET, settings.clientSecret());
        assertEquals(URI.create("https://peak-test.eu.auth0.com/api/v2"), settings.managementApiUrl());
        assertEquals("https://peak-test.eu.auth0.com/api/v2/", settings.audience());
        assertEquals("portal-app", settings.portalClientId());
        assertNull(settings.ticketResultUrl());
        assertEquals(Duration.ofDays(7), settings.ticketTtl());
        assertEquals(Duration.ofSeconds(5), settings.rateLimitBudget());
        assertFalse(settings.toString().contains(SECRET));
    }

    @Test
    void optionalSettingsAndTheManagementUrlOverride() throws Exception {
        ssmAnswers("{\"clientId\":\"m2m-client\",\"clientSecret\":\"" + SECRET + "\"}");
        env.put("AUTH0_MANAGEMENT_URL", "http://127.0.0.1:8081/api/v2/");
        env.put("AUTH0_TICKET_RESULT_URL", "https://admin.peakcommerce.test/welcome");
        env.put("AUTH0_TICKET_TTL", "P2D");
        env.put("AUTH0_RATE_LIMIT_BUDGET", "PT1.5S");

        Auth0Settings settings = Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm));

        assertEquals(URI.create("http://127.0.0.1:8081/api/v2"), settings.managementApiUrl());
        assertEquals(URI.create("https://admin.peakcommerce.test/welcome"), settings.ticketResultUrl());
        assertEquals(Duration.ofDays(2), settings.ticketTtl());
        assertEquals(Duration.ofMillis(1500), settings.rateLimitBudget());
    }

    @Test
    void theDomainMayBeGivenWithSchemeAndSlash() {
        env.put("AUTH0_DOMAIN", "https://peak-test.eu.auth0.com/");

        assertEquals(URI.create("https://peak-test.eu.auth0.com/api/v2"), Auth0Settings.managementApiUrlFromEnvironment(env::get));
    }

    @Test
    void aMissingSettingIsNamed() {
        env.remove("AUTH0_CREDENTIALS_PARAMETER");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm)));

        assertTrue(e.getMessage().contains("AUTH0_CREDENTIALS_PARAMETER"), e.getMessage());
        assertEquals(0, ssmServer.getRequestCount(), "nothing read from SSM before the plain settings are complete");
    }

    @Test
    void aParameterWithoutTheSecretIsRefusedWithoutQuotingIt() {
        ssmAnswers("{\"clientId\":\"m2m-client\",\"client_secret\":\"" + SECRET + "\"}");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm)));

        assertTrue(e.getMessage().contains(PARAMETER), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aParameterThatIsNotJsonIsRefusedWithoutQuotingIt() {
        ssmAnswers("clientId=m2m-client;clientSecret=" + SECRET);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm)));

        assertFalse(e.getMessage().contains(SECRET));
        assertNull(e.getCause());
    }

    @Test
    void aMissingParameterIsNamed() {
        ssmServer.enqueue(new MockResponse.Builder().code(400)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")
                .build());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm)));

        assertTrue(e.getMessage().contains(PARAMETER), e.getMessage());
    }

    @Test
    void theAdapterUsesTheCredentialsFromSsmForItsToken() throws Exception {
        ssmAnswers("{\"clientId\":\"m2m-client\",\"clientSecret\":\"" + SECRET + "\"}");
        try (Auth0Stub auth0 = new Auth0Stub()) {
            env.put("AUTH0_MANAGEMENT_URL", auth0.managementApiUrl().toString());
            auth0.answer(200, Auth0Stub.reference("mgmt-api_user.json"));

            new Auth0IdentityProvider(Auth0Settings.fromEnvironment(env::get, new com.peakcommerce.useradmin.ssm.SsmParameters(ssm))).block("u-1");

            Map<String, Object> token = body(auth0.tokenRequests.getFirst());
            assertEquals("m2m-client", token.get("client_id"));
            assertEquals(SECRET, token.get("client_secret"));
            assertEquals("Bearer mgmt-token-1", auth0.next().getHeaders().get("Authorization"));
        }
    }

    @Test
    void settingsRefuseAUrlThatIsNotTheManagementApi() {
        assertThrows(IllegalArgumentException.class, () -> new Auth0Settings(URI.create("https://peak-test.eu.auth0.com"),
                "id", "secret", "conn", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Auth0Settings(URI.create("ftp://peak-test.eu.auth0.com/api/v2"),
                "id", "secret", "conn", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Auth0Settings(URI.create("https://peak-test.eu.auth0.com/api/v2"),
                "id", " ", "conn", null, null, null));
    }
}
