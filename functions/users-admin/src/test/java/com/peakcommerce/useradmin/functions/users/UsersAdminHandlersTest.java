package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The users-admin handlers, driven by the events in events/, against the moto emulator. */
class UsersAdminHandlersTest {
    private final World world = World.seeded();

    private Answer create(APIGatewayV2HTTPEvent event) { return Answer.of(new CreateUserHandler(world.administration, world.http), event); }

    private APIGatewayV2HTTPEvent withBody(String name, String body) {
        APIGatewayV2HTTPEvent event = Events.load(name);
        event.setBody(body);
        return event;
    }

    @Test
    void createUserEventCreatesTheCustomerAndAnswers201WithLocationAndETag() {
        Answer answer = create(Events.load("create-user"));

        assertEquals(201, answer.status());
        String id = (String) answer.body().get("id");
        assertEquals("/users/" + id, answer.header("Location"));
        assertEquals("\"2\"", answer.header("ETag"));
        assertEquals("ACTIVE_UNVERIFIED", answer.body().get("status"));
        assertEquals("Active (unverified)", answer.body().get("statusLabel"));
        assertEquals(Map.of("method", "EMAIL_LINK", "sendTo", "PRIMARY", "recipient", "carla.customer@example.com", "mailSent", true), answer.body().get("activation"));
        assertEquals("carla.customer@example.com", world.mailer.last().to());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(id).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON        | {\"role\":                                                        | (body)",
            "not an object         | [1,2]                                                             | (body)",
            "wrong type            | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":7,\"lastName\":\"A\",\"username\":\"a@example.com\"} | firstName",
            "unknown field         | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"age\":3} | age",
            "invalid email         | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@@example\"} | username",
            "missing role field    | {\"role\":\"PARTNER_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\"} | securityRealm",
            "inapplicable field    | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"accountNumber\":\"A1\"} | accountNumber",
            "unknown role          | {\"role\":\"KING\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\"} | role",
            "bad activation        | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"activation\":{\"method\":\"PIGEON\"}} | activation.method",
            "content after the JSON | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\"} garbage | (body)",
            "two JSON objects      | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\"}{\"b\":2} | (body)",
            "a lone surrogate      | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"\\ud800\",\"lastName\":\"A\",\"username\":\"a@example.com\"} | firstName",
            "a lone low surrogate  | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"company\":\"x\\udc00\"} | company",
            "NUL in a username     | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"x\\u0000y@example.com\"} | username",
            "a tab in a name       | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\\tB\",\"username\":\"a@example.com\"} | lastName",
            "a line break          | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"streetAddress\":\"1 Main St\\n2nd floor\"} | streetAddress",
            "a C1 control          | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\\u0085\",\"lastName\":\"A\",\"username\":\"a@example.com\"} | firstName",
            "in a nested object    | {\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"A\",\"lastName\":\"A\",\"username\":\"a@example.com\",\"activation\":{\"method\":\"PASSWORD\",\"password\":\"Secret\\u0000123!\"}} | activation.password",
    })
    void badInputIsA400ProblemNamingTheFieldAndWritesNothing(String label, String body, String field) {
        Answer answer = create(withBody("create-user", body));

        assertEquals(400, answer.status(), label);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(List.of(field), answer.errorFields(), label);
        assertEquals(List.of("ada.admin@example.com"), world.identityProvider.logins.values().stream().map(l -> l.email()).toList());
    }

    @Test
    void aPartnerAccountExecutiveWithAnAccountNumberIsAnAnswerTheApiDescriptionHolds() {
        world.seedUser(TENANT, "pa-1", Role.PARTNER_ADMIN, "Pia", "Partneradmin", "pia@example.com");
        // Answer.of holds every answer against docs/openapi.yaml: the 201 and the PATCH's 200 carry accountNumber.
        Answer created = create(withBody("create-user", "{\"role\":\"PARTNER_ACCOUNT_EXECUTIVE\",\"firstName\":\"Pete\",\"lastName\":\"Pae\","
                + "\"username\":\"pete@example.com\",\"profileId\":\"" + World.PROFILE_ID + "\",\"partnerAdminId\":\"pa-1\",\"accountNumber\":\"A000001212\"}"));
        assertEquals(201, created.status());
        assertEquals("A000001212", created.body().get("accountNumber"));

        APIGatewayV2HTTPEvent patch = Events.load("update-user");
        patch.getPathParameters().put("userId", (String) created.body().get("id"));
        patch.getHeaders().put("if-match", created.header("ETag"));
        patch.setBody("{\"accountNumber\":\"A000001213\"}");
        Answer changed = Answer.of(new UpdateUserHandler(world.administration, world.http), patch);
        assertEquals(200, changed.status());
        assertEquals("A000001213", changed.body().get("accountNumber"));
    }

    @Test
    void aValidSurrogatePairIsStoredAsSent() {
        Answer answer = create(withBody("create-user", "{\"role\":\"GLOBAL_ADMIN\",\"firstName\":\"Emoji \\ud83d\\ude00\",\"lastName\":\"Ünïcödé\",\"username\":\"e@example.com\"}"));
        assertEquals(201, answer.status());
        assertEquals("Emoji \ud83d\ude00", world.stored((String) answer.body().get("id")).firstName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "text/plain", "none", "application/xml", "application/merge-patch+json", "application/json; charset=iso-8859-1", "application/jsonx"})
    void aBodyThatIsNotSentAsJsonIs415AndWritesNothing(String contentType) {
        APIGatewayV2HTTPEvent event = Events.load("create-user");
        if (contentType == null) event.getHeaders().remove("content-type");
        else event.getHeaders().put("content-type", contentType);

        Answer answer = create(event);

        assertEquals(415, answer.status(), contentType);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(List.of("Content-Type"), answer.errorFields());
        assertEquals(1, world.identityProvider.logins.size(), "only the seeded admin");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/json"})
    void jsonWithOrWithoutACharsetIsTaken(String contentType) {
        APIGatewayV2HTTPEvent event = Events.load("create-user");
        event.getHeaders().put("content-type", contentType);
        assertEquals(201, create(event).status(), contentType);
    }

    @Test
    void aPatchTakesMergePatchJsonButNotTextOrTrailingContent() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        APIGatewayV2HTTPEvent mergePatch = Events.load("update-user");
        mergePatch.getHeaders().put("if-match", "\"" + world.stored(CUSTOMER_ID).version() + "\"");
        mergePatch.getHeaders().put("content-type", "application/merge-patch+json");
        assertEquals(200, Answer.of(new UpdateUserHandler(world.administration, world.http), mergePatch).status());
        long version = world.stored(CUSTOMER_ID).version();

        APIGatewayV2HTTPEvent text = Events.load("update-user");
        text.getHeaders().put("if-match", "\"" + version + "\"");
        text.getHeaders().put("content-type", "text/plain");
        assertEquals(415, Answer.of(new UpdateUserHandler(world.administration, world.http), text).status());

        APIGatewayV2HTTPEvent trailing = Events.load("update-user");
        trailing.getHeaders().put("if-match", "\"" + version + "\"");
        trailing.setBody("{\"jobTitle\":\"Trailing\"} garbage");
        Answer refused = Answer.of(new UpdateUserHandler(world.administration, world.http), trailing);
        assertEquals(400, refused.status());
        assertEquals(List.of("(body)"), refused.errorFields());
        assertEquals(version, world.stored(CUSTOMER_ID).version(), "nothing changed");
        assertNotEquals("Trailing", world.stored(CUSTOMER_ID).text(com.peakcommerce.useradmin.domain.UserField.JOB_TITLE));
    }

    @Test
    void anOversizeBodyIsRefusedBeforeParsing() {
        Answer answer = create(withBody("create-user", "{\"company\":\"" + "x".repeat(20_000) + "\"}"));
        assertEquals(400, answer.status());
        assertEquals(List.of("(body)"), answer.errorFields());
    }

    @Test
    void aBase64BodyIsDecoded() {
        APIGatewayV2HTTPEvent event = Events.load("create-user");
        event.setBody(java.util.Base64.getEncoder().encodeToString(event.getBody().getBytes()));
        event.setIsBase64Encoded(true);
        assertEquals(201, create(event).status());
    }

    @Test
    void aSecondCreateOfTheSameUsernameIs409NamingTheUsername() {
        create(Events.load("create-user"));
        Answer answer = create(Events.load("create-user"));
        assertEquals(409, answer.status());
        assertEquals(List.of("username"), answer.errorFields());
    }

    @Test
    void anIdentityProviderOutageIsA503WithRetryAfter() {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        Answer answer = create(Events.load("create-user"));
        assertEquals(503, answer.status());
        assertEquals("5", answer.header("Retry-After"));
        assertEquals(201, create(Events.load("create-user")).status());
    }

    @Test
    void aTokenWithoutTenantClaimsIs403AndAnUnexpectedFailureIs500WithOnlyTheRequestId() {
        APIGatewayV2HTTPEvent event = Events.load("create-user");
        event.getRequestContext().getAuthorizer().getJwt().getClaims().remove("https://peakcommerce.example/tenant");
        assertEquals(403, create(event).status());

        APIGatewayV2HTTPEvent event2 = Events.load("create-user");
        Answer broken = Answer.of(new CreateUserHandler(null, world.http), event2);
        assertEquals(500, broken.status());
        assertEquals(event2.getRequestContext().getRequestId(), broken.body().get("requestId"));
        assertFalse(broken.body().toString().contains("NullPointer"));
    }

    @Test
    void updateUserEventChangesTheUserWithIfMatch() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        APIGatewayV2HTTPEvent event = Events.load("update-user");
        event.getHeaders().put("if-match", "\"" + world.stored(CUSTOMER_ID).version() + "\"");

        Answer answer = Answer.of(new UpdateUserHandler(world.administration, world.http), event);

        assertEquals(200, answer.status());
        assertEquals("Grace", answer.body().get("firstName"));
        assertEquals("Buyer", answer.body().get("jobTitle"));
        assertEquals("\"" + answer.body().get("version") + "\"", answer.header("ETag"));
    }

    @Test
    void aStaleIfMatchIs412AndAMissingOneIs428() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        APIGatewayV2HTTPEvent stale = Events.load("update-user");
        stale.getHeaders().put("if-match", "\"1\"");
        Answer answer = Answer.of(new UpdateUserHandler(world.administration, world.http), stale);
        assertEquals(412, answer.status());
        assertEquals(List.of("If-Match"), answer.errorFields());

        APIGatewayV2HTTPEvent missing = Events.load("update-user");
        missing.getHeaders().remove("if-match");
        assertEquals(428, Answer.of(new UpdateUserHandler(world.administration, world.http), missing).status());

        APIGatewayV2HTTPEvent garbled = Events.load("update-user");
        garbled.getHeaders().put("if-match", "latest");
        assertEquals(List.of("If-Match"), Answer.of(new UpdateUserHandler(world.administration, world.http), garbled).errorFields());
        assertEquals("Carla", world.stored(CUSTOMER_ID).firstName());
    }

    @Test
    void suspendEnableDeleteAndMailEventsDoWhatTheySay() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

        Answer suspended = Answer.of(new SuspendUserHandler(world.administration, world.http), Events.load("suspend-user"));
        assertEquals("SUSPENDED", suspended.body().get("status"));
        assertTrue(world.identityProvider.logins.get(CUSTOMER_ID).blocked());
        Answer enabled = Answer.of(new EnableUserHandler(world.administration, world.http), Events.load("enable-user"));
        assertEquals("ACTIVE_UNVERIFIED", enabled.body().get("status"));

        Answer reset = Answer.of(new ResetPasswordHandler(world.administration, world.http), Events.load("reset-password"));
        assertEquals(202, reset.status());
        assertEquals("carla@example.com", reset.body().get("recipient"));
        assertTrue(world.mailer.last().subject().startsWith("Reset your Demo Portal password"));
        Answer verification = Answer.of(new SendVerificationEmailHandler(world.administration, world.http), Events.load("send-verification-email"));
        assertEquals(202, verification.status());
        assertTrue(world.mailer.last().text().contains("email-verification"));

        Answer deleted = Answer.of(new DeleteUserHandler(world.administration, world.http), Events.load("delete-user"));
        assertEquals(204, deleted.status());
        assertNull(deleted.raw().getBody());
        assertEquals(404, Answer.of(new DeleteUserHandler(world.administration, world.http), Events.load("delete-user")).status());
    }

    @Test
    void bootstrapTenantEventCreatesTheTenantAndItsFirstGlobalAdminOnceEvenWhenSentTwice() {
        World empty = new World();
        var handler = new BootstrapTenantHandler(empty.administration);
        Map<String, Object> input = new HashMap<>(Events.loadRaw("bootstrap-tenant"));

        Map<String, Object> first = handler.handleRequest(input, null);
        @SuppressWarnings("unchecked") Map<String, Object> admin = (Map<String, Object>) first.get("admin");
        assertEquals("GLOBAL_ADMIN", admin.get("role"));
        assertEquals("ada.admin@example.com", empty.mailer.last().to());
        assertTrue(empty.mailer.last().subject().contains("Demo Portal"));

        Map<String, Object> again = handler.handleRequest(input, null);
        assertEquals("Conflict", again.get("error"));
        assertEquals(1, empty.identityProvider.logins.size());
    }

    @Test
    void twoConcurrentCreatesWithOneUsernameAnswer201And409() throws Exception {
        assertEquals(List.of(201, 409), concurrently(() -> create(Events.load("create-user")).status()));
        assertEquals(1, world.identityProvider.logins.values().stream().filter(l -> l.email().equals("carla.customer@example.com")).count());
    }

    @Test
    void twoConcurrentPatchesOfOneVersionAnswer200And412() throws Exception {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        String version = "\"" + world.stored(CUSTOMER_ID).version() + "\"";

        var titles = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of("Buyer", "Owner"));
        // Two different changes from one version: the second must not silently overwrite the first.
        // (Two identical ones may both succeed: the second finds its change applied, as a retry would.)
        assertEquals(List.of(200, 412), concurrently(() -> {
            APIGatewayV2HTTPEvent event = Events.load("update-user");
            event.setBody("{\"jobTitle\":\"" + titles.poll() + "\"}");
            event.getHeaders().put("if-match", version);
            return Answer.of(new UpdateUserHandler(world.administration, world.http), event).status();
        }));
        assertEquals(Long.parseLong(version.replace("\"", "")) + 1, world.stored(CUSTOMER_ID).version());
    }

    /** Runs {@code request} twice at once, released together; the statuses, sorted. */
    private static List<Integer> concurrently(java.util.concurrent.Callable<Integer> request) throws Exception {
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var futures = java.util.stream.Stream.of(1, 2).map(i -> pool.submit(() -> {
                start.await();
                return request.call();
            })).toList();
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var future : futures) statuses.add(future.get());
            return statuses.stream().sorted().toList();
        }
    }
}
