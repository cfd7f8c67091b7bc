package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.User.PendingMail;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.OpenApiContract;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mail that follows a committed change and cannot be sent is marked owed on the user and resent by
 * the reconciler, exactly once, on the moto emulator.
 */
class OwedMailTest {
    private final World world = World.seeded();
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    /** Later than the reconciler's grace period. */
    private Reconciler reconciler() {
        Clock later = Clock.offset(world.clock, Reconciler.GRACE.plusMinutes(1));
        return new Reconciler(world.stores, new UserAdministration(world.stores, world.identityProvider, world.mailer, later, () -> UUID.randomUUID().toString()), later);
    }

    private static Map<String, Object> newCustomer(String username) {
        return new HashMap<>(Map.of("role", "CUSTOMER", "firstName", "Nina", "lastName", "New", "username", username,
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", World.PROFILE_ID));
    }

    private List<String> pendingIds() {
        return world.repository.pending(World.NOW.plus(Duration.ofHours(1)), null, 100).stream().map(User::id).toList();
    }

    private Provisioning.Created createWithFailingMail(String username) {
        world.mailer.failNext(1);
        return world.administration.create(world.admin, newCustomer(username));
    }

    @Test
    void aFailedActivationMailIsMarkedOwedAndTheReconcilerResendsItOnce() {
        var created = createWithFailingMail("nina@example.com");
        assertFalse(created.activationMailed());
        assertEquals(PendingMail.ACTIVATION, created.user().pendingMail());
        assertEquals("ACTIVATION", Representations.user(created.user()).get("mailPending"));

        User stored = world.stored(created.user().id());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, stored.status());
        assertEquals(PendingMail.ACTIVATION, stored.pendingMail());
        assertEquals(created.user().version(), stored.version(), "the mark bumps no version");
        assertTrue(pendingIds().contains(stored.id()), "in the pending index");
        assertEquals(0, world.mailer.sent.size());

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(1, world.mailer.sent.size());
        assertEquals("nina@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + stored.id()));
        User after = world.stored(stored.id());
        assertEquals(PendingMail.NONE, after.pendingMail());
        assertFalse(Representations.user(after).containsKey("mailPending"));
        assertFalse(pendingIds().contains(stored.id()), "out of the pending index");

        assertEquals(new Reconciler.Report(0, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(1, world.mailer.sent.size(), "exactly one extra mail");
    }

    @Test
    void theMarkIsPartOfTheDescribedUserAndCreatedUser() {
        var created = createWithFailingMail("nina@example.com");
        Map<String, Object> user = Representations.user(created.user());
        assertEquals("ACTIVATION", user.get("mailPending"));
        OpenApiContract.check("GET /users/{userId}", response(200, user));
        Map<String, Object> answer = new java.util.LinkedHashMap<>(user);
        answer.put("activation", Map.of("method", "EMAIL_LINK", "sendTo", "PRIMARY", "recipient", "nina@example.com", "mailSent", false));
        OpenApiContract.check("POST /users", response(201, answer));
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, Object> body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withBody(Json.write(body))
                .withHeaders(Map.of("Content-Type", "application/json", "ETag", "\"1\"", "Location", "/users/x")).build();
    }

    @Test
    void aResendThatFailsAgainKeepsTheMarkForTheNextRun() {
        var created = createWithFailingMail("nina@example.com");
        world.mailer.failNext(1);
        assertEquals(new Reconciler.Report(0, 0, 1, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(PendingMail.ACTIVATION, world.stored(created.user().id()).pendingMail());
        assertTrue(pendingIds().contains(created.user().id()));

        world.identityProvider.failNext("passwordChangeTicket", Reason.UNAVAILABLE);
        assertEquals(new Reconciler.Report(0, 0, 1, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(PendingMail.ACTIVATION, world.stored(created.user().id()).pendingMail());

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(1, world.mailer.sent.size());
        assertEquals(PendingMail.NONE, world.stored(created.user().id()).pendingMail());
    }

    @Test
    void aFailedVerificationMailAfterAnAdminUsernameChangeIsResent() {
        world.mailer.failNext(1);
        User changed = world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("username", "carla.new@example.com"));
        assertEquals(PendingMail.VERIFICATION, changed.pendingMail());
        assertEquals("VERIFICATION", Representations.user(changed).get("mailPending"));
        User stored = world.stored(CUSTOMER_ID);
        assertEquals(PendingMail.VERIFICATION, stored.pendingMail());
        assertFalse(stored.loginUpdatePending());
        assertTrue(pendingIds().contains(CUSTOMER_ID));

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(1, world.mailer.sent.size());
        assertEquals("carla.new@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/email-verification/" + CUSTOMER_ID));
        assertEquals(PendingMail.NONE, world.stored(CUSTOMER_ID).pendingMail());
        assertFalse(pendingIds().contains(CUSTOMER_ID));
    }

    @Test
    void aVerificationTicketThatCannotBeHadAfterAUsernameChangeIsOwedToo() {
        world.identityProvider.failNext("emailVerificationTicket", Reason.UNAVAILABLE);
        User changed = world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("username", "carla.new@example.com"));
        assertEquals(PendingMail.VERIFICATION, changed.pendingMail(), "the committed change answers, the mail is owed");
        assertEquals("carla.new@example.com", world.stored(CUSTOMER_ID).username());

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(List.of("carla.new@example.com"), world.mailer.sent.stream().map(m -> m.to()).toList());
        assertEquals(PendingMail.NONE, world.stored(CUSTOMER_ID).pendingMail());
    }

    @Test
    void anActivationStillOwedStaysOwedAcrossAUsernameChangeAndGoesToTheNewUsername() {
        var created = createWithFailingMail("nina@example.com");
        // No verification mail is sent meanwhile: the owed activation's link, to the new username, verifies it.
        User changed = world.administration.update(world.admin, created.user().id(), created.user().version(), Map.of("username", "nina.new@example.com"));
        assertEquals(PendingMail.ACTIVATION, changed.pendingMail());

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(List.of("nina.new@example.com"), world.mailer.sent.stream().map(m -> m.to()).toList());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + created.user().id()));
    }

    @Test
    void aFailedVerificationMailAfterTheUsersOwnEmailChangeIsResent() {
        var self = new SelfService(world.stores, world.administration, new DynamoResetLimiter(world.dynamo.client, world.dynamo.table), world.clock);
        world.mailer.failNext(1);
        User changed = self.changeEmail(new CallerId(TENANT, CUSTOMER_ID), customer.version(), Map.of("email", "carla.self@example.com"));
        assertEquals(PendingMail.VERIFICATION, changed.pendingMail());
        assertEquals(PendingMail.VERIFICATION, world.stored(CUSTOMER_ID).pendingMail());

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(List.of("carla.self@example.com"), world.mailer.sent.stream().map(m -> m.to()).toList());
        assertEquals(PendingMail.NONE, world.stored(CUSTOMER_ID).pendingMail());
    }

    @Test
    void aSuspendedUserIsOwedNoActivation() {
        var created = createWithFailingMail("nina@example.com");
        world.administration.suspend(world.admin, created.user().id());
        assertEquals(PendingMail.ACTIVATION, world.stored(created.user().id()).pendingMail(), "suspending keeps the mark");

        assertEquals(new Reconciler.Report(1, 0, 0, 0), reconciler().run(Duration.ofSeconds(30)));
        assertEquals(0, world.mailer.sent.size(), "no activation for a suspended user");
        assertEquals(PendingMail.NONE, world.stored(created.user().id()).pendingMail(), "the mark is dropped");
        assertFalse(pendingIds().contains(created.user().id()));
    }

    @Test
    void twoReconcilersAtOnceSendEachOwedMailOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("ann", "ben", "cid", "dot", "eve", "fay")) ids.add(createWithFailingMail(name + "@example.com").user().id());
        var start = new CountDownLatch(1);
        List<Reconciler.Report> reports = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var runs = List.of(pool.submit(() -> { start.await(); return reconciler().run(Duration.ofSeconds(30)); }),
                    pool.submit(() -> { start.await(); return reconciler().run(Duration.ofSeconds(30)); }));
            start.countDown();
            for (var run : runs) reports.add(run.get());
        }
        assertEquals(6, reports.stream().mapToInt(Reconciler.Report::settled).sum(), "each owed mail claimed by one runner: " + reports);
        assertEquals(0, reports.stream().mapToInt(Reconciler.Report::failed).sum());
        assertEquals(6, world.mailer.sent.size(), "one mail each, whichever runner claimed it");
        assertEquals(6, world.mailer.sent.stream().map(m -> m.to()).distinct().count());
        for (String id : ids) assertEquals(PendingMail.NONE, world.stored(id).pendingMail());
    }
}
