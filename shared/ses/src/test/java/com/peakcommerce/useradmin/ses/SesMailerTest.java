package com.peakcommerce.useradmin.ses;

import com.peakcommerce.useradmin.ports.Mailer.Mail;
import com.peakcommerce.useradmin.ports.Mailer.MailException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against a MockWebServer standing in for the SES v2 endpoint. */
class SesMailerTest {

    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    private static final String SENDER = "PeakCommerce <no-reply@peakcommerce.example>";
    private static final Mail MAIL = new Mail("jane.doe@example.com", "Willkommen, Jane – Grüße",
            "Hallo Jane,\nbitte aktivieren: https://x.example/a?b=1&c=2", "<p>Hallo <b>Jane</b> – Grüße</p>");

    private MockWebServer server;
    private SesV2Client client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = SesMailer.client(Region.US_EAST_1, CREDENTIALS, endpoint());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void sendsOneSimpleUtf8MessageFromTheSender() throws Exception {
        server.enqueue(ok());

        new SesMailer(client, SENDER).send(MAIL);

        assertEquals(1, server.getRequestCount());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/v2/email/outbound-emails", request.getTarget());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"), request.getHeaders().get("Content-Type"));
        String authorization = request.getHeaders().get("Authorization");
        assertNotNull(authorization, "SigV4 Authorization header");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/us-east-1/ses/aws4_request"), authorization);
        assertTrue(authorization.contains("SignedHeaders=") && authorization.contains("Signature="), authorization);
        assertNotNull(request.getHeaders().get("X-Amz-Date"));
        assertEquals("attempt=1; max=3", request.getHeaders().get("amz-sdk-request"));

        JsonNode json = JsonNode.parser().parse(request.getBody().string(StandardCharsets.UTF_8));
        assertEquals(SENDER, string(json, "FromEmailAddress"));
        List<JsonNode> to = json.field("Destination").orElseThrow().field("ToAddresses").orElseThrow().asArray();
        assertEquals(1, to.size());
        assertEquals("jane.doe@example.com", to.getFirst().asString());
        assertFalse(json.field("Destination").orElseThrow().field("CcAddresses").isPresent());
        JsonNode simple = json.field("Content").orElseThrow().field("Simple").orElseThrow();
        assertEquals(MAIL.subject(), string(simple, "Subject", "Data"));
        assertEquals("UTF-8", string(simple, "Subject", "Charset"));
        assertEquals(MAIL.text(), string(simple, "Body", "Text", "Data"));
        assertEquals("UTF-8", string(simple, "Body", "Text", "Charset"));
        assertEquals(MAIL.html(), string(simple, "Body", "Html", "Data"));
        assertEquals("UTF-8", string(simple, "Body", "Html", "Charset"));
        assertFalse(json.field("ConfigurationSetName").isPresent());
        assertEquals(Set.of("FromEmailAddress", "Destination", "Content"), json.asObject().keySet());
    }

    @Test
    void namesTheConfigurationSetWhenConfigured() throws Exception {
        server.enqueue(ok());

        new SesMailer(client, SENDER, "user-admin").send(MAIL);

        JsonNode json = JsonNode.parser().parse(take().getBody().string(StandardCharsets.UTF_8));
        assertEquals("user-admin", string(json, "ConfigurationSetName"));
    }

    @Test
    void messageRejectedIsAMailExceptionWithoutRetryAndWithoutTheAddress() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-ErrorType", "MessageRejected")
                .addHeader("x-amzn-RequestId", "req-400")
                .body("{\"message\":\"Email address is not verified. The following identities failed the check"
                        + " in region US-EAST-1: jane.doe@example.com\"}")
                .build());

        MailException e = assertThrows(MailException.class, () -> new SesMailer(client, SENDER).send(MAIL));

        assertEquals(1, server.getRequestCount());
        assertEquals("SES did not accept the mail to j***@example.com: MessageRejected (HTTP 400, request id req-400)", e.getMessage());
        assertFalse(e.getMessage().contains("jane.doe"));
        assertInstanceOf(AwsServiceException.class, e.getCause());
    }

    @Test
    void serverErrorsAreRetriedThreeTimesInAllThenAMailException() throws Exception {
        for (int i = 0; i < 4; i++) server.enqueue(serverError());

        MailException e = assertThrows(MailException.class, () -> new SesMailer(client, SENDER).send(MAIL));

        assertEquals(3, server.getRequestCount());
        for (int attempt = 1; attempt <= 3; attempt++) {
            RecordedRequest request = take();
            assertEquals("/v2/email/outbound-emails", request.getTarget());
            assertEquals("attempt=" + attempt + "; max=3", request.getHeaders().get("amz-sdk-request"));
        }
        assertTrue(e.getMessage().startsWith("SES did not accept the mail to j***@example.com: InternalFailure (HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains("jane.doe"));
    }

    @Test
    void aServerErrorFollowedBySuccessIsASuccess() {
        server.enqueue(serverError());
        server.enqueue(ok());

        new SesMailer(client, SENDER).send(MAIL);

        assertEquals(2, server.getRequestCount());
    }

    @Test
    void throttlingIsRetried() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .body("{\"message\":\"Too many requests\"}")
                .build());
        server.enqueue(ok());

        new SesMailer(client, SENDER).send(MAIL);

        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anUnreachableEndpointIsAMailException() throws IOException {
        int port;
        try (MockWebServer closed = new MockWebServer()) {
            closed.start(InetAddress.getByName("127.0.0.1"), 0);
            port = closed.getPort();
        }
        try (SesV2Client unreachable = SesMailer.client(Region.US_EAST_1, CREDENTIALS, URI.create("http://127.0.0.1:" + port))) {
            MailException e = assertThrows(MailException.class, () -> new SesMailer(unreachable, SENDER).send(MAIL));

            assertTrue(e.getMessage().startsWith("Could not hand the mail to j***@example.com over to SES: "), e.getMessage());
            assertInstanceOf(SdkClientException.class, e.getCause());
        }
    }

    @Test
    void fromEnvironmentReadsSenderConfigurationSetRegionAndTheSesEndpoint() throws Exception {
        server.enqueue(ok());
        Map<String, String> env = Map.of(
                "AWS_REGION", "eu-central-1",
                "MAIL_SENDER", SENDER,
                "SES_CONFIGURATION_SET", "user-admin",
                "AWS_ENDPOINT_URL_SES", endpoint().toString());

        SesMailer.fromEnvironment(env::get, CREDENTIALS).send(MAIL);

        RecordedRequest request = take();
        assertTrue(request.getHeaders().get("Authorization").contains("/eu-central-1/ses/aws4_request"));
        JsonNode json = JsonNode.parser().parse(request.getBody().string(StandardCharsets.UTF_8));
        assertEquals(SENDER, string(json, "FromEmailAddress"));
        assertEquals("user-admin", string(json, "ConfigurationSetName"));
    }

    @Test
    void theSdkItselfReadsTheSesv2EndpointSetting() throws Exception {
        // The SDK's own setting; AWS_ENDPOINT_URL_SESV2 is the environment spelling of this system property.
        server.enqueue(ok());
        System.setProperty("aws.endpointUrlSesV2", endpoint().toString());
        try (SesV2Client sdkResolved = SesMailer.client(Region.US_EAST_1, CREDENTIALS, null)) {
            new SesMailer(sdkResolved, SENDER).send(MAIL);
        } finally {
            System.clearProperty("aws.endpointUrlSesV2");
        }
        assertEquals("/v2/email/outbound-emails", take().getTarget());
    }

    @Test
    void fromEnvironmentNeedsRegionAndSender() {
        IllegalStateException noSender = assertThrows(IllegalStateException.class,
                () -> SesMailer.fromEnvironment(Map.of("AWS_REGION", "us-east-1")::get, CREDENTIALS));
        assertTrue(noSender.getMessage().contains("MAIL_SENDER"));
        IllegalStateException noRegion = assertThrows(IllegalStateException.class,
                () -> SesMailer.fromEnvironment(Map.of("MAIL_SENDER", SENDER)::get, CREDENTIALS));
        assertTrue(noRegion.getMessage().contains("AWS_REGION"));
    }

    @Test
    void theSesEndpointIsOverriddenOnlyWhenTheSdkDoesNotResolveOneItself() {
        assertEquals(URI.create("http://localhost:4566"),
                SesMailer.endpointOverride(Map.of("AWS_ENDPOINT_URL_SES", "http://localhost:4566")::get).orElseThrow());
        assertTrue(SesMailer.endpointOverride(Map.of(
                "AWS_ENDPOINT_URL_SES", "http://localhost:4566",
                "AWS_ENDPOINT_URL_SESV2", "http://localhost:4567")::get).isEmpty());
        assertTrue(SesMailer.endpointOverride(Map.of(
                "AWS_ENDPOINT_URL_SES", "http://localhost:4566",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")::get).isEmpty());
        assertTrue(SesMailer.endpointOverride(Map.<String, String>of()::get).isEmpty());
    }

    @Test
    void masksAddresses() {
        assertEquals("j***@example.com", SesMailer.mask("jane.doe@example.com"));
        assertEquals("***", SesMailer.mask("@example.com"));
        assertEquals("***", SesMailer.mask("no-at-sign"));
        assertEquals("***", SesMailer.mask(null));
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the server");
        return request;
    }

    private static MockResponse ok() {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-RequestId", "req-200")
                .body("{\"MessageId\":\"0100018f-abc\"}")
                .build();
    }

    private static MockResponse serverError() {
        return new MockResponse.Builder()
                .code(500)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-amzn-ErrorType", "InternalFailure")
                .addHeader("x-amzn-RequestId", "req-500")
                .body("{\"message\":\"Internal failure\"}")
                .build();
    }

    private static String string(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) current = current.field(name).orElseThrow(() -> new AssertionError("missing " + name));
        return current.asString();
    }
}
