package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.CrashingRepository;
import com.peakcommerce.useradmin.testing.RecordingIdentityProvider.Login;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For each step of each operation that touches both the table and the identity provider: fail it
 * (the identity provider unavailable — what Auth0's 500, 429 beyond the budget and timeouts become at the
 * port, see the Auth0 wire tests —, a crash between two DynamoDB requests, a mail that cannot be sent),
 * then let the same request sent again, or the reconciler, finish; assert the two systems agree,
 * nothing is duplicated and nothing is lost.
 */
class FaultInjectionTest {
    private static final AtomicInteger INJECTED = new AtomicInteger();

    private enum Recovery { RETRY, RECONCILER }

    /** A failure to inject, and the exception it surfaces as. */
    private record Fault(Consumer<Fixture> inject, Class<? extends RuntimeException> type) {}

    /**
     * What an operation leaves once recovered: the mails it sends (to {@code mailsTo}) and the one audit entry of
     * its kind on {@code subject}'s trail (found by username: a created user's id is drawn at random).
     */
    private record Outcome(String mailsTo, int mails, String subject, AuditEntry.Action entry) {}

    /** One scenario: prepare the failure, run the operation once (it fails), then recover. */
    private record Scenario(String name, Fault fault, Consumer<Fixture> operation, Outcome outcome, Recovery recovery) {}

    /** The world, with the operation's service on a repository that can crash. */
    private static final class Fixture {
        final World world = World.seeded();
        final CrashingRepository crashing = new CrashingRepository(world.stores);
        final UserAdministration administration = new UserAdministration(crashing.stores(), world.identityProvider, world.mailer, world.clock, () -> UUID.randomUUID().toString());
        final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

        /** Later than the reconciler's grace period. */
        Reconciler reconciler() {
            Clock later = Clock.offset(world.clock, Reconciler.GRACE.plusMinutes(1));
            return new Reconciler(world.stores, new UserAdministration(world.stores, world.identityProvider, world.mailer, later, () -> UUID.randomUUID().toString()), later);
        }

        long version() { return world.stored(CUSTOMER_ID).version(); }
    }

    private static Map<String, Object> newCustomer() {
        Map<String, Object> body = new HashMap<>(Map.of("role", "CUSTOMER", "firstName", "Nina", "lastName", "New", "username", "nina@example.com",
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", World.PROFILE_ID));
        return body;
    }

    private static Fault idpDown(String operation) {
        return new Fault(f -> f.world.identityProvider.failNext(operation, Reason.UNAVAILABLE), DomainException.Unavailable.class);
    }

    private static Fault crashBefore(String method, int skip) {
        return new Fault(f -> f.crashing.crashBefore(method, skip), CrashingRepository.Crash.class);
    }

    private static final Outcome CREATED = new Outcome("nina@example.com", 1, "nina@example.com", AuditEntry.Action.USER_CREATED);
    private static final Outcome RENAMED = new Outcome("carla.new@example.com", 1, "carla.new@example.com", AuditEntry.Action.USERNAME_CHANGED);
    /**
     * A crash after the verification mail went and before the record says so: the mail is sent at least once, so
     * recovering sends it again (a second link to the same address, never none).
     */
    private static final Outcome RENAMED_MAIL_AGAIN = new Outcome("carla.new@example.com", 2, "carla.new@example.com", AuditEntry.Action.USERNAME_CHANGED);
    private static final Outcome SUSPENDED = new Outcome("carla@example.com", 0, CUSTOMER_ID, AuditEntry.Action.USER_SUSPENDED);
    private static final Outcome ENABLED = new Outcome("carla@example.com", 0, CUSTOMER_ID, AuditEntry.Action.USER_ENABLED);
    private static final Outcome DELETED = new Outcome("carla@example.com", 0, CUSTOMER_ID, AuditEntry.Action.USER_DELETED);

    private static final Consumer<Fixture> CREATE = f -> f.administration.create(f.world.admin, newCustomer());
    private static final Map<String, Object> NEW_USERNAME = Map.of("username", "carla.new@example.com", "lastName", "Newname");
    private static final Consumer<Fixture> UPDATE = f -> f.administration.update(f.world.admin, CUSTOMER_ID, 2L, NEW_USERNAME);
    private static final Consumer<Fixture> SUSPEND = f -> f.administration.suspend(f.world.admin, CUSTOMER_ID);
    private static final Consumer<Fixture> DELETE = f -> f.administration.delete(f.world.admin, CUSTOMER_ID);

    private static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (Recovery recovery : Recovery.values()) {
            all.add(new Scenario("create: identity provider down at the login", idpDown("createLogin"), CREATE, CREATED, recovery));
            all.add(new Scenario("create: identity provider down at the link", idpDown("passwordChangeTicket"), CREATE, CREATED, recovery));
            all.add(new Scenario("create: crash before the record leaves provisioning", crashBefore("replaceBookkeeping", 0), CREATE, CREATED, recovery));
            all.add(new Scenario("edit: identity provider down at the login update", idpDown("updateLogin"), UPDATE, RENAMED, recovery));
            all.add(new Scenario("edit: crash before the pending mark is cleared", crashBefore("replaceBookkeeping", 0), UPDATE, RENAMED_MAIL_AGAIN, recovery));
        }
        all.add(new Scenario("create: crash before the first write", crashBefore("insert", 0), CREATE, CREATED, Recovery.RETRY));
        all.add(new Scenario("edit: crash before the first write", crashBefore("replace", 0), UPDATE, RENAMED, Recovery.RETRY));
        all.add(new Scenario("suspend: identity provider down at the block", idpDown("block"), SUSPEND, SUSPENDED, Recovery.RETRY));
        all.add(new Scenario("suspend: crash after the block, before the record", crashBefore("replace", 0), SUSPEND, SUSPENDED, Recovery.RETRY));
        all.add(new Scenario("enable: identity provider down at the unblock", new Fault(f -> {
            SUSPEND.accept(f);
            f.world.identityProvider.failNext("unblock", Reason.UNAVAILABLE);
        }, DomainException.Unavailable.class), f -> f.administration.enable(f.world.admin, CUSTOMER_ID), ENABLED, Recovery.RETRY));
        all.add(new Scenario("enable: crash after the unblock, before the record", new Fault(f -> {
            SUSPEND.accept(f);
            f.crashing.crashBeforeNext("replace");
        }, CrashingRepository.Crash.class), f -> f.administration.enable(f.world.admin, CUSTOMER_ID), ENABLED, Recovery.RETRY));
        all.add(new Scenario("delete: identity provider down at the login", idpDown("deleteLogin"), DELETE, DELETED, Recovery.RETRY));
        all.add(new Scenario("delete: crash after the login, before the record", crashBefore("delete", 0), DELETE, DELETED, Recovery.RETRY));
        return all;
    }

    @TestFactory
    List<DynamicTest> everyStepOfEveryOperationRecovers() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name() + " / " + s.recovery(), () -> {
            Fixture f = new Fixture();
            s.fault().inject().accept(f);
            INJECTED.incrementAndGet();
            assertThrows(s.fault().type(), () -> s.operation().accept(f), "the injected fault, and nothing else, fails the request");

            if (s.recovery() == Recovery.RETRY) s.operation().accept(f);
            else assertEquals(0, f.reconciler().run(Duration.ofSeconds(30)).failed());

            assertAgree(f.world);
            Outcome outcome = s.outcome();
            assertEquals(outcome.mails(), f.world.mailer.sent.stream().filter(m -> m.to().equals(outcome.mailsTo())).count(),
                    "mails to " + outcome.mailsTo() + " once recovered: none lost, none twice");
            String subject = outcome.subject().contains("@")
                    ? f.world.repository.userIdByUsername(TENANT, outcome.subject()).orElse(CUSTOMER_ID) : outcome.subject();
            assertEquals(1, f.world.repository.auditTrail(TENANT, subject, 100, null).items().stream()
                    .filter(e -> e.action() == outcome.entry()).count(), "one " + outcome.entry() + " entry, however many attempts");
        })).toList();
    }

    @Test
    void aMailThatCannotBeSentLeavesAConsistentUser() {
        Fixture f = new Fixture();
        f.world.mailer.failNext(1);
        INJECTED.incrementAndGet();
        var created = f.administration.create(f.world.admin, newCustomer());
        assertFalse(created.activationMailed());
        assertAgree(f.world);
    }

    @Test
    void theReconcilerRollsBackACreateTheIdentityProviderRefusesForGood() {
        Fixture f = new Fixture();
        f.world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertThrows(DomainException.Unavailable.class, () -> CREATE.accept(f));
        f.world.identityProvider.failNext("createLogin", Reason.CONFLICT);
        INJECTED.addAndGet(2);

        assertEquals(new Reconciler.Report(0, 1, 0, 0), f.reconciler().run(Duration.ofSeconds(30)));

        assertAgree(f.world);
        f.world.seedUser(TENANT, "again", Role.GLOBAL_ADMIN, "Nina", "Again", "nina@example.com"); // the username is free
    }

    @Test
    void theReconcilerLeavesRecentWorkAloneAndRetriesWhatStillFails() {
        Fixture f = new Fixture();
        f.world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertThrows(DomainException.Unavailable.class, () -> CREATE.accept(f));
        INJECTED.incrementAndGet();

        Reconciler now = new Reconciler(f.world.stores, f.world.administration, f.world.clock);
        assertEquals(new Reconciler.Report(0, 0, 0, 0), now.run(Duration.ofSeconds(30)), "within the grace period a request may still finish it");

        f.world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        INJECTED.incrementAndGet();
        assertEquals(1, f.reconciler().run(Duration.ofSeconds(30)).failed());
        assertEquals(new Reconciler.Report(1, 0, 0, 0), f.reconciler().run(Duration.ofSeconds(30)));
        assertAgree(f.world);
    }

    @Test
    void twoReconcilersAtOnceSettleEachUserOnce() throws Exception {
        Fixture f = new Fixture();
        for (String name : List.of("ann", "ben", "cid", "dot")) {
            f.world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
            Map<String, Object> body = newCustomer();
            body.put("username", name + "@example.com");
            assertThrows(DomainException.Unavailable.class, () -> f.administration.create(f.world.admin, body));
            INJECTED.incrementAndGet();
        }
        var start = new CountDownLatch(1);
        List<Reconciler.Report> reports = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var runs = List.of(pool.submit(() -> { start.await(); return f.reconciler().run(Duration.ofSeconds(30)); }),
                    pool.submit(() -> { start.await(); return f.reconciler().run(Duration.ofSeconds(30)); }));
            start.countDown();
            for (var run : runs) reports.add(run.get());
        }
        assertEquals(4, reports.stream().mapToInt(Reconciler.Report::settled).sum());
        assertEquals(4, f.world.mailer.sent.size(), "one activation mail each, whichever runner settled them");
        assertAgree(f.world);
    }

    /** The table and the identity provider agree: every record has its login and vice versa, alike, nothing half-done. */
    private static void assertAgree(World world) {
        List<User> users = world.directory.list(world.admin, UserQuery.ALL, 100, null).items();
        for (User user : users) {
            assertFalse(user.provisioning(), user.username() + " left provisioning");
            assertFalse(user.loginUpdatePending(), user.username() + " left with a login update pending");
            Login login = world.identityProvider.logins.get(user.id());
            assertNotNull(login, "no login for " + user.username());
            assertTrue(login.email().equalsIgnoreCase(user.username()), user.username() + " vs " + login.email());
            assertEquals(user.firstName(), login.givenName());
            assertEquals(user.lastName(), login.familyName());
            assertEquals(user.suspended(), login.blocked(), user.username() + " blocked");
        }
        for (Login login : world.identityProvider.logins.values()) {
            assertTrue(users.stream().anyMatch(u -> u.id().equals(login.userId())), "a login without a record: " + login.email());
        }
        assertEquals(users.size(), users.stream().map(u -> u.username().toLowerCase()).distinct().count(), "duplicated users");
    }

    @AfterAll
    static void printFaults() {
        System.err.println("FaultInjectionTest: injected faults: " + INJECTED.get());
    }
}
