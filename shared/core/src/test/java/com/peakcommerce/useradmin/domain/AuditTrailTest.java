package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.testing.MovableClock;
import com.peakcommerce.useradmin.domain.AuditEntry.Action;
import com.peakcommerce.useradmin.domain.AuditEntry.Change;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.dynamodb.Keys;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.dynamodb.DynamoStores;
import com.peakcommerce.useradmin.testing.World;
import com.peakcommerce.useradmin.wiring.Adapters;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail (SPEC X3): what each change writes, in its own transaction, and how it reads back; on the moto emulator. */
class AuditTrailTest {
    private static final String REQUEST = "req-1";
    /** After the seeded users' entries (at NOW), so that every entry a test makes sorts after them. */
    private static final Instant T0 = NOW.plusSeconds(1);

    private final World world = World.seeded();
    /** Moved forward between changes, so entries have distinct times. */
    private final MovableClock clock = new MovableClock(T0);
    private final UserAdministration administration = new UserAdministration(world.stores, world.identityProvider, world.mailer, clock,
            () -> UUID.randomUUID().toString());
    private final SelfService self = new SelfService(world.stores, administration,
            new DynamoResetLimiter(world.dynamo.client, world.dynamo.table), clock);
    private final CallerId admin = new CallerId(TENANT, ADMIN_ID, REQUEST);
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    AuditTrailTest() {
        world.dynamo.resetCalls();
    }

    /** The whole trail, newest first, read straight from the repository. */
    private List<AuditEntry> trail(String userId) {
        return world.repository.auditTrail(TENANT, userId, 100, null).items();
    }

    /** The entries {@code userId}'s trail gained beyond the seed's USER_CREATED. */
    private List<AuditEntry> since(String userId, int before) {
        List<AuditEntry> all = trail(userId);
        return all.subList(0, all.size() - before);
    }

    private AuditEntry only(String userId) {
        List<AuditEntry> added = since(userId, 1);
        assertEquals(1, added.size(), added.toString());
        return added.getFirst();
    }

    @Test
    void aCreateWritesOneEntryWithTheFieldsSetInItsFirstTransactionAndNoneForLeavingProvisioning() {
        var created = administration.create(admin, CreateUserTest.customer("nina@example.com"));
        List<String> calls = world.dynamo.calls();

        List<AuditEntry> entries = trail(created.user().id());
        assertEquals(1, entries.size(), entries.toString());
        AuditEntry entry = entries.getFirst();
        assertEquals(Action.USER_CREATED, entry.action());
        assertEquals(ADMIN_ID, entry.actorId());
        assertEquals(REQUEST, entry.requestId());
        assertEquals(T0, entry.at());
        assertEquals(new Change(null, "nina@example.com"), entry.changes().get("username"));
        assertEquals(new Change(null, "CUSTOMER"), entry.changes().get("role"));
        assertEquals(new Change(null, "NEXT_BILLING_PERIOD"), entry.changes().get("amendmentDateAlignment"));
        assertEquals(List.of("batchGetItem", "transactWriteItems", "putItem"), calls,
                "the entry rides in the create's transaction; leaving PROVISIONING is bookkeeping, a PutItem");
    }

    @Test
    void aBootstrappedTenantsAdminIsCreatedByTheOperator() {
        var created = administration.bootstrapTenant("acme", "Acme", null, Map.of("firstName", "Ann", "lastName", "Acme", "username", "ann@acme.example"));

        List<AuditEntry> entries = world.repository.auditTrail("acme", created.user().id(), 10, null).items();
        assertEquals(List.of(Action.USER_CREATED), entries.stream().map(AuditEntry::action).toList());
        assertEquals(AuditEntry.OPERATOR, entries.getFirst().actorId());
        assertEquals("acme", entries.getFirst().tenantId());
    }

    @Test
    void anEditRecordsTheChangedFieldsBeforeAndAfterInOneTransaction() {
        clock.advance(Duration.ofMinutes(1));
        administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer", "lastName", "Client"));

        AuditEntry entry = only(CUSTOMER_ID);
        assertEquals(Action.USER_UPDATED, entry.action());
        assertEquals(ADMIN_ID, entry.actorId());
        assertEquals(REQUEST, entry.requestId());
        assertEquals(T0.plus(Duration.ofMinutes(1)), entry.at());
        assertEquals(Map.of("lastName", new Change("Customer", "Client"), "jobTitle", new Change(null, "Buyer")), entry.changes());
    }

    @Test
    void anEditThatTouchesNoLoginFieldIsOneTransactionInsteadOfAPutItem() {
        administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer"));

        assertEquals(List.of("batchGetItem", "transactWriteItems"), world.dynamo.calls());
        assertEquals(Action.USER_UPDATED, only(CUSTOMER_ID).action());
    }

    @Test
    void aUsernameChangeIsUsernameChangedAndClearingThePendingLoginUpdateAddsNothing() {
        administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("username", "carla.new@example.com"));

        AuditEntry entry = only(CUSTOMER_ID);
        assertEquals(Action.USERNAME_CHANGED, entry.action());
        assertEquals(Map.of("username", new Change("carla@example.com", "carla.new@example.com")), entry.changes());
        assertFalse(world.stored(CUSTOMER_ID).loginUpdatePending(), "the bookkeeping write happened, unaudited");
    }

    @Test
    void refusedChangesLeaveNoEntry() {
        world.seedUser(TENANT, "c-2", Role.CUSTOMER, "Bob", "Buyer", "bob@example.com");

        assertThrows(StaleVersion.class, () -> administration.update(admin, CUSTOMER_ID, customer.version() + 7, Map.of("jobTitle", "Buyer")));
        assertThrows(Conflict.class, () -> administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("username", "Bob@example.com")));
        assertThrows(Invalid.class, () -> administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("role", "KING")));
        assertThrows(Conflict.class, () -> administration.create(admin, CreateUserTest.customer("bob@example.com")));
        assertThrows(Invalid.class, () -> self.updateNames(new CallerId(TENANT, CUSTOMER_ID, "r"), customer.version(), Map.of("role", "GLOBAL_ADMIN")));

        assertEquals(List.of(Action.USER_CREATED), trail(CUSTOMER_ID).stream().map(AuditEntry::action).toList(), "only the seed's entry");
        assertEquals(1, trail("c-2").size());
    }

    @Test
    void aRaceLostAtTheWriteLeavesNoEntry() {
        // Two edits from the same read: the second's transaction is cancelled, its entry with it.
        administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer"));
        User stale = customer;
        assertThrows(StaleVersion.class, () -> world.repository.replace(stale, stale.nextVersion(T0),
                AuditEntry.ofUser(admin, CUSTOMER_ID, Action.USER_UPDATED, T0, Map.of(), Map.of())));

        assertEquals(1, since(CUSTOMER_ID, 1).size());
    }

    @Test
    void suspendAndEnableRecordTheStatusChange() {
        administration.suspend(admin, CUSTOMER_ID);
        clock.advance(Duration.ofSeconds(1));
        administration.enable(admin, CUSTOMER_ID);
        administration.enable(admin, CUSTOMER_ID); // already enabled: nothing changes, nothing is recorded

        List<AuditEntry> added = since(CUSTOMER_ID, 1);
        assertEquals(List.of(Action.USER_ENABLED, Action.USER_SUSPENDED), added.stream().map(AuditEntry::action).toList());
        assertEquals(Map.of("status", new Change("ACTIVE_UNVERIFIED", "SUSPENDED")), added.get(1).changes());
        assertEquals(Map.of("status", new Change("SUSPENDED", "ACTIVE_UNVERIFIED")), added.get(0).changes());
        assertTrue(added.stream().allMatch(e -> e.actorId().equals(ADMIN_ID) && e.requestId().equals(REQUEST)));
    }

    @Test
    void aDeleteIsRecordedAndTheTrailOutlivesTheUser() {
        clock.advance(Duration.ofSeconds(1));
        administration.delete(admin, CUSTOMER_ID);

        assertTrue(world.repository.user(TENANT, CUSTOMER_ID).isEmpty());
        AuditEntry entry = only(CUSTOMER_ID);
        assertEquals(Action.USER_DELETED, entry.action());
        assertEquals(ADMIN_ID, entry.actorId());
        assertEquals(new Change("carla@example.com", null), entry.changes().get("username"));

        // A Global Admin reads who deleted the user; a System Admin, who could have managed them, does not.
        assertEquals(List.of(Action.USER_DELETED, Action.USER_CREATED),
                world.directory.auditTrail(admin, CUSTOMER_ID, 25, null).items().stream().map(AuditEntry::action).toList());
        world.seedUser(TENANT, "sys", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        assertThrows(NotFound.class, () -> world.directory.auditTrail(new CallerId(TENANT, "sys"), CUSTOMER_ID, 25, null));
    }

    @Test
    void aCreateTheIdentityProviderRefusesIsRolledBackWithAnEntrySayingSo() {
        world.identityProvider.failNext("createLogin", Reason.CONFLICT);

        assertThrows(Conflict.class, () -> administration.create(admin, CreateUserTest.customer("nina@example.com")));

        String id = world.identityProvider.calls.getLast().substring("createLogin ".length());
        List<AuditEntry> entries = trail(id); // both at the same instant of the fixed clock: their order is the entry ids'
        assertEquals(java.util.Set.of(Action.USER_DELETED, Action.USER_CREATED), entries.stream().map(AuditEntry::action).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, entries.size());
        AuditEntry rollback = entries.stream().filter(e -> e.action() == Action.USER_DELETED).findFirst().orElseThrow();
        assertEquals(ADMIN_ID, rollback.actorId());
        assertEquals(REQUEST, rollback.requestId());
        assertTrue(rollback.details().get("reason").contains("identity provider refused"), rollback.details().toString());
    }

    @Test
    void theReconcilersRollbackIsByTheReconciler() {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertThrows(DomainException.Unavailable.class, () -> administration.create(admin, CreateUserTest.customer("nina@example.com")));
        String id = world.identityProvider.calls.getLast().substring("createLogin ".length());
        world.identityProvider.failNext("createLogin", Reason.CONFLICT);
        Clock later = Clock.offset(clock, Reconciler.GRACE.plusMinutes(1));

        new Reconciler(world.stores, new UserAdministration(world.stores, world.identityProvider, world.mailer, later, () -> "unused"), later)
                .run(Duration.ofSeconds(30));

        AuditEntry rollback = trail(id).getFirst();
        assertEquals(Action.USER_DELETED, rollback.action());
        assertEquals(AuditEntry.RECONCILER, rollback.actorId());
        assertNull(rollback.requestId());
    }

    @Test
    void theUsersOwnEditsAreByTheUser() {
        CallerId carla = new CallerId(TENANT, CUSTOMER_ID, "req-self");
        User renamed = self.updateNames(carla, customer.version(), Map.of("firstName", "Carlotta"));
        clock.advance(Duration.ofSeconds(1));
        self.changeEmail(carla, renamed.version(), Map.of("email", "carlotta@example.com"));

        List<AuditEntry> added = since(CUSTOMER_ID, 1);
        assertEquals(List.of(Action.USERNAME_CHANGED, Action.USER_UPDATED), added.stream().map(AuditEntry::action).toList());
        assertTrue(added.stream().allMatch(e -> e.actorId().equals(CUSTOMER_ID) && e.requestId().equals("req-self")));
        assertEquals(Map.of("firstName", new Change("Carla", "Carlotta")), added.get(1).changes());
    }

    @Test
    void mailsThatAreThePointOfTheRequestAreRecordedWithTheRecipientMasked() {
        administration.sendPasswordReset(admin, CUSTOMER_ID);
        clock.advance(Duration.ofSeconds(1));
        administration.sendVerificationEmail(admin, CUSTOMER_ID);
        clock.advance(Duration.ofSeconds(1));
        self.sendOwnPasswordReset(new CallerId(TENANT, CUSTOMER_ID, "req-me"));
        clock.advance(Duration.ofSeconds(1));
        self.requestPasswordReset("req-public", Map.of("tenantId", TENANT, "email", "carla@example.com"));

        List<AuditEntry> added = since(CUSTOMER_ID, 1);
        assertEquals(List.of(Action.PASSWORD_RESET_SENT, Action.PASSWORD_RESET_SENT, Action.VERIFICATION_MAIL_SENT, Action.PASSWORD_RESET_SENT),
                added.stream().map(AuditEntry::action).toList());
        assertEquals(List.of(CUSTOMER_ID, CUSTOMER_ID, ADMIN_ID, ADMIN_ID), added.stream().map(AuditEntry::actorId).toList());
        assertEquals(List.of("req-public", "req-me", REQUEST, REQUEST), added.stream().map(AuditEntry::requestId).toList());
        for (AuditEntry entry : added) {
            assertEquals(Map.of("to", "c***@example.com"), entry.details());
            assertTrue(entry.changes().isEmpty());
        }
    }

    @Test
    void aMailThatDidNotGoIsNotRecorded() {
        world.mailer.failNext(1);

        assertThrows(DomainException.Unavailable.class, () -> administration.sendPasswordReset(admin, CUSTOMER_ID));

        assertEquals(0, since(CUSTOMER_ID, 1).size());
    }

    @Test
    void theFirstLoginFlipIsRecordedOnceByAuth0InTheSameTransaction() {
        LoginEvents logins = new LoginEvents(new DynamoLoginRecorder(world.dynamo.client, world.dynamo.table), clock);

        logins.afterLogin(TENANT, CUSTOMER_ID, 1, false, "carla@example.com");
        logins.afterLogin(TENANT, CUSTOMER_ID, 1, false, "carla@example.com"); // the same login again
        logins.afterLogin(TENANT, CUSTOMER_ID, 2, true, "carla@example.com"); // an ordinary login

        AuditEntry entry = only(CUSTOMER_ID);
        assertEquals(Action.FIRST_LOGIN_VERIFIED, entry.action());
        assertEquals(AuditEntry.AUTH0, entry.actorId());
        assertEquals(T0, entry.at());
        assertEquals(Map.of("status", new Change("ACTIVE_UNVERIFIED", "ACTIVE_VERIFIED")), entry.changes());
    }

    @Test
    void theTrailIsNewestFirstAndPagedAcrossPages() {
        User current = customer;
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            current = administration.update(admin, CUSTOMER_ID, current.version(), Map.of("jobTitle", "Title " + i));
        }

        List<AuditEntry> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = world.directory.auditTrail(admin, CUSTOMER_ID, 2, cursor);
            seen.addAll(page.items());
            pageSizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertEquals(6, seen.size(), "five edits and the create");
        // DynamoDB returns a LastEvaluatedKey after a full last page and an empty page next; moto returns none
        // (docs/table.md, emulator fidelity). The service follows the key either way: only a missing key ends.
        assertTrue(pageSizes.equals(List.of(2, 2, 2, 0)) || pageSizes.equals(List.of(2, 2, 2)), pageSizes.toString());
        for (int i = 0; i < 5; i++) assertEquals(new Change(i == 4 ? null : "Title " + (4 - i), "Title " + (5 - i)), seen.get(i).changes().get("jobTitle"));
        assertEquals(Action.USER_CREATED, seen.getLast().action());
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i - 1).at().isAfter(seen.get(i).at()));
    }

    @Test
    void aCursorWorksOnlyForTheTrailItCameFrom() {
        world.seedUser(TENANT, "c-2", Role.CUSTOMER, "Bob", "Buyer", "bob@example.com");
        administration.update(admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer"));
        String cursor = world.directory.auditTrail(admin, CUSTOMER_ID, 1, null).nextCursor();
        assertNotNull(cursor);

        Invalid refused = assertThrows(Invalid.class, () -> world.directory.auditTrail(admin, "c-2", 1, cursor));
        assertEquals("cursor", refused.errors().getFirst().field());
        assertThrows(Invalid.class, () -> world.directory.auditTrail(admin, CUSTOMER_ID, 1, "garbage"));
    }

    @Test
    void theTrailIsForThoseWhoMayManageTheUser() {
        world.seedUser(TENANT, "sys", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        world.seedUser(OTHER_TENANT, "o-1", Role.CUSTOMER, "Otto", "Other", "otto@example.com");
        CallerId sysAdmin = new CallerId(TENANT, "sys");

        assertEquals(1, world.directory.auditTrail(sysAdmin, CUSTOMER_ID, 25, null).items().size());
        assertThrows(Forbidden.class, () -> world.directory.auditTrail(sysAdmin, ADMIN_ID, 25, null), "a System Admin may not manage Global Admins");
        assertThrows(Forbidden.class, () -> world.directory.auditTrail(new CallerId(TENANT, CUSTOMER_ID), CUSTOMER_ID, 25, null), "not even one's own");
        assertThrows(NotFound.class, () -> world.directory.auditTrail(admin, "o-1", 25, null), "another tenant's user is unknown here");
        assertThrows(NotFound.class, () -> world.directory.auditTrail(admin, "no-such-user", 25, null));
    }

    @Test
    void entriesExpireByTtlAfterTheRetentionDays() {
        administration.suspend(admin, CUSTOMER_ID);
        assertEquals(T0.plus(Duration.ofDays(365)).getEpochSecond(), expiresAt(Action.USER_SUSPENDED), "365 days by default");

        // The same table, as a function group whose AUDIT_RETENTION_DAYS is 30 builds it.
        var table = world.adapters(Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS, Map.of("AUDIT_RETENTION_DAYS", "30")).table();
        assertEquals(Duration.ofDays(30), table.auditRetention());
        clock.advance(Duration.ofSeconds(1));
        new UserAdministration(DynamoStores.of(table), world.identityProvider, world.mailer, clock, () -> "unused").enable(admin, CUSTOMER_ID);
        assertEquals(T0.plusSeconds(1).plus(Duration.ofDays(30)).getEpochSecond(), expiresAt(Action.USER_ENABLED));
    }

    /** The TTL attribute of the customer's one entry of {@code action}, read straight from the table. */
    private long expiresAt(Action action) {
        var items = world.dynamo.client.query(q -> q.tableName(world.dynamo.table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditTrail(TENANT, AuditEntry.Subject.USER, CUSTOMER_ID))))).items();
        List<Map<String, AttributeValue>> matching = items.stream().filter(i -> i.get("action").s().equals(action.name())).toList();
        assertEquals(1, matching.size());
        Map<String, AttributeValue> item = new HashMap<>(matching.getFirst());
        assertEquals("AUDIT", item.get("entity").s());
        return Long.parseLong(item.get("expiresAt").n());
    }

}
