package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.domain.ProfileSettings;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.UserField;
import com.peakcommerce.useradmin.dynamodb.Keys;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.CrashingRepository;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profiles' settings, edits and deletes (SPEC P1–P4), driven by the events in events/, against the moto emulator. */
class ProfileLifecycleTest {
    private static final String VIP = "vip-profile";
    private final World world = World.seeded();

    // ---- P1, P3: defaults and the settings model ----------------------------------------------------

    @Test
    void aNewProfileHasEverySettingAtItsDefaultAndStoresNone() {
        Answer answer = Answer.of(new CreateProfileHandler(world.profiles, world.http), Events.load("create-profile"));

        assertEquals(201, answer.status());
        Map<String, Object> settings = settings(answer);
        assertEquals(7, settings.size());
        for (ProfileSettings.Setting setting : ProfileSettings.ALL) {
            assertEquals(setting.defaultOption(), tab(settings, setting.tab().id()).get(setting.id()), setting.key());
        }
        String id = (String) answer.body().get("id");
        assertFalse(profileItem(id).containsKey("settings"), "nothing stored: every setting reads as its default");
        assertEquals(List.of("PROFILE_CREATED"), trail(AuditEntry.Subject.PROFILE, id).stream().map(e -> e.get("action").s()).toList());
    }

    @Test
    void settingsGivenOnCreateAreValidatedAndStored() {
        Answer bad = create("{\"name\":\"Partners\",\"settings\":{\"myCases\":{\"view\":\"sometimes\"}}}");
        assertEquals(400, bad.status());
        assertEquals(List.of("settings.myCases.view"), bad.errorFields());

        Answer ok = create("{\"name\":\"Partners\",\"settings\":{\"myCases\":{\"view\":\"allowed\"}}}");
        assertEquals(201, ok.status());
        assertEquals("allowed", tab(settings(ok), "myCases").get("view"));
        assertEquals(Map.of("myCases.view", AttributeValue.fromS("allowed")), profileItem((String) ok.body().get("id")).get("settings").m());
        assertEquals(List.of("Partners", "Standard"), names());
    }

    @Test
    void theSettingsModelDescribesTheSevenTabs() {
        Answer answer = Answer.of(new GetProfileSettingsHandler(world.profiles, world.http), Events.load("get-profile-settings"));

        assertEquals(200, answer.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tabs = (List<Map<String, Object>>) answer.body().get("tabs");
        assertEquals(List.of("My Account", "My Subscriptions", "My Customers", "My Cases", "Pay Invoices", "Configurations", "Currencies"),
                tabs.stream().map(t -> t.get("label")).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> accounts = ((List<Map<String, Object>>) tabs.get(2).get("settings")).getFirst();
        assertEquals(List.of("ACCOUNT_EXECUTIVE", "PARTNER_ACCOUNT_EXECUTIVE"), accounts.get("roles"));
        assertEquals("view", accounts.get("default"));
        assertEquals(List.of(Map.of("id", "none", "label", "No access"), Map.of("id", "view", "label", "View only"),
                Map.of("id", "manage", "label", "View and manage")), accounts.get("options"));
    }

    // ---- P2: edits --------------------------------------------------------------------------------

    @Test
    void aValidPatchChangesNameAndSettingsAndRecordsEachChange() {
        world.dynamo.resetCalls();
        Answer answer = Answer.of(new UpdateProfileHandler(world.profiles, world.http), Events.load("update-profile"));
        System.out.println("PATCH /profiles/{id} with a rename: " + world.dynamo.calls());

        assertEquals(200, answer.status());
        assertEquals("\"2\"", answer.header("ETag"));
        assertEquals("Standard customers", answer.body().get("name"));
        assertEquals("view", tab(settings(answer), "myAccount").get("paymentMethods"));
        assertEquals("de", tab(settings(answer), "configurations").get("language"));
        assertEquals("manage", tab(settings(answer), "myAccount").get("contactInfo"), "untouched settings keep their default");

        Answer read = Answer.of(new GetProfileHandler(world.profiles, world.http), Events.load("get-profile"));
        assertEquals(answer.body(), read.body());
        var entries = trail(AuditEntry.Subject.PROFILE, World.PROFILE_ID);
        assertEquals(1, entries.size());
        var changes = entries.getFirst().get("changes").m();
        assertEquals(List.of("configurations.language", "myAccount.paymentMethods", "mySubscriptions.cancel", "name").stream()
                .map(k -> k.equals("name") ? k : "settings." + k).sorted().toList(), changes.keySet().stream().sorted().toList());
        assertEquals("manage", changes.get("settings.myAccount.paymentMethods").m().get("before").s());
        assertEquals("view", changes.get("settings.myAccount.paymentMethods").m().get("after").s());
        assertEquals("Standard", changes.get("name").m().get("before").s());
        // null puts a setting back to its default (and stops storing it)
        Answer reset = patch("\"2\"", "{\"settings\":{\"myAccount\":{\"paymentMethods\":null}}}");
        assertEquals("manage", tab(settings(reset), "myAccount").get("paymentMethods"));
        assertFalse(profileItem(World.PROFILE_ID).get("settings").m().containsKey("myAccount.paymentMethods"));
    }

    @Test
    void unknownSettingsAndInvalidOptionsAreRefusedByNameAndNothingIsWritten() {
        Answer unknown = patch("\"1\"", "{\"settings\":{\"myAccount\":{\"colour\":\"red\"},\"myGarden\":{}}}");
        assertEquals(400, unknown.status());
        assertEquals(List.of("settings.myAccount.colour", "settings.myGarden"), unknown.errorFields());

        Answer invalid = patch("\"1\"", "{\"name\":\"Renamed\",\"settings\":{\"myAccount\":{\"paymentMethods\":\"everything\"}}}");
        assertEquals(400, invalid.status());
        assertEquals(List.of("settings.myAccount.paymentMethods"), invalid.errorFields());
        assertTrue(invalid.body().get("detail").toString().contains("[none, view, manage]"), invalid.body().toString());

        Map<String, AttributeValue> item = profileItem(World.PROFILE_ID);
        assertEquals("1", item.get("version").n());
        assertEquals("Standard", item.get("name").s());
        assertFalse(item.containsKey("settings"));
        assertEquals(List.of(), trail(AuditEntry.Subject.PROFILE, World.PROFILE_ID));
    }

    @Test
    void aStaleOrMissingIfMatchIsRefused() {
        Answer stale = patch("\"7\"", "{\"name\":\"Renamed\"}");
        assertEquals(412, stale.status());
        assertEquals(List.of("If-Match"), stale.errorFields());

        Answer missing = patch(null, "{\"name\":\"Renamed\"}");
        assertEquals(428, missing.status());
        assertEquals("Standard", profileItem(World.PROFILE_ID).get("name").s());
    }

    @Test
    void renamingToATakenNameIsAConflictAndTheOldNameStaysTheProfiles() {
        world.repository.insertProfile(new Profile(World.TENANT, VIP, "VIP", 1, World.NOW, World.NOW));

        Answer taken = patch("\"1\"", "{\"name\":\"vip\"}");
        assertEquals(409, taken.status());
        assertEquals(List.of("name"), taken.errorFields());
        assertEquals("Standard", profileItem(World.PROFILE_ID).get("name").s());
        assertEquals(409, create("{\"name\":\"Standard\"}").status(), "the old name is still held by the profile");

        Answer renamed = patch("\"1\"", "{\"name\":\"Basic\"}");
        assertEquals(200, renamed.status());
        assertEquals(201, create("{\"name\":\"Standard\"}").status(), "the old name is free once the rename is done");
        assertEquals(409, create("{\"name\":\"BASIC\"}").status());
        assertEquals(List.of("Basic", "Standard", "VIP"), names());
    }

    // ---- P4: deletes --------------------------------------------------------------------------------

    @Test
    void aProfileCannotReplaceItselfWithOrWithoutHolders() {
        for (int holders : new int[]{0, 2}) {
            for (int i = 0; i < holders; i++) customer(i);
            Answer refused = Answer.of(new DeleteProfileHandler(world.profiles, world.http), deleteEvent(World.PROFILE_ID, World.PROFILE_ID));

            assertEquals(400, refused.status(), holders + " holders");
            assertEquals(List.of("replacement"), refused.errorFields());
            assertFalse(profileItem(World.PROFILE_ID).containsKey("retiring"), "nothing was marked");
        }
        assertEquals(2, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID), "the holders keep the profile");
    }

    @Test
    void aBodyWithAnythingAfterItsObjectCreatesNoProfile() {
        assertEquals(400, create("{\"name\":\"A\"}{\"name\":\"B\"}").status());
        assertEquals(List.of("(body)"), create("{\"name\":\"A\"} trailing").errorFields());
        assertEquals(List.of("name"), create("{\"name\":\"Gold\\u0000\"}").errorFields());
        assertEquals(List.of("Standard"), names());
    }

    @Test
    void aProfileUsersHoldIsNotDeletedWithoutAReplacement() {
        for (int i = 0; i < 3; i++) customer(i);

        Answer refused = Answer.of(new DeleteProfileHandler(world.profiles, world.http), deleteEvent(World.PROFILE_ID, null));

        assertEquals(409, refused.status());
        assertEquals(3, ((Number) refused.body().get("holders")).intValue());
        assertEquals(List.of("replacement"), refused.errorFields());
        assertFalse(profileItem(World.PROFILE_ID).containsKey("retiring"), "a refused delete clears its mark");
        assertEquals(200, patch("\"1\"", "{\"name\":\"Still here\"}").status(), "and the profile can be edited again");
        world.administration.create(world.admin, customerBody("after@example.com", World.PROFILE_ID)); // and given to users again
        assertEquals(4, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID));
    }

    @Test
    void anUnheldProfileIsDeletedWithItsNameMarker() {
        world.repository.insertProfile(new Profile(World.TENANT, VIP, "VIP", 1, World.NOW, World.NOW));

        Answer deleted = Answer.of(new DeleteProfileHandler(world.profiles, world.http), deleteEvent(VIP, null));

        assertEquals(204, deleted.status());
        assertTrue(profileItem(VIP).isEmpty());
        assertTrue(item(Keys.profileNameMarker(World.TENANT, "VIP")).isEmpty());
        assertEquals(List.of("PROFILE_DELETED"), trail(AuditEntry.Subject.PROFILE, VIP).stream().map(e -> e.get("action").s()).toList());
        assertEquals(201, create("{\"name\":\"VIP\"}").status());
    }

    @Test
    void deletingWithAReplacementMovesEveryHolderAcrossPagesAndLeavesNoMarker() {
        world.repository.insertProfile(new Profile(World.TENANT, VIP, "VIP", 1, World.NOW, World.NOW));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) ids.add(customer(i));

        world.dynamo.resetCalls();
        Answer deleted = Answer.of(new DeleteProfileHandler(world.profiles, world.http), Events.load("delete-profile"));
        System.out.println("DELETE /profiles/{id}?replacement with 30 holders: " + world.dynamo.calls().size() + " DynamoDB requests "
                + world.dynamo.calls().stream().collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting())));

        assertEquals(204, deleted.status());
        for (String id : ids) {
            var user = world.stored(id);
            assertEquals(VIP, user.text(UserField.PROFILE_ID));
            assertEquals(3, user.version());
            var entries = trail(AuditEntry.Subject.USER, id).stream().filter(e -> !e.get("action").s().equals("USER_CREATED")).toList();
            assertEquals(List.of("USER_UPDATED"), entries.stream().map(e -> e.get("action").s()).toList(), "one entry besides the seed's");
            assertEquals(Map.of("before", AttributeValue.fromS(World.PROFILE_ID), "after", AttributeValue.fromS(VIP)),
                    entries.getFirst().get("changes").m().get("profileId").m());
        }
        assertTrue(profileItem(World.PROFILE_ID).isEmpty());
        assertTrue(item(Keys.profileNameMarker(World.TENANT, "Standard")).isEmpty());
        assertEquals(0, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID));
        assertEquals(30, world.repository.countProfileHolders(World.TENANT, VIP));
        assertEquals(List.of("PROFILE_DELETED"), trail(AuditEntry.Subject.PROFILE, World.PROFILE_ID).stream().map(e -> e.get("action").s()).toList());
    }

    @Test
    void aDeleteThatCrashedHalfWayIsFinishedByItsRetry() {
        world.repository.insertProfile(new Profile(World.TENANT, VIP, "VIP", 1, World.NOW, World.NOW));
        for (int i = 0; i < 30; i++) customer(i);
        CrashingRepository crashing = new CrashingRepository(world.stores);
        ProfileCatalog catalog = new ProfileCatalog(crashing.stores(), world.clock, () -> UUID.randomUUID().toString());
        crashing.crashBefore("replace", 12);

        assertThrows(CrashingRepository.Crash.class, () -> catalog.delete(world.admin, World.PROFILE_ID, 1L, VIP));
        assertEquals(18, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID));
        assertEquals(VIP, profileItem(World.PROFILE_ID).get("retiring").s());
        assertThrows(Invalid.class, () -> world.administration.create(world.admin, customerBody("late@example.com", World.PROFILE_ID)),
                "half-deleted, the profile is given to no one");

        Answer retried = Answer.of(new DeleteProfileHandler(catalog, world.http), Events.load("delete-profile"));

        assertEquals(204, retried.status());
        assertEquals(0, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID));
        assertEquals(30, world.repository.countProfileHolders(World.TENANT, VIP));
        assertTrue(profileItem(World.PROFILE_ID).isEmpty());
    }

    @Test
    void aUserWriteThatRacesADeleteCannotHoldTheDeletedProfile() {
        // The delete has started (the mark is set) after the create read the profile: its insert is refused.
        var snapshotBefore = world.repository.fetch(World.TENANT, java.util.Set.of(), java.util.Set.of(World.PROFILE_ID));
        assertTrue(snapshotBefore.profiles().containsKey(World.PROFILE_ID));
        Profile marked = world.repository.markProfileRetiring(World.TENANT, World.PROFILE_ID, null, Profile.NO_REPLACEMENT);
        var user = com.peakcommerce.useradmin.domain.User.created(World.TENANT, "racer", World.fieldsFor(Role.CUSTOMER, "Rae", "Racer", "rae@example.com"),
                false, World.ADMIN_ID, World.NOW);
        Invalid refused = assertThrows(Invalid.class, () -> world.repository.insert(user, World.seedEntry(user)));
        assertEquals("profileId", refused.errors().getFirst().field());
        assertTrue(world.repository.user(World.TENANT, "racer").isEmpty(), "nothing of the user was written");
        assertTrue(item(Keys.usernameMarker(World.TENANT, "rae@example.com")).isEmpty());

        // An edit giving an existing user the profile is refused alike; one keeping it is not concerned.
        world.repository.insertProfile(new Profile(World.TENANT, VIP, "VIP", 1, World.NOW, World.NOW));
        var other = world.seed(com.peakcommerce.useradmin.domain.User.created(World.TENANT, "vip-user",
                withProfile(World.fieldsFor(Role.CUSTOMER, "Vic", "Vip", "vic@example.com"), VIP), false, "seed", World.NOW));
        var moved = other.withFields(withProfile(other.fields(), World.PROFILE_ID)).nextVersion(World.NOW);
        assertThrows(Invalid.class, () -> world.repository.replace(other, moved, World.seedEntry(moved)));
        assertEquals(VIP, world.stored("vip-user").text(UserField.PROFILE_ID));

        // The delete finishes; the profile is gone and no user holds it.
        world.repository.deleteProfile(marked, new AuditEntry(World.TENANT, AuditEntry.Subject.PROFILE, World.PROFILE_ID,
                AuditEntry.Action.PROFILE_DELETED, World.ADMIN_ID, World.NOW, null, Map.of(), Map.of()));
        assertEquals(0, world.repository.countProfileHolders(World.TENANT, World.PROFILE_ID));
        Invalid gone = assertThrows(Invalid.class, () -> world.administration.create(world.admin, customerBody("new@example.com", World.PROFILE_ID)));
        assertEquals("profileId", gone.errors().getFirst().field());
    }

    @Test
    void anotherTenantsProfileIsUnreachable() {
        world.repository.insertProfile(new Profile(World.OTHER_TENANT, "other-profile", "Other", 1, World.NOW, World.NOW));

        APIGatewayV2HTTPEvent get = Events.load("get-profile");
        get.getPathParameters().put("profileId", "other-profile");
        assertEquals(404, Answer.of(new GetProfileHandler(world.profiles, world.http), get).status());
        APIGatewayV2HTTPEvent patch = patchEvent("\"1\"", "{\"name\":\"Mine\"}");
        patch.getPathParameters().put("profileId", "other-profile");
        assertEquals(404, Answer.of(new UpdateProfileHandler(world.profiles, world.http), patch).status());
        assertEquals(404, Answer.of(new DeleteProfileHandler(world.profiles, world.http), deleteEvent("other-profile", null)).status());
        APIGatewayV2HTTPEvent replacement = deleteEvent(World.PROFILE_ID, "other-profile");
        Answer badReplacement = Answer.of(new DeleteProfileHandler(world.profiles, world.http), replacement);
        assertEquals(400, badReplacement.status());
        assertEquals(List.of("replacement"), badReplacement.errorFields());
        assertEquals("Other", item(Keys.profile(World.OTHER_TENANT, "other-profile")).get("name").s());

        // Users are given only a profile of their own tenant (U1).
        Invalid refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, customerBody("x@example.com", "other-profile")));
        assertEquals(List.of("profileId"), refused.errors().stream().map(e -> e.field()).toList());
    }

    // ---- who may ------------------------------------------------------------------------------------

    @Test
    void roleMatrixOfTheProfileRoutes() {
        int cases = 0;
        for (Role role : Role.values()) {
            String callerId = "caller-" + role.name().toLowerCase();
            world.seedUser(World.TENANT, callerId, role, "Cal", role.name(), callerId + "@example.com");
            boolean manages = role == Role.GLOBAL_ADMIN || role == Role.SYSTEM_ADMIN;
            boolean reads = manages || role == Role.PARTNER_ADMIN;
            String target = "target-" + role.name().toLowerCase();
            world.repository.insertProfile(new Profile(World.TENANT, target, "Target " + role, 1, World.NOW, World.NOW));

            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("POST /profiles", manages ? 201 : 403);
            expected.put("GET /profiles", reads ? 200 : 403);
            expected.put("GET /profiles/{profileId}", reads ? 200 : 403);
            expected.put("GET /profile-settings", reads ? 200 : 403);
            expected.put("PATCH /profiles/{profileId}", manages ? 200 : 403);
            expected.put("DELETE /profiles/{profileId}", manages ? 204 : 403);

            Map<String, Integer> actual = new LinkedHashMap<>();
            APIGatewayV2HTTPEvent post = as(Events.load("create-profile"), callerId);
            post.setBody("{\"name\":\"By " + role + "\"}");
            actual.put("POST /profiles", Answer.of(new CreateProfileHandler(world.profiles, world.http), post).status());
            actual.put("GET /profiles", Answer.of(new ListProfilesHandler(world.profiles, world.http), as(Events.load("list-profiles"), callerId)).status());
            APIGatewayV2HTTPEvent get = as(Events.load("get-profile"), callerId);
            get.getPathParameters().put("profileId", target);
            actual.put("GET /profiles/{profileId}", Answer.of(new GetProfileHandler(world.profiles, world.http), get).status());
            actual.put("GET /profile-settings", Answer.of(new GetProfileSettingsHandler(world.profiles, world.http), as(Events.load("get-profile-settings"), callerId)).status());
            APIGatewayV2HTTPEvent patch = as(patchEvent("\"1\"", "{\"settings\":{\"myCases\":{\"view\":\"allowed\"}}}"), callerId);
            patch.getPathParameters().put("profileId", target);
            actual.put("PATCH /profiles/{profileId}", Answer.of(new UpdateProfileHandler(world.profiles, world.http), patch).status());
            actual.put("DELETE /profiles/{profileId}", Answer.of(new DeleteProfileHandler(world.profiles, world.http), as(deleteEvent(target, null), callerId)).status());

            assertEquals(expected, actual, role.name());
            cases += actual.size();
        }
        System.out.println("profile routes role matrix: " + cases + " cases");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Answer create(String body) {
        APIGatewayV2HTTPEvent event = Events.load("create-profile");
        event.setBody(body);
        return Answer.of(new CreateProfileHandler(world.profiles, world.http), event);
    }

    private Answer patch(String ifMatch, String body) {
        return Answer.of(new UpdateProfileHandler(world.profiles, world.http), patchEvent(ifMatch, body));
    }

    private static APIGatewayV2HTTPEvent patchEvent(String ifMatch, String body) {
        APIGatewayV2HTTPEvent event = Events.load("update-profile");
        event.setBody(body);
        if (ifMatch == null) event.getHeaders().remove("if-match");
        else event.getHeaders().put("if-match", ifMatch);
        return event;
    }

    private static APIGatewayV2HTTPEvent deleteEvent(String profileId, String replacement) {
        APIGatewayV2HTTPEvent event = Events.load("delete-profile");
        event.getPathParameters().put("profileId", profileId);
        event.getHeaders().remove("if-match");
        event.setRawQueryString(replacement == null ? "" : "replacement=" + replacement);
        event.setQueryStringParameters(replacement == null ? null : new HashMap<>(Map.of("replacement", replacement)));
        return event;
    }

    private static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, String userId) {
        event.getRequestContext().getAuthorizer().getJwt().getClaims().put("https://peakcommerce.example/user_id", userId);
        return event;
    }

    private String customer(int i) {
        String id = String.format("cust-%02d", i);
        world.seedUser(World.TENANT, id, Role.CUSTOMER, "C" + i, "Customer", id + "@example.com");
        return id;
    }

    private static Map<String, Object> customerBody(String username, String profileId) {
        return Map.of("role", "CUSTOMER", "firstName", "Nia", "lastName", "New", "username", username,
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", profileId);
    }

    private static Map<UserField, Object> withProfile(Map<UserField, Object> fields, String profileId) {
        Map<UserField, Object> copy = new java.util.EnumMap<>(fields);
        copy.put(UserField.PROFILE_ID, profileId);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Answer answer) { return (Map<String, Object>) answer.body().get("settings"); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tab(Map<String, Object> settings, String tab) { return (Map<String, Object>) settings.get(tab); }

    private List<String> names() {
        return world.repository.listProfiles(World.TENANT, 100, null).items().stream().map(Profile::name).toList();
    }

    private Map<String, AttributeValue> profileItem(String id) { return item(Keys.profile(World.TENANT, id)); }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        var item = world.dynamo.client.getItem(b -> b.tableName(world.dynamo.table).key(key).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private List<Map<String, AttributeValue>> trail(AuditEntry.Subject subject, String id) {
        return world.dynamo.client.query(b -> b.tableName(world.dynamo.table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditTrail(World.TENANT, subject, id))))).items();
    }
}
