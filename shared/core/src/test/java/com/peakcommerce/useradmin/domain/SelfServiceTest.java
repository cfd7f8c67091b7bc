package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.testing.MovableClock;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own record and password (SPEC S1–S3), on the moto emulator. */
class SelfServiceTest {
    private static final String SUSPENDED_ID = "00000000-0000-4000-8000-000000000003";

    private final World world = World.seeded();
    /** A clock the limiter tests move forward. */
    private final MovableClock clock = new MovableClock(NOW);
    private final DynamoResetLimiter limiter = new DynamoResetLimiter(world.dynamo.client, world.dynamo.table);
    private final SelfService self = new SelfService(world.stores, world.administration, limiter, clock);
    private final CallerId carla = new CallerId(TENANT, CUSTOMER_ID);
    private final User customer = world.seed(User.created(TENANT, CUSTOMER_ID,
            World.fieldsFor(Role.CUSTOMER, "Carla", "Customer", "carla@example.com"), false, "seed", NOW).withFlags(true, false, true, false));

    // ---- S1: view and edit names -------------------------------------------------------------------

    @Test
    void everyActiveUserSeesTheirOwnRecordAndNoOneElses() {
        assertEquals(CUSTOMER_ID, world.directory.me(carla).id());
        assertEquals(ADMIN_ID, world.directory.me(world.admin).id());
        assertThrows(Forbidden.class, () -> world.directory.me(new CallerId(OTHER_TENANT, CUSTOMER_ID)));
    }

    @Test
    void aCustomerChangesTheirNamesAndTheLoginFollows() {
        User after = self.updateNames(carla, customer.version(), Map.of("firstName", "Carol", "lastName", "Client"));

        assertEquals(customer.version() + 1, after.version());
        User stored = world.stored(CUSTOMER_ID);
        assertEquals("Carol", stored.firstName());
        assertEquals("Client", stored.lastName());
        assertFalse(stored.loginUpdatePending());
        assertTrue(stored.verified(), "a name change keeps the user verified");
        assertEquals("Carol", world.identityProvider.logins.get(CUSTOMER_ID).givenName());
        assertEquals("Client", world.identityProvider.logins.get(CUSTOMER_ID).familyName());
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void anAdminMayEditTheirOwnNamesThroughMeToo() {
        User admin = world.stored(ADMIN_ID);
        assertEquals("Adele", self.updateNames(world.admin, admin.version(), Map.of("firstName", "Adele")).firstName());
    }

    @Test
    void everyOtherFieldIsRefusedByNameAndNothingChanges() {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Carol", "jobTitle", "Buyer", "username", "c@example.com",
                "role", "GLOBAL_ADMIN", "age", 3, "version", 9));
        var refused = assertThrows(Invalid.class, () -> self.updateNames(carla, customer.version(), body));

        assertEquals(List.of("age", "jobTitle", "role", "username", "version"), refused.errors().stream().map(DomainException.FieldError::field).sorted().toList());
        assertEquals("Carla", world.stored(CUSTOMER_ID).firstName());
    }

    @Test
    void aNameCannotBeRemovedOrBlank() {
        Map<String, Object> clear = new HashMap<>();
        clear.put("lastName", null);
        assertEquals("lastName", assertThrows(Invalid.class, () -> self.updateNames(carla, customer.version(), clear)).errors().getFirst().field());
        assertEquals("firstName", assertThrows(Invalid.class, () -> self.updateNames(carla, customer.version(), Map.of("firstName", "  "))).errors().getFirst().field());
    }

    @Test
    void anEditNeedsTheCurrentVersion() {
        assertThrows(VersionRequired.class, () -> self.updateNames(carla, null, Map.of("firstName", "Carol")));
        var stale = assertThrows(StaleVersion.class, () -> self.updateNames(carla, customer.version() - 1, Map.of("firstName", "Carol")));
        assertEquals(customer.version(), stale.currentVersion());
        assertEquals("Carla", world.stored(CUSTOMER_ID).firstName());
    }

    @Test
    void aSuspendedOrUnknownCallerIsRefused() {
        seedSuspended();
        CallerId suspended = new CallerId(TENANT, SUSPENDED_ID);
        assertThrows(Forbidden.class, () -> world.directory.me(suspended));
        assertThrows(Forbidden.class, () -> self.updateNames(suspended, 2L, Map.of("firstName", "Sam")));
        assertThrows(Forbidden.class, () -> self.changeEmail(suspended, 2L, Map.of("email", "sam@example.com")));
        assertThrows(Forbidden.class, () -> self.sendOwnPasswordReset(suspended));
        assertThrows(Forbidden.class, () -> self.sendOwnPasswordReset(new CallerId(TENANT, "nobody")));
        assertTrue(world.mailer.sent.isEmpty());
    }

    // ---- S2: email change ----------------------------------------------------------------------------

    @Test
    void anEmailChangeMovesTheUsernameUnverifiesAndMailsTheNewAddress() {
        User after = self.changeEmail(carla, customer.version(), Map.of("email", "Carol.Client@example.com"));

        assertEquals("Carol.Client@example.com", after.username());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(CUSTOMER_ID).status());
        assertEquals(Optional.of(CUSTOMER_ID), world.repository.userIdByUsername(TENANT, "carol.client@example.com"));
        assertEquals(Optional.empty(), world.repository.userIdByUsername(TENANT, "carla@example.com"));
        assertEquals("Carol.Client@example.com", world.identityProvider.logins.get(CUSTOMER_ID).email());
        assertEquals("Carol.Client@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/email-verification/" + CUSTOMER_ID));
    }

    @Test
    void anAddressInUseIs409NamingEmailAndChangesNothing() {
        world.seedUser(TENANT, "00000000-0000-4000-8000-000000000004", Role.CUSTOMER, "Other", "One", "taken@example.com");

        var taken = assertThrows(Conflict.class, () -> self.changeEmail(carla, customer.version(), Map.of("email", "TAKEN@example.com")));
        assertEquals("email", taken.field());
        assertEquals("carla@example.com", world.stored(CUSTOMER_ID).username());
        assertTrue(world.stored(CUSTOMER_ID).verified());
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void anEmailChangeTakesOnlyAValidEmailAndTheVersion() {
        assertEquals(List.of("email"), fields(assertThrows(Invalid.class, () -> self.changeEmail(carla, customer.version(), Map.of("email", "not-an-address")))));
        assertEquals(List.of("email"), fields(assertThrows(Invalid.class, () -> self.changeEmail(carla, customer.version(), Map.of()))));
        assertEquals(List.of("firstName"), fields(assertThrows(Invalid.class,
                () -> self.changeEmail(carla, customer.version(), Map.of("email", "c@example.com", "firstName", "C")))));
        assertThrows(VersionRequired.class, () -> self.changeEmail(carla, null, Map.of("email", "c@example.com")));
        assertThrows(StaleVersion.class, () -> self.changeEmail(carla, customer.version() + 1, Map.of("email", "c@example.com")));
        assertEquals("carla@example.com", world.stored(CUSTOMER_ID).username());
    }

    // ---- S3: own reset -------------------------------------------------------------------------------

    @Test
    void aUserMailsThemselvesAResetLink() {
        assertEquals("carla@example.com", self.sendOwnPasswordReset(carla));

        assertEquals("carla@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().subject().startsWith("Reset your Demo Portal password"));
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + CUSTOMER_ID));
    }

    // ---- S3: the public reset ------------------------------------------------------------------------

    @Test
    void thePublicResetMailsAnActiveUserWhateverTheCaseOfTheAddress() {
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "CARLA@Example.com"));

        assertEquals(1, world.mailer.sent.size());
        assertEquals("carla@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + CUSTOMER_ID));
    }

    @Test
    void thePublicResetSendsNothingForAnUnknownAddressASuspendedUserOrAnotherTenant() {
        seedSuspended();

        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "nobody@example.com"));
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "sam@example.com"));
        self.requestPasswordReset(Map.of("tenantId", OTHER_TENANT, "email", "carla@example.com"));
        self.requestPasswordReset(Map.of("tenantId", "no-such-tenant", "email", "carla@example.com"));

        assertTrue(world.mailer.sent.isEmpty());
        assertFalse(world.identityProvider.calls.stream().anyMatch(c -> c.startsWith("passwordChangeTicket")));
    }

    @Test
    void failuresOfTheIdentityProviderOrTheMailerAreSwallowed() {
        world.identityProvider.failNext("passwordChangeTicket", Reason.UNAVAILABLE);
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "carla@example.com"));
        world.mailer.failNext(1);
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "carla@example.com"));

        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void onlyMalformedInputIsRefused() {
        assertEquals(List.of("email", "tenantId"), fields(assertThrows(Invalid.class, () -> self.requestPasswordReset(Map.of("tenantId", "demo#USER", "email", "x")))));
        assertEquals(List.of("email", "tenantId"), fields(assertThrows(Invalid.class, () -> self.requestPasswordReset(Map.of()))));
        assertEquals(List.of("userId"), fields(assertThrows(Invalid.class,
                () -> self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "carla@example.com", "userId", CUSTOMER_ID)))));
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void theLimiterStopsMailAfterFivePerHourForOneAddressAndOpensANewWindowAfterwards() {
        for (int i = 0; i < SelfService.RESET_LIMIT + 3; i++) {
            self.requestPasswordReset(Map.of("tenantId", TENANT, "email", i % 2 == 0 ? "carla@example.com" : "Carla@Example.com"));
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(SelfService.RESET_LIMIT, world.mailer.sent.size());

        clock.advance(SelfService.RESET_WINDOW); // the counter item is still there (TTL deletes late): its expiry is what counts
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "carla@example.com"));
        assertEquals(SelfService.RESET_LIMIT + 1, world.mailer.sent.size());
    }

    @Test
    void theLimiterCountsPerAddressAndTenant() {
        for (int i = 0; i < SelfService.RESET_LIMIT; i++) self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "nobody@example.com"));
        self.requestPasswordReset(Map.of("tenantId", TENANT, "email", "carla@example.com"));
        assertEquals(1, world.mailer.sent.size());
    }

    @Test
    void theLimiterNeverLetsMoreThroughUnderConcurrentRequests() throws Exception {
        int requests = 12;
        var start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return limiter.tryCount(TENANT, "race@example.com", 5, Duration.ofHours(1), NOW);
                }));
            }
            start.countDown();
            int allowed = 0;
            for (var answer : answers) if (answer.get()) allowed++;
            assertEquals(5, allowed);
        }
    }

    private void seedSuspended() {
        world.seed(User.created(TENANT, SUSPENDED_ID, World.fieldsFor(Role.CUSTOMER, "Sam", "Suspended", "sam@example.com"), true, "seed", NOW));
    }

    private static List<String> fields(Invalid refusal) {
        return refusal.errors().stream().map(DomainException.FieldError::field).sorted().toList();
    }

}
