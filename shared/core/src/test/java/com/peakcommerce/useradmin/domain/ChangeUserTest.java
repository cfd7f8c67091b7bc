package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.ports.Users;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edit, suspend, enable, delete, password reset and verification mail (U6–U10), and who may do them. */
class ChangeUserTest {
    private final World world = World.seeded();
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    @Test
    void anEditNeedsTheCurrentVersionAndAStaleOneChangesNothing() {
        assertThrows(VersionRequired.class, () -> world.administration.update(world.admin, CUSTOMER_ID, null, Map.of("jobTitle", "Buyer")));
        var stale = assertThrows(StaleVersion.class, () -> world.administration.update(world.admin, CUSTOMER_ID, customer.version() - 1, Map.of("jobTitle", "Buyer")));

        assertEquals(customer.version(), stale.currentVersion());
        assertNull(world.stored(CUSTOMER_ID).text(UserField.JOB_TITLE));
    }

    @Test
    void anEditOfNamesUpdatesTheRecordAndTheLogin() {
        User after = world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("firstName", "Grace", "jobTitle", "Buyer"));

        assertEquals(customer.version() + 1, after.version());
        assertEquals("Grace", world.stored(CUSTOMER_ID).firstName());
        assertEquals("Buyer", world.stored(CUSTOMER_ID).text(UserField.JOB_TITLE));
        assertFalse(world.stored(CUSTOMER_ID).loginUpdatePending());
        assertEquals("Grace", world.identityProvider.logins.get(CUSTOMER_ID).givenName());
    }

    @Test
    void aNullRemovesAnOptionalFieldButNotARequiredOne() {
        User withTitle = world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("jobTitle", null);
        assertNull(world.administration.update(world.admin, CUSTOMER_ID, withTitle.version(), clear).text(UserField.JOB_TITLE));

        Map<String, Object> clearRequired = new HashMap<>();
        clearRequired.put("accountNumber", null);
        var refused = assertThrows(Invalid.class, () -> world.administration.update(world.admin, CUSTOMER_ID, withTitle.version() + 1, clearRequired));
        assertEquals("accountNumber", refused.errors().getFirst().field());
    }

    @Test
    void aRoleChangeFollowsTheNewRolesRules() {
        var refused = assertThrows(Invalid.class, () -> world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("role", "SYSTEM_ADMIN")));
        assertEquals(List.of("accountNumber", "amendmentDateAlignment", "profileId"),
                refused.errors().stream().map(DomainException.FieldError::field).sorted().toList());

        Map<String, Object> patch = new HashMap<>(Map.of("role", "SYSTEM_ADMIN"));
        patch.put("accountNumber", null);
        patch.put("amendmentDateAlignment", null);
        patch.put("profileId", null);
        assertEquals(Role.SYSTEM_ADMIN, world.administration.update(world.admin, CUSTOMER_ID, customer.version(), patch).role());
    }

    @Test
    void aNewUsernameMovesTheMarkerUnverifiesTheUserAndMailsTheNewAddress() {
        world.repository.replaceBookkeeping(world.stored(CUSTOMER_ID), world.stored(CUSTOMER_ID).withFlags(false, false, true, false).nextVersion(World.NOW));
        User verified = world.stored(CUSTOMER_ID);
        assertEquals(UserStatus.ACTIVE_VERIFIED, verified.status());

        User after = world.administration.update(world.admin, CUSTOMER_ID, verified.version(), Map.of("username", "carla.new@example.com"));

        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(CUSTOMER_ID).status());
        assertEquals("carla.new@example.com", world.identityProvider.logins.get(CUSTOMER_ID).email());
        assertEquals("carla.new@example.com", world.mailer.last().to());
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/email-verification/" + CUSTOMER_ID));
        // the old username is free again, the new one is taken
        world.seedUser(TENANT, "u-old", Role.GLOBAL_ADMIN, "Other", "Person", "carla@example.com");
        var taken = assertThrows(Users.UsernameTaken.class, () -> world.seedUser(TENANT, "u-new", Role.GLOBAL_ADMIN, "Other", "Person", "CARLA.NEW@example.com"));
        assertEquals(CUSTOMER_ID, taken.holderId());
        assertEquals(after.version(), world.stored(CUSTOMER_ID).version());
    }

    @Test
    void aNewUsernameThatIsTakenIsAConflictAndChangesNothing() {
        world.seedUser(TENANT, "u-2", Role.GLOBAL_ADMIN, "Other", "Person", "taken@example.com");

        var refused = assertThrows(Conflict.class, () -> world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("username", "Taken@example.com", "firstName", "X")));

        assertEquals("username", refused.field());
        assertEquals(customer, world.stored(CUSTOMER_ID));
        assertEquals("carla@example.com", world.identityProvider.logins.get(CUSTOMER_ID).email());
    }

    @Test
    void twoEditsOfOneVersionGiveOneChangeAndOneStaleVersion() throws Exception {
        var start = new CountDownLatch(1);
        List<Callable<String>> edits = List.of("Buyer", "Owner").stream().<Callable<String>>map(title -> () -> {
            start.await();
            try {
                world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", title));
                return "ok";
            } catch (StaleVersion e) {
                return "stale";
            }
        }).toList();
        List<String> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<String>> futures = edits.stream().map(pool::submit).toList();
            start.countDown();
            for (var f : futures) outcomes.add(f.get());
        }
        assertEquals(List.of("ok", "stale"), outcomes.stream().sorted().toList());
        assertEquals(customer.version() + 1, world.stored(CUSTOMER_ID).version());
    }

    @Test
    void aLoginUpdateThatFailsIsFinishedByTheSameRequestSentAgain() {
        world.identityProvider.failNext("updateLogin", Reason.UNAVAILABLE);
        Map<String, Object> patch = Map.of("lastName", "Smith");
        assertThrows(Unavailable.class, () -> world.administration.update(world.admin, CUSTOMER_ID, customer.version(), patch));
        assertTrue(world.stored(CUSTOMER_ID).loginUpdatePending());
        assertEquals("Customer", world.identityProvider.logins.get(CUSTOMER_ID).familyName());

        User after = world.administration.update(world.admin, CUSTOMER_ID, customer.version(), patch);

        assertEquals("Smith", world.identityProvider.logins.get(CUSTOMER_ID).familyName());
        assertFalse(world.stored(CUSTOMER_ID).loginUpdatePending());
        assertEquals(customer.version() + 1, after.version());
    }

    @Test
    void suspendBlocksTheLoginAndEnableRestoresTheStatusBefore() {
        world.repository.replaceBookkeeping(world.stored(CUSTOMER_ID), world.stored(CUSTOMER_ID).withFlags(false, false, true, false).nextVersion(World.NOW));
        world.dynamo.resetCalls();

        assertEquals(UserStatus.SUSPENDED, world.administration.suspend(world.admin, CUSTOMER_ID).status());
        assertEquals(List.of("batchGetItem", "transactWriteItems"), world.dynamo.calls(), "the record and its audit entry together");
        assertTrue(world.identityProvider.logins.get(CUSTOMER_ID).blocked());
        assertEquals(UserStatus.SUSPENDED, world.stored(CUSTOMER_ID).status());

        assertEquals(UserStatus.ACTIVE_VERIFIED, world.administration.enable(world.admin, CUSTOMER_ID).status());
        assertFalse(world.identityProvider.logins.get(CUSTOMER_ID).blocked());
        assertEquals(UserStatus.ACTIVE_VERIFIED, world.stored(CUSTOMER_ID).status());
    }

    @Test
    void aSuspendThatFailsAtTheIdentityProviderChangesNothingAndCanBeRetried() {
        world.identityProvider.failNext("block", Reason.UNAVAILABLE);
        assertThrows(Unavailable.class, () -> world.administration.suspend(world.admin, CUSTOMER_ID));
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(CUSTOMER_ID).status());

        world.administration.suspend(world.admin, CUSTOMER_ID);
        assertEquals(UserStatus.SUSPENDED, world.stored(CUSTOMER_ID).status());
        assertTrue(world.identityProvider.logins.get(CUSTOMER_ID).blocked());
    }

    @Test
    void anAdminCannotSuspendOrDeleteThemselves() {
        assertThrows(Conflict.class, () -> world.administration.suspend(world.admin, ADMIN_ID));
        assertThrows(Conflict.class, () -> world.administration.delete(world.admin, ADMIN_ID));
    }

    @Test
    void deleteRemovesTheLoginTheRecordAndFreesTheUsername() {
        world.administration.delete(world.admin, CUSTOMER_ID);

        assertTrue(world.repository.user(TENANT, CUSTOMER_ID).isEmpty());
        assertFalse(world.identityProvider.logins.containsKey(CUSTOMER_ID));
        world.seedUser(TENANT, "u-again", Role.GLOBAL_ADMIN, "Carla", "Again", "carla@example.com");
        assertThrows(NotFound.class, () -> world.administration.delete(world.admin, CUSTOMER_ID));
    }

    @Test
    void aDeleteWhoseRecordStepFailedIsFinishedByARetry() {
        world.identityProvider.deleteLogin(CUSTOMER_ID); // as if an earlier attempt removed the login, then crashed

        world.administration.delete(world.admin, CUSTOMER_ID);

        assertTrue(world.repository.user(TENANT, CUSTOMER_ID).isEmpty());
    }

    @Test
    void passwordResetAndVerificationMailGoToTheUserWithTheProvidersLinks() {
        world.dynamo.resetCalls();
        assertEquals("carla@example.com", world.administration.sendPasswordReset(world.admin, CUSTOMER_ID));
        assertEquals(List.of("batchGetItem", "putItem"), world.dynamo.calls(), "the read, then the audit entry after the mail");
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/password-change/" + CUSTOMER_ID));
        assertTrue(world.mailer.last().subject().contains("Demo Portal"));

        world.administration.sendVerificationEmail(world.admin, CUSTOMER_ID);
        assertTrue(world.mailer.last().text().contains("https://idp.test/tickets/email-verification/" + CUSTOMER_ID));
    }

    @Test
    void aPasswordResetMailThatCannotBeSentIsReportedAsUnavailable() {
        world.mailer.failNext(1);
        assertThrows(Unavailable.class, () -> world.administration.sendPasswordReset(world.admin, CUSTOMER_ID));
    }

    @Test
    void aSystemAdminManagesEveryoneButGlobalAdmins() {
        world.seedUser(TENANT, "sys-1", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        CallerId sam = new CallerId(TENANT, "sys-1");

        assertEquals(CUSTOMER_ID, world.directory.view(sam, CUSTOMER_ID).id());
        world.administration.suspend(sam, CUSTOMER_ID);
        assertThrows(Forbidden.class, () -> world.directory.view(sam, ADMIN_ID));
        assertThrows(Forbidden.class, () -> world.administration.suspend(sam, ADMIN_ID));
        assertThrows(Forbidden.class, () -> world.administration.update(sam, CUSTOMER_ID, world.stored(CUSTOMER_ID).version(), Map.of("role", "GLOBAL_ADMIN")));
        assertFalse(world.directory.list(sam, UserQuery.ALL, 100, null).items().stream().anyMatch(u -> u.role() == Role.GLOBAL_ADMIN));
    }

    @Test
    void aSuspendedAdminCanDoNothing() {
        world.seedUser(TENANT, "sys-1", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        world.administration.suspend(world.admin, "sys-1");
        CallerId sam = new CallerId(TENANT, "sys-1");

        assertThrows(Forbidden.class, () -> world.directory.view(sam, CUSTOMER_ID));
        assertThrows(Forbidden.class, () -> world.directory.list(sam, UserQuery.ALL, 10, null));
        assertThrows(Forbidden.class, () -> world.administration.suspend(sam, CUSTOMER_ID));
    }

    @Test
    void portalUsersAndUnknownCallersAreRefused() {
        CallerId carla = new CallerId(TENANT, CUSTOMER_ID);
        assertThrows(Forbidden.class, () -> world.directory.view(carla, CUSTOMER_ID));
        assertThrows(Forbidden.class, () -> world.directory.list(carla, UserQuery.ALL, 10, null));
        assertThrows(Forbidden.class, () -> world.administration.sendPasswordReset(new CallerId(TENANT, "nobody"), CUSTOMER_ID));
    }

    @Test
    void anotherTenantsUserIsNotFoundAndAnotherTenantsAdminSeesNothingHere() {
        world.seedUser(World.OTHER_TENANT, "other-admin", Role.GLOBAL_ADMIN, "Olga", "Other", "olga@example.com");
        world.seedUser(World.OTHER_TENANT, "other-user", Role.GLOBAL_ADMIN, "Otto", "Other", "otto@example.com");
        CallerId olga = new CallerId(World.OTHER_TENANT, "other-admin");

        assertThrows(NotFound.class, () -> world.directory.view(world.admin, "other-user"));
        assertThrows(NotFound.class, () -> world.administration.suspend(world.admin, "other-user"));
        assertThrows(NotFound.class, () -> world.directory.view(olga, CUSTOMER_ID));
        assertThrows(NotFound.class, () -> world.administration.delete(olga, CUSTOMER_ID));
        assertTrue(world.repository.user(TENANT, CUSTOMER_ID).isPresent());
        assertFalse(world.identityProvider.logins.get("other-user").blocked());
    }

    @Test
    void viewingAUserIsOneDynamoDbRequest() {
        world.dynamo.resetCalls();
        assertEquals("Carla", world.directory.view(world.admin, CUSTOMER_ID).firstName());
        assertEquals(List.of("batchGetItem"), world.dynamo.calls());
    }
}
