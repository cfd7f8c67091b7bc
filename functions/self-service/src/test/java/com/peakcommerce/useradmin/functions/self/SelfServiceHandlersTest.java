package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The self-service handlers, driven by the events in events/, against the moto emulator. */
class SelfServiceHandlersTest {
    private static final String SUSPENDED_ID = "00000000-0000-4000-8000-000000000003";

    private final World world = World.seeded();
    private final SelfService self = new SelfService(world.stores, world.administration,
            new DynamoResetLimiter(world.dynamo.client, world.dynamo.table), world.clock);
    /** The customer the /me events' token names, at version 2 (the events' If-Match). */
    private final User carla = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    private static APIGatewayV2HTTPEvent withBody(String name, String body) {
        APIGatewayV2HTTPEvent event = Events.load(name);
        event.setBody(body);
        return event;
    }

    private Answer publicReset(APIGatewayV2HTTPEvent event) {
        return Answer.of(new PublicPasswordResetHandler(self, Duration.ZERO, world.http), event);
    }

    @Test
    void getMeEventAnswersTheCallersOwnRecordWithItsETag() {
        Answer answer = Answer.of(new GetMeHandler(world.directory, world.http), Events.load("get-me"));

        assertEquals(200, answer.status());
        assertEquals(CUSTOMER_ID, answer.body().get("id"));
        assertEquals("CUSTOMER", answer.body().get("role"));
        assertEquals("\"" + carla.version() + "\"", answer.header("ETag"));
    }

    @Test
    void aSuspendedCallerIs403OnEveryMeRoute() {
        world.seed(User.created(TENANT, SUSPENDED_ID, World.fieldsFor(Role.CUSTOMER, "Sam", "Suspended", "sam@example.com"), true, "seed", NOW));
        for (var answer : List.of(
                Answer.of(new GetMeHandler(world.directory, world.http), as(SUSPENDED_ID, Events.load("get-me"))),
                Answer.of(new UpdateMeHandler(self, world.http), as(SUSPENDED_ID, Events.load("update-me"))),
                Answer.of(new ChangeMyEmailHandler(self, world.http), as(SUSPENDED_ID, Events.load("change-my-email"))),
                Answer.of(new ResetMyPasswordHandler(self, world.http), as(SUSPENDED_ID, Events.load("reset-my-password"))))) {
            assertEquals(403, answer.status());
        }
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void updateMeEventChangesTheNamesAndTheLogin() {
        Answer answer = Answer.of(new UpdateMeHandler(self, world.http), Events.load("update-me"));

        assertEquals(200, answer.status());
        assertEquals("Carol", answer.body().get("firstName"));
        assertEquals("Client", answer.body().get("lastName"));
        assertEquals("\"" + (carla.version() + 1) + "\"", answer.header("ETag"));
        assertEquals("Carol", world.identityProvider.logins.get(CUSTOMER_ID).givenName());
    }

    @Test
    void updateMeRefusesOtherFieldsByNameAndNeedsACurrentIfMatch() {
        Answer refused = Answer.of(new UpdateMeHandler(self, world.http), withBody("update-me", "{\"firstName\":\"Carol\",\"jobTitle\":\"Buyer\",\"accountNumber\":\"A1\"}"));
        assertEquals(400, refused.status());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(List.of("accountNumber", "jobTitle"), refused.errorFields().stream().sorted().toList());

        APIGatewayV2HTTPEvent stale = Events.load("update-me");
        stale.getHeaders().put("if-match", "\"1\"");
        Answer staleAnswer = Answer.of(new UpdateMeHandler(self, world.http), stale);
        assertEquals(412, staleAnswer.status());
        assertEquals(List.of("If-Match"), staleAnswer.errorFields());

        APIGatewayV2HTTPEvent missing = Events.load("update-me");
        missing.getHeaders().remove("if-match");
        assertEquals(428, Answer.of(new UpdateMeHandler(self, world.http), missing).status());
        assertEquals("Carla", world.stored(CUSTOMER_ID).firstName());
    }

    @Test
    void changeMyEmailEventMovesTheUsernameAndMailsTheNewAddress() {
        Answer answer = Answer.of(new ChangeMyEmailHandler(self, world.http), Events.load("change-my-email"));

        assertEquals(200, answer.status());
        assertEquals("carol.client@example.com", answer.body().get("username"));
        assertEquals("ACTIVE_UNVERIFIED", answer.body().get("status"));
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(CUSTOMER_ID).status());
        assertEquals("carol.client@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("email-verification"));
    }

    @Test
    void changeMyEmailToATakenAddressIs409NamingEmail() {
        world.seedUser(TENANT, "00000000-0000-4000-8000-000000000004", Role.CUSTOMER, "Carol", "Other", "Carol.Client@example.com");

        Answer answer = Answer.of(new ChangeMyEmailHandler(self, world.http), Events.load("change-my-email"));

        assertEquals(409, answer.status());
        assertEquals(List.of("email"), answer.errorFields());
        assertEquals("carla@example.com", world.stored(CUSTOMER_ID).username());
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void resetMyPasswordEventMailsTheCallerTheLink() {
        Answer answer = Answer.of(new ResetMyPasswordHandler(self, world.http), Events.load("reset-my-password"));

        assertEquals(202, answer.status());
        assertEquals("carla@example.com", answer.body().get("recipient"));
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + CUSTOMER_ID));
    }

    @Test
    void publicResetAnswersTheSameForAnExistingAnUnknownAndASuspendedAddressAndMailsOnlyTheActiveUser() {
        world.seed(User.created(TENANT, SUSPENDED_ID, World.fieldsFor(Role.CUSTOMER, "Sam", "Suspended", "sam@example.com"), true, "seed", NOW));

        Answer existing = publicReset(Events.load("public-password-reset"));
        Answer unknown = publicReset(withBody("public-password-reset", "{\"tenantId\":\"demo\",\"email\":\"nobody@example.com\"}"));
        Answer suspended = publicReset(withBody("public-password-reset", "{\"tenantId\":\"demo\",\"email\":\"sam@example.com\"}"));
        Answer otherTenant = publicReset(withBody("public-password-reset", "{\"tenantId\":\"nowhere\",\"email\":\"carla@example.com\"}"));

        for (Answer answer : List.of(existing, unknown, suspended, otherTenant)) {
            assertEquals(202, answer.status());
            assertEquals(existing.raw().getBody(), answer.raw().getBody());
            assertEquals(existing.raw().getHeaders(), answer.raw().getHeaders());
        }
        assertEquals(1, world.mailer.sent.size());
        assertEquals("carla@example.com", world.mailer.last().to());
    }

    @Test
    void publicResetStopsMailingAfterTheLimitButStillAnswers202() {
        for (int i = 0; i < SelfService.RESET_LIMIT + 2; i++) {
            assertEquals(202, publicReset(Events.load("public-password-reset")).status());
        }
        assertEquals(SelfService.RESET_LIMIT, world.mailer.sent.size());
    }

    @Test
    void publicResetRefusesOnlyMalformedInput() {
        Answer answer = publicReset(withBody("public-password-reset", "{\"tenantId\":\"demo#X\",\"email\":\"carla\"}"));
        assertEquals(400, answer.status());
        assertEquals(List.of("email", "tenantId"), answer.errorFields().stream().sorted().toList());
        assertEquals(400, publicReset(withBody("public-password-reset", null)).status());
    }

    @Test
    void everyPublicAnswerTakesAtLeastTheConfiguredMinimum() {
        Duration minimum = Duration.ofMillis(150);
        var handler = new PublicPasswordResetHandler(self, minimum, world.http);
        for (String body : new String[]{"{\"tenantId\":\"demo\",\"email\":\"nobody@example.com\"}", "{\"tenantId\":\"demo\"}"}) {
            long start = System.nanoTime();
            Answer answer = Answer.of(handler, withBody("public-password-reset", body));
            assertNotNull(answer);
            assertTrue(System.nanoTime() - start >= minimum.toNanos(), "answered before the minimum: " + body);
        }
    }

    @Test
    void thePublicEventCarriesNoToken() {
        APIGatewayV2HTTPEvent event = Events.load("public-password-reset");
        assertNull(event.getRequestContext().getAuthorizer());
        assertNull(event.getHeaders().get("authorization"));
    }

    /** The same event as another user of the tenant. */
    private static APIGatewayV2HTTPEvent as(String userId, APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        claims.put("https://peakcommerce.example/user_id", userId);
        return event;
    }
}
