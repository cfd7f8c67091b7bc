package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.LoginEvents.Decision;
import com.peakcommerce.useradmin.domain.LoginEvents.Outcome;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins reported by Auth0 (SPEC V1, V2), recorded on the moto emulator. */
class LoginEventsTest {
    private static final String EMAIL = "carla@example.com";
    private static final List<String> ONE_UPDATE = List.of("updateItem");
    /** The record shape refused (its ALL_OLD says the login flips), then the flip and its audit entry together. */
    private static final List<String> FLIP = List.of("updateItem", "transactWriteItems");

    private final World world = World.seeded();
    private final LoginEvents logins = new LoginEvents(new DynamoLoginRecorder(world.dynamo.client, world.dynamo.table), world.clock);
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", EMAIL);

    LoginEventsTest() {
        world.dynamo.resetCalls();
    }

    private Decision login(long count, boolean emailVerified, String email) {
        return logins.afterLogin(TENANT, CUSTOMER_ID, count, emailVerified, email);
    }

    @Test
    void theFirstLoginFlipsTheUserToVerifiedAndRecordsItWithItsAuditEntryInTwoRequests() {
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, customer.status());

        Decision decision = login(1, false, EMAIL);

        assertEquals(Outcome.VERIFIED, decision.outcome());
        assertTrue(decision.allowed());
        assertEquals(FLIP, world.dynamo.calls());
        User stored = world.stored(CUSTOMER_ID);
        assertEquals(UserStatus.ACTIVE_VERIFIED, stored.status());
        assertEquals(1, stored.loginCount());
        assertEquals(NOW, stored.lastLoginAt());
        assertEquals(customer.version() + 1, stored.version());
        assertEquals(stored, decision.user().orElseThrow(), "the answer is the record as written");
        // the status list moved with it (byStatus index)
        assertEquals(List.of(CUSTOMER_ID), idsWithStatus(UserStatus.ACTIVE_VERIFIED));
        assertEquals(List.of(), idsWithStatus(UserStatus.ACTIVE_UNVERIFIED));
    }

    @Test
    void laterLoginsAreRecordedAndLeaveTheUserVerified() {
        login(1, false, EMAIL);
        world.dynamo.resetCalls();

        Decision decision = login(2, false, EMAIL);

        assertEquals(Outcome.RECORDED, decision.outcome());
        assertEquals(ONE_UPDATE, world.dynamo.calls());
        User stored = world.stored(CUSTOMER_ID);
        assertTrue(stored.verified());
        assertEquals(2, stored.loginCount());
        assertEquals(customer.version() + 2, stored.version());
    }

    @Test
    void theSameLoginDeliveredTwiceChangesNothingTheSecondTimeAndIsStillAllowed() {
        login(1, false, EMAIL);
        User once = world.stored(CUSTOMER_ID);
        world.dynamo.resetCalls();

        Decision again = login(1, false, EMAIL);

        assertEquals(ONE_UPDATE, world.dynamo.calls());
        assertEquals(Outcome.ALREADY_RECORDED, again.outcome());
        assertTrue(again.allowed());
        assertEquals(once, again.user().orElseThrow());
        assertEquals(once, world.stored(CUSTOMER_ID));
    }

    @Test
    void anOlderLoginArrivingLateDoesNotSetTheRecordBack() {
        login(3, true, EMAIL);
        User latest = world.stored(CUSTOMER_ID);

        assertEquals(Outcome.ALREADY_RECORDED, login(2, true, EMAIL).outcome());
        assertEquals(latest, world.stored(CUSTOMER_ID));
    }

    @Test
    void twoDeliveriesOfOneLoginAtOnceRecordItOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Callable<Outcome> deliver = () -> {
            start.await();
            return login(1, false, EMAIL).outcome();
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(deliver);
            var second = pool.submit(deliver);
            start.countDown();
            List<Outcome> outcomes = List.of(first.get(), second.get());
            assertTrue(outcomes.contains(Outcome.VERIFIED) && outcomes.contains(Outcome.ALREADY_RECORDED), outcomes.toString());
        }
        assertEquals(customer.version() + 1, world.stored(CUSTOMER_ID).version());
        assertEquals(1, world.repository.auditTrail(TENANT, CUSTOMER_ID, 10, null).items().stream()
                .filter(e -> e.action() == AuditEntry.Action.FIRST_LOGIN_VERIFIED).count(), "one flip, one entry");
    }

    @Test
    void afterAUsernameChangeALoginWithTheNewEmailUnverifiedDoesNotFlip() {
        login(1, false, EMAIL);
        User changed = changeUsername("carla.new@example.com");
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, changed.status());
        world.dynamo.resetCalls();

        Decision decision = login(2, false, "carla.new@example.com");

        assertEquals(Outcome.RECORDED, decision.outcome());
        assertEquals(ONE_UPDATE, world.dynamo.calls());
        User stored = world.stored(CUSTOMER_ID);
        assertFalse(stored.verified());
        assertEquals(2, stored.loginCount());
    }

    @Test
    void afterAUsernameChangeTheFirstLoginWithTheNewEmailVerifiedFlips() {
        login(1, false, EMAIL);
        changeUsername("carla.new@example.com");
        login(2, false, "carla.new@example.com");
        world.dynamo.resetCalls();

        Decision decision = login(3, true, "Carla.New@Example.com");

        assertEquals(Outcome.VERIFIED, decision.outcome());
        assertEquals(FLIP, world.dynamo.calls());
        assertEquals(UserStatus.ACTIVE_VERIFIED, world.stored(CUSTOMER_ID).status());
    }

    @Test
    void afterAUsernameChangeTheOldEmailVerifiedDoesNotFlipButIsRecorded() {
        login(1, false, EMAIL);
        changeUsername("carla.new@example.com");
        world.dynamo.resetCalls();

        // Auth0 still holds the old address (the login update is pending): it does not flip, one update records it
        Decision decision = login(2, true, EMAIL);

        assertEquals(Outcome.RECORDED, decision.outcome());
        assertEquals(ONE_UPDATE, world.dynamo.calls());
        User stored = world.stored(CUSTOMER_ID);
        assertFalse(stored.verified());
        assertEquals(2, stored.loginCount());
    }

    @Test
    void aFirstLoginTheServiceMissedStillFlipsOnTheNextOne() {
        // logins 1 and 2 never reached the service (the Action failed open); Auth0's email is unverified
        Decision decision = login(3, false, EMAIL);

        assertEquals(Outcome.VERIFIED, decision.outcome());
        assertEquals(FLIP, world.dynamo.calls());
        assertEquals(3, world.stored(CUSTOMER_ID).loginCount());
    }

    @Test
    void aSuspendedUserIsDeniedAndNothingIsWritten() {
        User suspended = world.administration.suspend(world.admin, CUSTOMER_ID);
        world.dynamo.resetCalls();

        Decision decision = login(1, true, EMAIL);

        assertEquals(Outcome.SUSPENDED, decision.outcome());
        assertFalse(decision.allowed());
        assertTrue(decision.user().isEmpty());
        assertEquals(ONE_UPDATE, world.dynamo.calls());
        assertEquals(suspended, world.stored(CUSTOMER_ID));
    }

    @Test
    void anUnknownUserIsDeniedInOneRequest() {
        Decision decision = logins.afterLogin(TENANT, "no-such-user", 1, true, "nobody@example.com");

        assertEquals(Outcome.UNKNOWN, decision.outcome());
        assertFalse(decision.allowed());
        assertEquals(ONE_UPDATE, world.dynamo.calls());
        assertTrue(world.repository.user(TENANT, "no-such-user").isEmpty(), "no item is created");
    }

    @Test
    void aLoginWithoutTheServicesMetadataOrWithIdsTheServiceNeverIssuesIsDeniedWithoutARequest() {
        assertEquals(Outcome.UNKNOWN, logins.afterLogin(null, null, 1, true, EMAIL).outcome());
        assertEquals(Outcome.UNKNOWN, logins.afterLogin(TENANT, null, 1, true, EMAIL).outcome());
        assertEquals(Outcome.UNKNOWN, logins.afterLogin(TENANT + "#USER#x", CUSTOMER_ID, 1, true, EMAIL).outcome());
        assertEquals(Outcome.UNKNOWN, logins.afterLogin(TENANT, CUSTOMER_ID + "#", 1, true, EMAIL).outcome());
        assertEquals(List.of(), world.dynamo.calls());
    }

    @Test
    void anotherTenantsUserIdIsUnknownInThisTenant() {
        world.seedUser(OTHER_TENANT, "o-1", Role.CUSTOMER, "Otto", "Other", "otto@example.com");
        world.dynamo.resetCalls();

        assertEquals(Outcome.UNKNOWN, logins.afterLogin(TENANT, "o-1", 1, true, "otto@example.com").outcome());
        assertEquals(Outcome.UNKNOWN, logins.afterLogin(OTHER_TENANT, CUSTOMER_ID, 1, true, EMAIL).outcome());
        assertEquals(0, world.repository.user(OTHER_TENANT, "o-1").orElseThrow().loginCount());
        assertEquals(0, world.stored(CUSTOMER_ID).loginCount());
    }

    @Test
    void aUserStillProvisioningIsDenied() {
        User provisioning = User.created(TENANT, "p-1", World.fieldsFor(Role.CUSTOMER, "Pia", "Pending", "pia@example.com"), false, "seed", NOW);
        world.repository.insert(provisioning, World.seedEntry(provisioning));

        assertEquals(Outcome.PROVISIONING, logins.afterLogin(TENANT, "p-1", 1, true, "pia@example.com").outcome());
        assertEquals(provisioning, world.stored("p-1"));
    }

    @Test
    void anAdminsEditBasedOnTheRecordBeforeALoginFailsInsteadOfUndoingTheFlip() {
        login(1, false, EMAIL);

        var stale = assertThrows(StaleVersion.class,
                () -> world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer")));

        assertEquals(customer.version() + 1, stale.currentVersion());
        assertTrue(world.stored(CUSTOMER_ID).verified());
        assertNull(world.stored(CUSTOMER_ID).text(UserField.JOB_TITLE));
    }

    @Test
    void aLogStreamLoginFindsTheTenantByUserIdAndFlipsTheSameWay() {
        world.seedUser(OTHER_TENANT, "o-1", Role.CUSTOMER, "Otto", "Other", "otto@example.com");
        world.dynamo.resetCalls();
        Instant at = Instant.parse("2026-11-24T09:58:00Z");

        assertEquals(Outcome.VERIFIED, logins.loggedIn(CUSTOMER_ID, 1, at));

        assertEquals(List.of("query", "updateItem", "transactWriteItems"), world.dynamo.calls());
        User stored = world.stored(CUSTOMER_ID);
        assertEquals(UserStatus.ACTIVE_VERIFIED, stored.status());
        assertEquals(at, stored.lastLoginAt());
        assertEquals(0, world.repository.user(OTHER_TENANT, "o-1").orElseThrow().loginCount());
        // the Action reporting the same login too changes nothing more
        assertEquals(Outcome.ALREADY_RECORDED, login(1, false, EMAIL).outcome());
        assertEquals(Outcome.ALREADY_RECORDED, logins.loggedIn(CUSTOMER_ID, 1, at));
    }

    @Test
    void aLogStreamLoginOfAnIdNoTenantHoldsIsIgnored() {
        assertEquals(Outcome.UNKNOWN, logins.loggedIn("no-such-user", 1, NOW));
        assertEquals(Outcome.UNKNOWN, logins.loggedIn(World.PROFILE_ID, 1, NOW), "a profile's id is not a user's");
        assertEquals(Outcome.UNKNOWN, logins.loggedIn(TENANT, 1, NOW), "a tenant's id is not a user's");
        assertEquals(Outcome.UNKNOWN, logins.loggedIn("bad#id", 1, NOW));
    }

    private User changeUsername(String username) {
        User current = world.stored(CUSTOMER_ID);
        return world.administration.update(world.admin, CUSTOMER_ID, current.version(), Map.of("username", username));
    }

    private List<String> idsWithStatus(UserStatus status) {
        return world.repository.list(TENANT, new UserQuery(Role.CUSTOMER, status, null, null, null, null, null, null), 100, null)
                .items().stream().map(User::id).toList();
    }
}
