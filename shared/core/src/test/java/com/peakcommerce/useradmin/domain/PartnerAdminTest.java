package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.PROFILE_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partner Admins and their realms (SPEC R1–R4, seed 003), and Account Executives and Partners reading
 * their customers (X1), against the moto emulator.
 *
 * <p>Given: PA1 and PA2 in the "created or assigned" realm, PAALL in "all"; PAEs e1 (assigned to PA1,
 * created by the Global Admin), e2 (assigned to PA2, created by PA1), e3 (assigned to PA2, created by the
 * Global Admin), e4 (assigned to and created by PA1); an Account Executive and a Partner each with one
 * customer, a customer of neither; and a PAE in another tenant with the same id scheme.
 */
class PartnerAdminTest {
    private final World world = World.seeded();
    private final CallerId pa1 = new CallerId(TENANT, "pa-1");
    private final CallerId pa2 = new CallerId(TENANT, "pa-2");
    private final CallerId paAll = new CallerId(TENANT, "pa-all");
    private final CallerId ae = new CallerId(TENANT, "ae-1");
    private final CallerId partner = new CallerId(TENANT, "p-1");

    @BeforeEach
    void realms() {
        partnerAdmin("pa-1", "Pam", "One", Realm.CREATED_OR_ASSIGNED);
        partnerAdmin("pa-2", "Pat", "Two", Realm.CREATED_OR_ASSIGNED);
        partnerAdmin("pa-all", "Pia", "All", Realm.ALL_PARTNER_ACCOUNT_EXECUTIVES);
        pae(TENANT, "e1", "Eve", "Alpha", "pa-1", ADMIN_ID);
        pae(TENANT, "e2", "Eli", "Beta", "pa-2", "pa-1");
        pae(TENANT, "e3", "Ed", "Gamma", "pa-2", ADMIN_ID);
        pae(TENANT, "e4", "Em", "Delta", "pa-1", "pa-1");
        world.seedUser(TENANT, "ae-1", Role.ACCOUNT_EXECUTIVE, "Rita", "Rep", "rita@example.com");
        world.seedUser(TENANT, "ae-2", Role.ACCOUNT_EXECUTIVE, "Rob", "Rep", "rob@example.com");
        world.seedUser(TENANT, "p-1", Role.PARTNER, "Paul", "Partner", "paul@example.com");
        customer("c-ae", "Cora", "Client", UserField.SALES_REP_ID, "ae-1");
        customer("c-p", "Carl", "Client", UserField.PARTNER_ID, "p-1");
        customer("c-ae2", "Cleo", "Client", UserField.SALES_REP_ID, "ae-2");
        world.seedUser(OTHER_TENANT, "pa-x", Role.GLOBAL_ADMIN, "Oscar", "Other", "oscar@other.example");
        pae(OTHER_TENANT, "e9", "Otto", "Other", "pa-x", "pa-x");
    }

    private void partnerAdmin(String id, String first, String last, Realm realm) {
        var fields = World.fieldsFor(Role.PARTNER_ADMIN, first, last, id + "@example.com");
        fields.put(UserField.SECURITY_REALM, realm.id());
        world.seed(User.created(TENANT, id, fields, false, ADMIN_ID, World.NOW));
    }

    private void pae(String tenant, String id, String first, String last, String partnerAdminId, String createdBy) {
        var fields = World.fieldsFor(Role.PARTNER_ACCOUNT_EXECUTIVE, first, last, id + "@" + tenant + ".example");
        fields.put(UserField.PROFILE_ID, PROFILE_ID);
        fields.put(UserField.PARTNER_ADMIN_ID, partnerAdminId);
        world.seed(User.created(tenant, id, fields, false, createdBy, World.NOW));
    }

    private void customer(String id, String first, String last, UserField relation, String associate) {
        var fields = World.fieldsFor(Role.CUSTOMER, first, last, id + "@example.com");
        fields.put(relation, associate);
        world.seed(User.created(TENANT, id, fields, false, ADMIN_ID, World.NOW));
    }

    private List<String> ids(CallerId caller, UserQuery query) {
        return world.directory.list(caller, query, 100, null).items().stream().map(User::id).toList();
    }

    private static UserQuery partnerAdminIs(String id) {
        return new UserQuery(null, null, null, null, null, id, null, null);
    }

    private User edit(CallerId caller, String id, Map<String, Object> body) {
        return world.administration.update(caller, id, world.stored(id).version(), body);
    }

    @Test
    void createdOrAssignedIsTheUnionOfBothAndAllIsEveryPaeOfTheTenant() {
        assertEquals(List.of("e1", "e2", "e4"), ids(pa1, UserQuery.ALL));       // assigned e1, e4; created e2, e4
        assertEquals(List.of("e2", "e3"), ids(pa2, UserQuery.ALL));             // assigned e2, e3
        assertEquals(List.of("e1", "e2", "e4", "e3"), ids(paAll, UserQuery.ALL)); // Alpha, Beta, Delta, Gamma
        assertEquals(List.of("query", "query"), callsOf(() -> ids(pa1, UserQuery.ALL)).subList(1, 3));
    }

    private List<String> callsOf(Runnable run) {
        world.dynamo.resetCalls();
        run.run();
        return world.dynamo.calls();
    }

    @Test
    void aUserOutsideTheRealmIsNotFoundNeverForbidden() {
        assertEquals("e2", world.directory.view(pa1, "e2").id());
        for (String outside : List.of("e3", "c-ae", ADMIN_ID, "pa-2", "pa-1", "ae-1", "e9", "nobody")) {
            assertThrows(NotFound.class, () -> world.directory.view(pa1, outside), outside);
            assertThrows(NotFound.class, () -> world.administration.suspend(pa1, outside), outside);
            assertThrows(NotFound.class, () -> world.administration.delete(pa1, outside), outside);
            assertThrows(NotFound.class, () -> world.administration.sendPasswordReset(pa1, outside), outside);
        }
        assertThrows(NotFound.class, () -> world.administration.update(pa1, "e3", 2L, Map.of("firstName", "X")));
        assertEquals("e3", world.directory.view(paAll, "e3").id());
        assertThrows(NotFound.class, () -> world.directory.view(paAll, "c-ae"));
    }

    @Test
    void aPaeReassignedFromPa1ToPa2LeavesPa1UnlessPa1CreatedIt() {
        // e1: assigned to PA1, created by the Global Admin. PA1 hands it to PA2 (an R4 field).
        assertEquals("pa-2", edit(pa1, "e1", Map.of("partnerAdminId", "pa-2")).text(UserField.PARTNER_ADMIN_ID));
        assertEquals(List.of("e2", "e4"), ids(pa1, UserQuery.ALL));
        assertThrows(NotFound.class, () -> world.directory.view(pa1, "e1"));
        assertEquals(List.of("e1", "e2", "e3"), ids(pa2, UserQuery.ALL));
        assertEquals("e1", world.directory.view(pa2, "e1").id());

        // e4: created by PA1, reassigned to PA2: both see it, PA1 as its creator.
        edit(pa1, "e4", Map.of("partnerAdminId", "pa-2"));
        assertEquals(List.of("e2", "e4"), ids(pa1, UserQuery.ALL));
        assertEquals(List.of("e1", "e2", "e4", "e3"), ids(pa2, UserQuery.ALL));
    }

    @Test
    void aPartnerAdminCreatesOnlyPaesTiedToThemByDefaultOrToThePartnerAdminTheyChoose() {
        User mine = world.administration.create(pa1, Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE", "firstName", "New",
                "lastName", "Mine", "username", "new.mine@example.com", "profileId", PROFILE_ID, "accountNumber", "A0001")).user();
        assertEquals("pa-1", mine.text(UserField.PARTNER_ADMIN_ID));
        assertEquals("pa-1", mine.createdBy());

        User theirs = world.administration.create(pa1, Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE", "firstName", "New",
                "lastName", "Theirs", "username", "new.theirs@example.com", "profileId", PROFILE_ID, "partnerAdminId", "pa-2")).user();
        assertEquals("pa-2", theirs.text(UserField.PARTNER_ADMIN_ID));
        assertTrue(ids(pa1, UserQuery.ALL).containsAll(List.of(mine.id(), theirs.id())), "the creator keeps both");
        assertTrue(ids(pa2, UserQuery.ALL).contains(theirs.id()));
        assertEquals(theirs.id(), world.directory.view(pa1, theirs.id()).id());

        var refused = assertThrows(Forbidden.class, () -> world.administration.create(pa1, Map.of("role", "CUSTOMER", "firstName", "C",
                "lastName", "C", "username", "c@example.com", "accountNumber", "A1", "amendmentDateAlignment", "IMMEDIATE", "profileId", PROFILE_ID)));
        assertTrue(refused.getMessage().contains("CUSTOMER"), refused.getMessage());
        for (String role : List.of("GLOBAL_ADMIN", "SYSTEM_ADMIN", "PARTNER_ADMIN", "ACCOUNT_EXECUTIVE", "PARTNER")) {
            Map<String, Object> body = new HashMap<>(Map.of("role", role, "firstName", "X", "lastName", "Y", "username", role.toLowerCase() + "@example.com"));
            if (role.equals("PARTNER_ADMIN")) body.put("securityRealm", "created-or-assigned");
            if (role.equals("ACCOUNT_EXECUTIVE") || role.equals("PARTNER")) body.put("profileId", PROFILE_ID);
            var e = assertThrows(Forbidden.class, () -> world.administration.create(pa1, body), role);
            assertTrue(e.getMessage().contains(role), e.getMessage());
        }
        var field = assertThrows(Forbidden.class, () -> world.administration.create(pa1, Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE", "firstName", "N",
                "lastName", "M", "username", "n.m@example.com", "profileId", PROFILE_ID, "company", "ACME")));
        assertTrue(field.getMessage().contains("company"), field.getMessage());
        var notAPartnerAdmin = assertThrows(Invalid.class, () -> world.administration.create(pa1, Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE", "firstName", "N",
                "lastName", "M", "username", "n.m@example.com", "profileId", PROFILE_ID, "partnerAdminId", "ae-1")));
        assertEquals("partnerAdminId", notAPartnerAdmin.errors().getFirst().field());
    }

    @Test
    void aGlobalAdminStillNamesThePartnerAdminOfANewPae() {
        var missing = assertThrows(Invalid.class, () -> world.administration.create(world.admin, Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE",
                "firstName", "N", "lastName", "M", "username", "n.m@example.com", "profileId", PROFILE_ID)));
        assertEquals("partnerAdminId", missing.errors().getFirst().field());
    }

    @Test
    void aPartnerAdminEditsOnlyTheFieldsOfR4() {
        User edited = edit(pa1, "e4", Map.of("firstName", "Emma", "lastName", "Delta", "username", "emma@example.com", "accountNumber", "A0042", "profileId", PROFILE_ID));
        assertEquals("Emma", edited.firstName());
        assertEquals("A0042", world.stored("e4").text(UserField.ACCOUNT_NUMBER));
        for (String other : List.of("role", "company", "phone", "displayName", "securityRealm", "partnerId")) {
            Object value = switch (other) { case "role" -> "GLOBAL_ADMIN"; case "phone" -> "+49 30 1234"; default -> "x"; };
            var e = assertThrows(Forbidden.class, () -> edit(pa1, "e4", Map.of(other, value)), other);
            assertTrue(e.getMessage().contains(other), e.getMessage());
        }
        assertEquals(edited.version(), world.stored("e4").version(), "nothing written by a refusal");
    }

    @Test
    void aPartnerAdminSuspendsEnablesResetsVerifiesAndDeletesTheirPaes() {
        world.administration.suspend(pa1, "e1");
        assertTrue(world.stored("e1").suspended());
        world.administration.enable(pa1, "e1");
        assertEquals("e1@demo.example", world.administration.sendPasswordReset(pa1, "e1"));
        assertEquals("e1@demo.example", world.administration.sendVerificationEmail(pa1, "e1"));
        world.administration.delete(pa1, "e2");
        assertTrue(world.repository.user(TENANT, "e2").isEmpty());
    }

    @Test
    void aPartnerAdminTouchesNoProfilesAndReadsNoRealms() {
        assertThrows(Forbidden.class, () -> world.profiles.create(pa1, Map.of("name", "Mine")));
        assertThrows(Forbidden.class, () -> world.profiles.realms(pa1));
        assertThrows(Forbidden.class, () -> world.profiles.realm(paAll, "all-partner-account-executives"));
    }

    @Test
    void theTwoRealmsAreListedInEveryTenant() {
        assertEquals(List.of("created-or-assigned", "all-partner-account-executives"), world.profiles.realms(world.admin).stream().map(Realm::id).toList());
        CallerId otherAdmin = new CallerId(OTHER_TENANT, "pa-x");
        assertEquals(Realm.ALL, world.profiles.realms(otherAdmin));
        assertEquals(Realm.CREATED_OR_ASSIGNED, world.profiles.realm(otherAdmin, "created-or-assigned"));
    }

    @Test
    void filtersNeverWidenAPartnerAdminsList() {
        assertEquals(List.of("e2"), ids(pa1, partnerAdminIs("pa-2")), "created by PA1 and assigned to PA2; not e3");
        assertEquals(List.of("e1", "e4"), ids(pa1, partnerAdminIs("pa-1")));
        assertEquals(List.of("e1", "e2", "e4"), ids(pa1, new UserQuery(Role.PARTNER_ACCOUNT_EXECUTIVE, null, null, null, null, null, null, null)));
        assertEquals(List.of("e2"), ids(pa1, new UserQuery(null, null, null, null, null, null, "bet", null)));
        assertEquals(List.of("e4"), ids(pa1, new UserQuery(null, null, null, null, null, null, "e4@", null)));
        assertEquals(List.of(), ids(pa1, new UserQuery(null, UserStatus.SUSPENDED, null, null, null, null, null, null)));
        assertEquals(List.of("e2", "e3"), ids(paAll, partnerAdminIs("pa-2")));
        assertEquals(List.of(), ids(paAll, new UserQuery(null, null, "A000001212", null, null, null, null, null)), "the customers' account: no PAE");
        assertThrows(Forbidden.class, () -> ids(pa1, new UserQuery(Role.CUSTOMER, null, null, null, null, null, null, null)));
        assertThrows(Forbidden.class, () -> ids(paAll, new UserQuery(Role.GLOBAL_ADMIN, null, null, null, null, null, null, null)));
        assertEquals("partnerId", assertThrows(Invalid.class, () -> ids(pa1, new UserQuery(null, null, null, "p-1", null, null, null, null))).errors().getFirst().field());
        assertEquals("salesRepId", assertThrows(Invalid.class, () -> ids(paAll, new UserQuery(null, null, null, null, "ae-1", null, null, null))).errors().getFirst().field());
    }

    @Test
    void theMergedRealmPagesToTheEndWithoutRepeatsOrGaps() {
        for (int i = 0; i < 7; i++) pae(TENANT, "c" + i, "N", "Created" + i, "pa-2", "pa-1");   // created by PA1 only
        for (int i = 0; i < 6; i++) pae(TENANT, "a" + i, "N", "Assigned" + i, "pa-1", ADMIN_ID); // assigned to PA1 only
        for (int i = 0; i < 3; i++) pae(TENANT, "b" + i, "N", "Both" + i, "pa-1", "pa-1");       // in both indexes
        List<String> expected = world.directory.list(pa1, UserQuery.ALL, 100, null).items().stream().map(User::id).toList();
        assertEquals(3 + 7 + 6 + 3, expected.size());
        for (int limit : List.of(1, 2, 3, 5)) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page<User> page = world.directory.list(pa1, UserQuery.ALL, limit, cursor);
                assertTrue(page.items().size() <= limit);
                page.items().forEach(u -> seen.add(u.id()));
                cursor = page.nextCursor();
                assertTrue(++pages < 100);
            } while (cursor != null);
            assertEquals(expected, seen, "limit " + limit);
        }
        String first = world.directory.list(pa1, UserQuery.ALL, 2, null).nextCursor();
        assertThrows(Invalid.class, () -> world.directory.list(world.admin, UserQuery.ALL, 2, first), "a realm cursor is not a cursor of another list");
    }

    @Test
    void accountExecutivesAndPartnersReadTheirOwnCustomersAndNothingElse() {
        assertEquals(List.of("c-ae"), ids(ae, UserQuery.ALL));
        assertEquals(List.of("c-p"), ids(partner, UserQuery.ALL));
        assertEquals("c-ae", world.directory.view(ae, "c-ae").id());
        assertEquals("c-p", world.directory.view(partner, "c-p").id());
        for (String other : List.of("c-p", "c-ae2", "e1", ADMIN_ID, "ae-1", "ae-2", "nobody")) {
            assertThrows(NotFound.class, () -> world.directory.view(ae, other), other);
        }
        assertThrows(NotFound.class, () -> world.directory.view(partner, "c-ae"));
        // read-only: every change is refused before the target is looked at
        assertThrows(Forbidden.class, () -> world.administration.update(ae, "c-ae", 2L, Map.of("firstName", "X")));
        assertThrows(Forbidden.class, () -> world.administration.suspend(partner, "c-p"));
        assertThrows(Forbidden.class, () -> world.administration.delete(ae, "c-ae"));
        assertThrows(Forbidden.class, () -> world.administration.create(ae, Map.of("role", "CUSTOMER", "firstName", "C",
                "lastName", "C", "username", "c@example.com", "accountNumber", "A1", "amendmentDateAlignment", "IMMEDIATE", "profileId", PROFILE_ID)));
    }

    @Test
    void filtersNeverWidenAnAccountExecutivesOrPartnersList() {
        assertEquals(List.of("c-ae"), ids(ae, new UserQuery(null, null, null, null, "ae-1", null, null, null)));
        assertThrows(Forbidden.class, () -> ids(ae, new UserQuery(null, null, null, null, "ae-2", null, null, null)));
        assertThrows(Forbidden.class, () -> ids(partner, new UserQuery(null, null, null, "p-2", null, null, null, null)));
        assertThrows(Forbidden.class, () -> ids(ae, new UserQuery(Role.PARTNER_ACCOUNT_EXECUTIVE, null, null, null, null, null, null, null)));
        assertEquals("partnerAdminId", assertThrows(Invalid.class, () -> ids(ae, partnerAdminIs("pa-1"))).errors().getFirst().field());
        assertEquals(List.of(), ids(ae, new UserQuery(null, null, null, "p-1", null, null, null, null)), "ae's customers with partner p-1: none");
        assertEquals(List.of(), ids(partner, new UserQuery(null, null, null, null, "ae-1", null, null, null)));
        assertEquals(List.of("c-ae"), ids(ae, new UserQuery(null, null, "A000001212", null, null, null, null, null)));
        assertEquals(List.of("c-ae"), ids(ae, new UserQuery(Role.CUSTOMER, UserStatus.ACTIVE_UNVERIFIED, null, null, null, null, "cli", null)));
    }

    @Test
    void customersPaesSuspendedAndUnknownCallersSeeNobody() {
        world.administration.suspend(world.admin, "pa-1");
        for (CallerId caller : List.of(pa1, new CallerId(TENANT, "e1"), new CallerId(TENANT, "c-ae"), new CallerId(TENANT, "nobody"),
                new CallerId(OTHER_TENANT, "pa-1"))) {
            assertThrows(Forbidden.class, () -> ids(caller, UserQuery.ALL), caller.toString());
            assertThrows(Forbidden.class, () -> world.directory.view(caller, "e1"), caller.toString());
            assertThrows(Forbidden.class, () -> world.directory.view(caller, "nobody"), "nothing revealed: " + caller);
        }
    }

    @Test
    void aSystemAdminManagesAllButGlobalAdmins() {
        world.seedUser(TENANT, "sa-1", Role.SYSTEM_ADMIN, "Sam", "Sys", "sam@example.com");
        CallerId sa = new CallerId(TENANT, "sa-1");
        assertEquals("e3", world.directory.view(sa, "e3").id());
        assertThrows(Forbidden.class, () -> world.directory.view(sa, ADMIN_ID));
        assertTrue(ids(sa, UserQuery.ALL).stream().noneMatch(ADMIN_ID::equals));
        assertNull(world.directory.list(sa, UserQuery.ALL, 100, null).nextCursor());
    }
}
