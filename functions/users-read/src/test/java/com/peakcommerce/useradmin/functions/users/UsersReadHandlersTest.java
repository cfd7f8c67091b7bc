package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The users-read handlers, driven by the events in events/, against the moto emulator. */
class UsersReadHandlersTest {
    private final World world = World.seeded();

    UsersReadHandlersTest() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        world.seedUser(TENANT, "c-2", Role.CUSTOMER, "Bob", "Buyer", "bob@example.com");
        world.seedUser(World.OTHER_TENANT, "o-1", Role.CUSTOMER, "Otto", "Other", "otto@example.com");
    }

    private Answer list(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = Events.load("list-users");
        event.setQueryStringParameters(query);
        return Answer.of(new ListUsersHandler(world.directory, world.http), event);
    }

    @Test
    void getUserEventAnswersTheUserWithItsVersionAsETag() {
        Answer answer = Answer.of(new GetUserHandler(world.directory, world.http), Events.load("get-user"));

        assertEquals(200, answer.status());
        assertEquals("carla@example.com", answer.body().get("username"));
        assertEquals("Carla Customer", answer.body().get("displayName"));
        assertEquals("\"" + answer.body().get("version") + "\"", answer.header("ETag"));
    }

    @Test
    void aReadSaysWhatTheCallerMayDoToTheUser() {
        Answer carla = Answer.of(new GetUserHandler(world.directory, world.http), Events.load("get-user"));
        assertEquals(List.of("view", "edit", "delete", "suspend", "resetPassword", "sendVerificationEmail", "logInAs", "viewAudit"),
                carla.body().get("allowedActions"), "an active user: no enable");

        APIGatewayV2HTTPEvent self = Events.load("get-user");
        self.getPathParameters().put("userId", World.ADMIN_ID);
        assertEquals(List.of("view", "edit", "resetPassword", "sendVerificationEmail", "viewAudit"),
                Answer.of(new GetUserHandler(world.directory, world.http), self).body().get("allowedActions"), "no suspend, delete or log in as on oneself");

        world.administration.suspend(world.admin, "c-2");
        Answer listed = list(Map.of("role", "CUSTOMER"));
        Map<Object, Object> byName = new java.util.HashMap<>();
        listed.items().forEach(item -> byName.put(item.get("username"), item.get("allowedActions")));
        assertEquals(List.of("view", "edit", "delete", "enable", "viewAudit"),
                byName.get("bob@example.com"), "each list item too; a suspended user is enabled, not suspended, mailed or logged in as");
    }

    @Test
    void anotherTenantsUserIsA404() {
        APIGatewayV2HTTPEvent event = Events.load("get-user");
        event.getPathParameters().put("userId", "o-1");
        Answer answer = Answer.of(new GetUserHandler(world.directory, world.http), event);
        assertEquals(404, answer.status());
        assertEquals("application/problem+json", answer.contentType());
    }

    @Test
    void listUsersEventListsTheTenantsCustomersByName() {
        Answer answer = Answer.of(new ListUsersHandler(world.directory, world.http), Events.load("list-users"));

        assertEquals(200, answer.status());
        assertEquals(List.of("Bob Buyer", "Carla Customer"), answer.items().stream().map(u -> u.get("displayName")).toList());
    }

    @Test
    void theCursorLeadsToTheNextPage() {
        Map<String, String> query = new HashMap<>(Map.of("role", "CUSTOMER", "limit", "1"));
        Answer first = list(query);
        assertNotNull(first.body().get("nextCursor"));
        query.put("cursor", (String) first.body().get("nextCursor"));
        Answer second = list(query);
        assertEquals("Carla Customer", second.items().getFirst().get("displayName"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit,0", "limit,101", "limit,ten", "role,KING", "status,ASLEEP", "cursor,garbage", "sort,name", "partnerId,a b"})
    void badListParametersAre400NamingTheParameter(String name, String value) {
        Answer answer = list(Map.of(name, value));
        assertEquals(400, answer.status());
        assertEquals(List.of(name), answer.errorFields());
    }

    @Test
    void theLastPageHasNoCursor() {
        assertNull(list(Map.of("role", "CUSTOMER", "limit", "100")).body().get("nextCursor"));
    }

    private Answer audit(String userId, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = Events.load("get-user-audit");
        event.getPathParameters().put("userId", userId);
        event.setQueryStringParameters(query);
        return Answer.of(new GetUserAuditHandler(world.directory, world.http), event);
    }

    @Test
    void getUserAuditEventAnswersTheTrailNewestFirstWithChangesBeforeAndAfter() {
        var customer = world.stored(CUSTOMER_ID);
        world.administration.update(new CallerId(TENANT, World.ADMIN_ID, "req-edit"), CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer"));
        world.dynamo.resetCalls();

        Answer answer = Answer.of(new GetUserAuditHandler(world.directory, world.http), Events.load("get-user-audit"));

        assertEquals(200, answer.status());
        assertEquals(List.of("batchGetItem", "query"), world.dynamo.calls(), "caller and user in one read, then one Query");
        // both at the fixed clock's instant: the edit and the seed's creation, in either order
        var edit = answer.items().stream().filter(e -> "USER_UPDATED".equals(e.get("action"))).findFirst().orElseThrow();
        assertEquals(World.ADMIN_ID, edit.get("actorId"));
        assertEquals("req-edit", edit.get("requestId"));
        assertEquals(World.NOW.toString(), edit.get("at"));
        Map<?, ?> jobTitle = (Map<?, ?>) ((Map<?, ?>) edit.get("changes")).get("jobTitle");
        assertNull(jobTitle.get("before"));
        assertEquals("Buyer", jobTitle.get("after"));
        assertEquals(Map.of(), edit.get("details"));
        assertEquals(2, answer.items().size());
        assertNull(answer.body().get("nextCursor"));
    }

    @Test
    void theAuditTrailPagesWithItsCursor() {
        var customer = world.stored(CUSTOMER_ID);
        world.administration.update(world.admin, CUSTOMER_ID, customer.version(), Map.of("jobTitle", "Buyer")); // a second entry
        Answer first = audit(CUSTOMER_ID, Map.of("limit", "1"));
        assertEquals(200, first.status());
        assertEquals(1, first.items().size());
        String cursor = (String) first.body().get("nextCursor");
        assertNotNull(cursor);

        Answer second = audit(CUSTOMER_ID, Map.of("limit", "1", "cursor", cursor));
        assertEquals(200, second.status());
        assertEquals(1, second.items().size());
        // The test clock stands still: the two entries share an instant, so either may come first.
        assertEquals(java.util.Set.of("USER_CREATED", "USER_UPDATED"), java.util.Set.of(first.items().getFirst().get("action"), second.items().getFirst().get("action")));
        // DynamoDB answers a cursor after this full page and an empty page next; moto none (docs/table.md).
        String last = (String) second.body().get("nextCursor");
        if (last != null) assertEquals(List.of(), audit(CUSTOMER_ID, Map.of("limit", "1", "cursor", last)).items());

        Answer elsewhere = audit("c-2", Map.of("cursor", cursor));
        assertEquals(400, elsewhere.status(), "a cursor of another user's trail");
        assertEquals(List.of("cursor"), elsewhere.errorFields());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit,0", "limit,101", "cursor,garbage", "sort,at"})
    void badAuditParametersAre400NamingTheParameter(String name, String value) {
        Answer answer = audit(CUSTOMER_ID, Map.of(name, value));
        assertEquals(400, answer.status());
        assertEquals(List.of(name), answer.errorFields());
    }

    @Test
    void anotherTenantsOrAnUnknownUsersTrailIsA404AndAnUnmanageableOneA403() {
        world.seedUser(TENANT, "sys", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");

        assertEquals(404, audit("o-1", null).status());
        assertEquals(404, audit("no-such-user", null).status());
        APIGatewayV2HTTPEvent bySystemAdmin = Events.load("get-user-audit");
        bySystemAdmin.getRequestContext().getAuthorizer().getJwt().getClaims().put("https://peakcommerce.example/user_id", "sys");
        bySystemAdmin.getPathParameters().put("userId", World.ADMIN_ID);
        assertEquals(403, Answer.of(new GetUserAuditHandler(world.directory, world.http), bySystemAdmin).status());
    }
}
