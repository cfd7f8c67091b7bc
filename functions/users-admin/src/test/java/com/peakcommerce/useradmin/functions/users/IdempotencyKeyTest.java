package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Idempotency-Key} on the users-admin writes (SPEC "The HTTP API", B2), through the real
 * handlers, the HTTP layer and the DynamoDB store on the moto emulator; every answer is held against
 * docs/openapi.yaml.
 */
class IdempotencyKeyTest {
    private static final String KEY = "3f1c0b7e-5a4d-4c1e-9b8a-2d6e7f809a1b";
    private static final String OTHER_ADMIN_ID = "00000000-0000-4000-8000-000000000003";
    private static final String CARLA = "carla.customer@example.com";

    private final World world = World.seeded();

    /** The HTTP layer on this test's table, or on a store a test puts in its place. */
    private Http http = world.http;

    private static Http withStore(IdempotencyStore store) { return new Http(store, Settings.DEFAULT_CLAIM_NAMESPACE); }

    private Answer create(APIGatewayV2HTTPEvent event) { return Answer.of(new CreateUserHandler(world.administration, http), event); }

    private static APIGatewayV2HTTPEvent keyed(String eventName, String key) {
        APIGatewayV2HTTPEvent event = Events.load(eventName);
        if (key != null) event.getHeaders().put("idempotency-key", key);
        return event;
    }

    private static APIGatewayV2HTTPEvent createOf(String username, String key) {
        APIGatewayV2HTTPEvent event = keyed("create-user", key);
        event.setBody(event.getBody().replace(CARLA, username));
        return event;
    }

    private long loginsFor(String email) {
        return world.identityProvider.logins.values().stream().filter(l -> l.email().equals(email)).count();
    }

    private long mailsTo(String email) {
        return world.mailer.sent.stream().filter(m -> m.to().equals(email)).count();
    }

    @Test
    void aCreateSentTwiceWithOneKeyCreatesOneUserAndAnswersTheSame201Twice() {
        Answer first = create(keyed("create-user", KEY));
        Answer second = create(keyed("create-user", KEY));

        assertEquals(201, first.status());
        assertEquals(201, second.status());
        assertEquals(first.raw().getBody(), second.raw().getBody());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(first.header("ETag"), second.header("ETag"));
        assertEquals("application/json", second.contentType());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(1, loginsFor(CARLA));
        assertEquals(1, world.identityProvider.calls.stream().filter(c -> c.startsWith("createLogin")).count());
        assertEquals(1, mailsTo(CARLA));
    }

    @Test
    void aKeyedWriteCostsTwoDynamoDbRequestsMoreAndAReplayOne() {
        create(createOf("first@example.com", null));
        List<String> unkeyed = world.dynamo.calls();
        world.dynamo.resetCalls();

        create(createOf("second@example.com", KEY));
        List<String> keyed = world.dynamo.calls();
        world.dynamo.resetCalls();
        create(createOf("second@example.com", KEY));
        List<String> replay = world.dynamo.calls();

        List<String> expected = new ArrayList<>();
        expected.add("putItem");       // the claim
        expected.addAll(unkeyed);      // the operation, unchanged
        expected.add("updateItem");    // the answer stored
        assertEquals(expected, keyed);
        assertEquals(List.of("putItem"), replay); // the failed claim returns the stored answer
    }

    @Test
    void writesWithoutAKeyNeverTouchTheStore() {
        http = withStore(new IdempotencyStore() {
            public Outcome claim(String t, String c, String k, String f) { throw new AssertionError("claimed"); }
            public void complete(Claimed claim, StoredAnswer answer) { throw new AssertionError("completed"); }
            public void release(Claimed claim) { throw new AssertionError("released"); }
        });
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

        assertEquals(201, create(createOf("dora@example.com", null)).status());
        assertEquals(200, Answer.of(new SuspendUserHandler(world.administration, http), keyed("suspend-user", null)).status());
        assertEquals(204, Answer.of(new DeleteUserHandler(world.administration, http), keyed("delete-user", null)).status());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422NamingTheKeyAndCreatesNothing() {
        assertEquals(201, create(keyed("create-user", KEY)).status());

        Answer answer = create(createOf("dora@example.com", KEY));

        assertEquals(422, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(List.of("Idempotency-Key"), answer.errorFields());
        assertEquals(0, loginsFor("dora@example.com"));
        assertEquals(0, mailsTo("dora@example.com"));
    }

    @Test
    void aPatchReplaysIts200AndETagEvenAfterTheUserMovedOn() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        long version = world.stored(CUSTOMER_ID).version();
        APIGatewayV2HTTPEvent patch = keyed("update-user", KEY);
        patch.getHeaders().put("if-match", "\"" + version + "\"");
        Answer first = Answer.of(new UpdateUserHandler(world.administration, http), patch);
        assertEquals(200, first.status());

        APIGatewayV2HTTPEvent later = keyed("update-user", "another-key");
        later.getHeaders().put("if-match", "\"" + (version + 1) + "\"");
        later.setBody("{\"jobTitle\":\"Owner\"}");
        assertEquals(200, Answer.of(new UpdateUserHandler(world.administration, http), later).status());

        APIGatewayV2HTTPEvent retry = keyed("update-user", KEY);
        retry.getHeaders().put("if-match", "\"" + version + "\"");
        Answer replayed = Answer.of(new UpdateUserHandler(world.administration, http), retry);

        assertEquals(200, replayed.status());
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        assertEquals(first.raw().getBody(), replayed.raw().getBody());
        assertEquals("\"" + (version + 1) + "\"", replayed.header("ETag"));
        assertEquals("Owner", world.stored(CUSTOMER_ID).text(com.peakcommerce.useradmin.domain.UserField.JOB_TITLE));
        assertEquals(version + 2, world.stored(CUSTOMER_ID).version());

        APIGatewayV2HTTPEvent otherVersion = keyed("update-user", KEY);
        otherVersion.getHeaders().put("if-match", "\"" + (version + 2) + "\"");
        assertEquals(422, Answer.of(new UpdateUserHandler(world.administration, http), otherVersion).status(), "If-Match is part of the request");
    }

    @Test
    void aDeleteSentAgainWithItsKeyIs204NotTheUnkeyed404() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

        Answer first = Answer.of(new DeleteUserHandler(world.administration, http), keyed("delete-user", KEY));
        Answer again = Answer.of(new DeleteUserHandler(world.administration, http), keyed("delete-user", KEY));

        assertEquals(204, first.status());
        assertEquals(204, again.status());
        assertNull(again.raw().getBody());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1, world.identityProvider.calls.stream().filter(c -> c.startsWith("deleteLogin")).count());
        assertEquals(404, Answer.of(new DeleteUserHandler(world.administration, http), keyed("delete-user", null)).status());
    }

    @Test
    void aSuspendAndAPasswordResetAreNotDoneTwice() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

        Answer suspended = Answer.of(new SuspendUserHandler(world.administration, http), keyed("suspend-user", "s-1"));
        Answer suspendedAgain = Answer.of(new SuspendUserHandler(world.administration, http), keyed("suspend-user", "s-1"));
        Answer.of(new EnableUserHandler(world.administration, http), keyed("enable-user", "e-1"));
        Answer reset = Answer.of(new ResetPasswordHandler(world.administration, http), keyed("reset-password", "r-1"));
        Answer resetAgain = Answer.of(new ResetPasswordHandler(world.administration, http), keyed("reset-password", "r-1"));

        assertEquals(suspended.raw().getBody(), suspendedAgain.raw().getBody());
        assertEquals("true", suspendedAgain.header("Idempotent-Replayed"));
        assertEquals(1, world.identityProvider.calls.stream().filter(c -> c.startsWith("block")).count());
        assertEquals(202, resetAgain.status());
        assertEquals(reset.raw().getBody(), resetAgain.raw().getBody());
        assertEquals(1, mailsTo("carla@example.com"));
    }

    @Test
    void a503IsNotStoredSoTheRetryWithTheSameKeyFinishesTheCreate() {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);

        Answer failed = create(keyed("create-user", KEY));
        Answer retried = create(keyed("create-user", KEY));
        Answer replayed = create(keyed("create-user", KEY));

        assertEquals(503, failed.status());
        assertEquals(201, retried.status());
        assertNull(retried.header("Idempotent-Replayed"));
        assertEquals(retried.raw().getBody(), replayed.raw().getBody());
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        assertEquals(1, loginsFor(CARLA));
        assertEquals(1, mailsTo(CARLA));
    }

    @Test
    void aRefusalIsNotStoredSoTheCorrectedRequestMayUseTheKey() {
        Answer refused = create(createOf("not-an-email", KEY));
        Answer corrected = create(keyed("create-user", KEY));

        assertEquals(400, refused.status());
        assertEquals(201, corrected.status());
        assertNull(corrected.header("Idempotent-Replayed"));
    }

    @Test
    void aRetryWhileTheFirstStillRunsIs409WithRetryAfterAndAnotherBody422() throws Exception {
        var entered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        IdentityProvider slow = new Delegating(world.identityProvider) {
            @Override
            public void createLogin(NewLogin login) {
                entered.countDown();
                await(proceed);
                super.createLogin(login);
            }
        };
        var handler = new CreateUserHandler(new UserAdministration(world.stores, slow, world.mailer, world.clock, () -> UUID.randomUUID().toString()), http);
        try (var pool = Executors.newSingleThreadExecutor()) {
            Future<Answer> first = pool.submit(() -> Answer.of(handler, keyed("create-user", KEY)));
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            Answer during = Answer.of(handler, keyed("create-user", KEY));
            Answer otherBody = Answer.of(handler, createOf("dora@example.com", KEY));
            proceed.countDown();

            assertEquals(409, during.status());
            assertEquals(List.of("Idempotency-Key"), during.errorFields());
            assertEquals("1", during.header("Retry-After"));
            assertEquals(422, otherBody.status());
            assertEquals(201, first.get(10, TimeUnit.SECONDS).status());
        }
        Answer after = Answer.of(handler, keyed("create-user", KEY));
        assertEquals(201, after.status());
        assertEquals("true", after.header("Idempotent-Replayed"));
        assertEquals(1, loginsFor(CARLA));
    }

    @Test
    void twoConcurrentRequestsWithOneKeyRunOnce() throws Exception {
        var start = new CountDownLatch(1);
        List<Answer> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return create(keyed("create-user", KEY));
                }));
            }
            start.countDown();
            for (var future : futures) answers.add(future.get(30, TimeUnit.SECONDS));
        }

        List<Integer> statuses = answers.stream().map(Answer::status).sorted().toList();
        assertTrue(statuses.equals(List.of(201, 201)) || statuses.equals(List.of(201, 409)), statuses.toString());
        assertEquals(1, answers.stream().filter(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null).count());
        assertEquals(1, world.identityProvider.calls.stream().filter(c -> c.startsWith("createLogin")).count());
        assertEquals(1, mailsTo(CARLA));
    }

    @Test
    void keysAreEachCallersOwn() {
        world.seedUser(TENANT, OTHER_ADMIN_ID, Role.GLOBAL_ADMIN, "Bea", "Boss", "bea.boss@example.com");
        assertEquals(201, create(keyed("create-user", KEY)).status());

        APIGatewayV2HTTPEvent byBea = createOf("dora@example.com", KEY);
        byBea.getRequestContext().getAuthorizer().getJwt().getClaims().put("https://peakcommerce.example/user_id", OTHER_ADMIN_ID);
        Answer answer = create(byBea);

        assertEquals(201, answer.status());
        assertNull(answer.header("Idempotent-Replayed"));
        assertEquals(1, loginsFor("dora@example.com"));
    }

    @Test
    void aRecordOlderThan24HoursIsIgnored() {
        http = withStore(new DynamoIdempotencyStore(world.dynamo.client, world.dynamo.table, Clock.fixed(NOW.minus(Duration.ofHours(25)), ZoneOffset.UTC)));
        assertEquals(201, create(keyed("create-user", KEY)).status());
        http = world.http;

        Answer answer = create(createOf("dora@example.com", KEY));

        assertEquals(201, answer.status(), "the expired record neither replays nor refuses");
        assertNull(answer.header("Idempotent-Replayed"));
    }

    @Test
    void aClaimWhoseRunDiedIsTakenOverByTheSameRequestAfterItsLease() {
        // A run that claimed the key and died (a Lambda timeout) before storing anything: its claim
        // stays IN_PROGRESS. Simulated by a store that claims and never settles.
        IdempotencyStore dying = new DynamoIdempotencyStore(world.dynamo.client, world.dynamo.table,
                Clock.fixed(NOW.minus(DynamoIdempotencyStore.LEASE).minusSeconds(1), ZoneOffset.UTC));
        http = withStore(new IdempotencyStore() {
            public Outcome claim(String t, String c, String k, String f) { return dying.claim(t, c, k, f); }
            public void complete(Claimed claim, StoredAnswer answer) { }
            public void release(Claimed claim) { }
        });
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertEquals(503, create(keyed("create-user", KEY)).status());
        http = world.http;

        Answer answer = create(keyed("create-user", KEY));

        assertEquals(201, answer.status());
        assertEquals(1, loginsFor(CARLA));
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndNeverStored() {
        APIGatewayV2HTTPEvent event = createOf("gene@example.com", KEY);
        event.setBody(event.getBody().replace("}", ",\"activation\":{\"method\":\"GENERATED_PASSWORD\"}}"));
        Answer first = create(event);
        APIGatewayV2HTTPEvent again = createOf("gene@example.com", KEY);
        again.setBody(event.getBody());
        Answer replayed = create(again);

        @SuppressWarnings("unchecked") String password = (String) ((Map<String, Object>) first.body().get("activation")).get("password");
        assertEquals(20, password.length());
        assertEquals(Map.of("method", "GENERATED_PASSWORD"), replayed.body().get("activation"));
        assertEquals(first.body().get("id"), replayed.body().get("id"));
        List<Map<String, AttributeValue>> items = world.dynamo.client.scan(b -> b.tableName(world.dynamo.table)).items();
        assertFalse(items.toString().contains(password), "the password is in the table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ключ", "tab\tkey"})
    void aMalformedKeyIs400NamingTheHeaderAndDoesNothing(String key) {
        Answer answer = create(keyed("create-user", key));

        assertEquals(400, answer.status());
        assertEquals(List.of("Idempotency-Key"), answer.errorFields());
        assertEquals(List.of(), world.dynamo.calls());
    }

    @Test
    void aKeyOf256CharactersIsRefusedAndOf255Accepted() {
        assertEquals(400, create(keyed("create-user", "k".repeat(256))).status());
        assertEquals(201, create(keyed("create-user", "k".repeat(255))).status());
    }

    @Test
    void aKeyFromATokenThatNamesNoCallerIsIgnored() {
        APIGatewayV2HTTPEvent event = keyed("create-user", "not valid either");
        event.getRequestContext().getAuthorizer().getJwt().getClaims().remove("https://peakcommerce.example/tenant");

        assertEquals(403, create(event).status());
        assertEquals(List.of(), world.dynamo.calls());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An identity provider that passes every call on; tests override the call they slow down. */
    private static class Delegating implements IdentityProvider {
        private final IdentityProvider target;

        Delegating(IdentityProvider target) { this.target = target; }

        @Override public void ensureConnection(String connection) { target.ensureConnection(connection); }
        @Override public void createLogin(NewLogin login) { target.createLogin(login); }
        @Override public void updateLogin(String userId, LoginUpdate update) { target.updateLogin(userId, update); }
        @Override public void block(String userId) { target.block(userId); }
        @Override public void unblock(String userId) { target.unblock(userId); }
        @Override public void deleteLogin(String userId) { target.deleteLogin(userId); }
        @Override public URI passwordChangeTicket(String userId) { return target.passwordChangeTicket(userId); }
        @Override public URI emailVerificationTicket(String userId) { return target.emailVerificationTicket(userId); }
    }
}
