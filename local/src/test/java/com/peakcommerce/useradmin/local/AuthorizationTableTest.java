package com.peakcommerce.useradmin.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Realm;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserField;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.wiring.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.PROFILE_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Who may do what (SPEC X1, R1–R4), as one table: every kind of caller × every route of
 * {@code template.yaml} that takes a caller × every relation of the target to the caller, with the status
 * expected. Each case runs the route's real handler class (named by template.yaml, built by its function
 * group's composition, as Lambda builds it) on an API Gateway event, against the moto emulator,
 * with a fresh caller and a fresh target, and every answer is held against docs/openapi.yaml. The test
 * prints the number of cases and fails listing every unexpected answer, and fails when a caller-taking
 * route of template.yaml has no rows (unless it is in {@link #DEFERRED}).
 *
 * <p><b>Adding a route is adding rows:</b> one {@link #ROUTES} entry (what the request needs: the target's
 * kind, a body, If-Match) and one {@link #EXPECTED} row per relation, nine statuses in the column order of
 * {@link Caller}.
 */
class AuthorizationTableTest {
    /** The real KMS adapter on a signing key made in the test JVM's moto. */
    private static final TokenSigner SIGNER = motoSigner();

    private static TokenSigner motoSigner() {
        var kms = com.peakcommerce.useradmin.emulator.MotoServer.shared().client(software.amazon.awssdk.services.kms.KmsClient.builder());
        String keyId = kms.createKey(k -> k.keySpec(software.amazon.awssdk.services.kms.model.KeySpec.ECC_NIST_P256)
                .keyUsage(software.amazon.awssdk.services.kms.model.KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
        return new com.peakcommerce.useradmin.kms.KmsTokenSigner(kms, keyId);
    }

    /** The columns: the seven roles, then a suspended Global Admin and a caller the tenant does not know. */
    enum Caller { GLOBAL_ADMIN, SYSTEM_ADMIN, PARTNER_ADMIN, ACCOUNT_EXECUTIVE, PARTNER_ACCOUNT_EXECUTIVE, PARTNER, CUSTOMER, SUSPENDED_ADMIN, UNKNOWN }

    /**
     * The target's relation to the caller. For users: SELF; IN_SCOPE (GA, SA: a customer; PA: a PAE
     * assigned to them; AE / Partner: their customer; the others: a customer); OUT_OF_SCOPE (GA, SA, and the
     * suspended and unknown callers: a Global Admin; PA: a PAE of another Partner Admin, created by the
     * Global Admin; AE / Partner: another's customer; the others: a customer); OTHER_TENANT (the in-scope
     * target, in tenant "other", pointing at the caller's id). For {@code POST /users}: the role created
     * (IN_SCOPE: a customer, for a PA a PAE; OUT_OF_SCOPE: a Global Admin, for a PA a customer). For
     * profiles and realms: IN_SCOPE is one of the tenant's, OUT_OF_SCOPE an unknown id, OTHER_TENANT
     * another tenant's profile. NONE: the route has no target.
     */
    enum Relation { NONE, SELF, IN_SCOPE, OUT_OF_SCOPE, OTHER_TENANT }

    enum Target { NONE, USER, PROFILE, REALM, ME }

    /** What a route's request needs, given the case. */
    record RouteSpec(Target target, Function<Case, Map<String, Object>> body, boolean ifMatch) {}

    private static RouteSpec route(Target target) { return new RouteSpec(target, c -> null, false); }

    private static final Map<String, RouteSpec> ROUTES = new LinkedHashMap<>();
    static {
        ROUTES.put("GET /users", route(Target.NONE));
        ROUTES.put("POST /users", new RouteSpec(Target.NONE, Case::newUser, false));
        ROUTES.put("GET /users/{userId}", route(Target.USER));
        ROUTES.put("PATCH /users/{userId}", new RouteSpec(Target.USER, c -> Map.of("firstName", "Changed"), true));
        ROUTES.put("DELETE /users/{userId}", route(Target.USER));
        ROUTES.put("POST /users/{userId}/suspend", route(Target.USER));
        ROUTES.put("POST /users/{userId}/enable", route(Target.USER));
        ROUTES.put("POST /users/{userId}/password-reset", route(Target.USER));
        ROUTES.put("POST /users/{userId}/verification-email", route(Target.USER));
        ROUTES.put("GET /me", route(Target.ME));
        ROUTES.put("PATCH /me", new RouteSpec(Target.ME, c -> Map.of("firstName", "Myself"), true));
        ROUTES.put("POST /me/email", new RouteSpec(Target.ME, c -> Map.of("email", "moved-" + c.n + "@example.com"), true));
        ROUTES.put("POST /me/password-reset", route(Target.ME));
        ROUTES.put("POST /profiles", new RouteSpec(Target.NONE, c -> Map.of("name", "Profile " + c.n), false));
        ROUTES.put("GET /profiles", route(Target.NONE));
        ROUTES.put("GET /profiles/{profileId}", route(Target.PROFILE));
        ROUTES.put("PATCH /profiles/{profileId}", new RouteSpec(Target.PROFILE, c -> Map.of("name", "Renamed " + c.n), true));
        ROUTES.put("DELETE /profiles/{profileId}", route(Target.PROFILE));
        ROUTES.put("GET /profile-settings", route(Target.NONE));
        ROUTES.put("GET /users/{userId}/audit", route(Target.USER));
        ROUTES.put("POST /users/{userId}/impersonation", route(Target.USER));
        ROUTES.put("GET /partner-admin-realms", route(Target.NONE));
        ROUTES.put("GET /partner-admin-realms/{realmId}", route(Target.REALM));
    }

    /**
     * Caller-taking routes that other branches of issue 4 add, whose rows come with them (the lead adds
     * them after merging, with their ROUTES entries and any settings they need in {@link #SETTINGS}):
     */
    private static final Set<String> DEFERRED = Set.of();

    record Row(String route, Relation relation, int[] expected) {}

    private static final List<Row> EXPECTED = new ArrayList<>();

    private static void row(String route, Relation relation, int... expected) {
        if (expected.length != Caller.values().length) throw new IllegalArgumentException(route + " " + relation + ": " + expected.length + " statuses");
        EXPECTED.add(new Row(route, relation, expected));
    }

    static {
        //                                                                GA   SA   PA   AE   PAE  PRTN CUST SUSP UNKN
        row("GET /users", Relation.NONE,                                 200, 200, 200, 200, 403, 200, 403, 403, 403);
        row("POST /users", Relation.IN_SCOPE,                            201, 201, 201, 403, 403, 403, 403, 403, 403);
        row("POST /users", Relation.OUT_OF_SCOPE,                        201, 403, 403, 403, 403, 403, 403, 403, 403);

        row("GET /users/{userId}", Relation.SELF,                        200, 200, 404, 404, 403, 404, 403, 403, 403);
        row("GET /users/{userId}", Relation.IN_SCOPE,                    200, 200, 200, 200, 403, 200, 403, 403, 403);
        row("GET /users/{userId}", Relation.OUT_OF_SCOPE,                200, 403, 404, 404, 403, 404, 403, 403, 403);
        row("GET /users/{userId}", Relation.OTHER_TENANT,                404, 404, 404, 404, 403, 404, 403, 403, 403);

        row("PATCH /users/{userId}", Relation.SELF,                      200, 200, 404, 403, 403, 403, 403, 403, 403);
        row("PATCH /users/{userId}", Relation.IN_SCOPE,                  200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("PATCH /users/{userId}", Relation.OUT_OF_SCOPE,              200, 403, 404, 403, 403, 403, 403, 403, 403);
        row("PATCH /users/{userId}", Relation.OTHER_TENANT,              404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("DELETE /users/{userId}", Relation.SELF,                     409, 409, 404, 403, 403, 403, 403, 403, 403);
        row("DELETE /users/{userId}", Relation.IN_SCOPE,                 204, 204, 204, 403, 403, 403, 403, 403, 403);
        row("DELETE /users/{userId}", Relation.OUT_OF_SCOPE,             204, 403, 404, 403, 403, 403, 403, 403, 403);
        row("DELETE /users/{userId}", Relation.OTHER_TENANT,             404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("POST /users/{userId}/suspend", Relation.SELF,               409, 409, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/suspend", Relation.IN_SCOPE,           200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/suspend", Relation.OUT_OF_SCOPE,       200, 403, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/suspend", Relation.OTHER_TENANT,       404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("POST /users/{userId}/enable", Relation.SELF,                200, 200, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/enable", Relation.IN_SCOPE,            200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/enable", Relation.OUT_OF_SCOPE,        200, 403, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/enable", Relation.OTHER_TENANT,        404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("POST /users/{userId}/password-reset", Relation.SELF,        202, 202, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/password-reset", Relation.IN_SCOPE,    202, 202, 202, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/password-reset", Relation.OUT_OF_SCOPE, 202, 403, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/password-reset", Relation.OTHER_TENANT, 404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("POST /users/{userId}/verification-email", Relation.SELF,    202, 202, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/verification-email", Relation.IN_SCOPE, 202, 202, 202, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/verification-email", Relation.OUT_OF_SCOPE, 202, 403, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/verification-email", Relation.OTHER_TENANT, 404, 404, 404, 403, 403, 403, 403, 403, 403);

        row("GET /me", Relation.SELF,                                    200, 200, 200, 200, 200, 200, 200, 403, 403);
        row("PATCH /me", Relation.SELF,                                  200, 200, 200, 200, 200, 200, 200, 403, 403);
        row("POST /me/email", Relation.SELF,                             200, 200, 200, 200, 200, 200, 200, 403, 403);
        row("POST /me/password-reset", Relation.SELF,                    202, 202, 202, 202, 202, 202, 202, 403, 403);

        // The trail of a user: for those who may manage the user (as GET /users/{userId}); readers of customers may not.
        row("GET /users/{userId}/audit", Relation.SELF,                  200, 200, 404, 403, 403, 403, 403, 403, 403);
        row("GET /users/{userId}/audit", Relation.IN_SCOPE,              200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("GET /users/{userId}/audit", Relation.OUT_OF_SCOPE,          200, 403, 404, 403, 403, 403, 403, 403, 403);
        row("GET /users/{userId}/audit", Relation.OTHER_TENANT,          404, 404, 404, 403, 403, 403, 403, 403, 403);

        // Log in as (U11): for those who may manage the user (R4: a Partner Admin for their PAEs), never as oneself.
        row("POST /users/{userId}/impersonation", Relation.SELF,         403, 403, 403, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/impersonation", Relation.IN_SCOPE,     200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/impersonation", Relation.OUT_OF_SCOPE, 200, 403, 404, 403, 403, 403, 403, 403, 403);
        row("POST /users/{userId}/impersonation", Relation.OTHER_TENANT, 404, 404, 404, 403, 403, 403, 403, 403, 403);

        // Profiles are the Global and System Admins'; Partner Admins read them (to pick one for their PAEs, R4).
        row("POST /profiles", Relation.NONE,                             201, 201, 403, 403, 403, 403, 403, 403, 403);
        row("GET /profiles", Relation.NONE,                              200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("GET /profiles/{profileId}", Relation.IN_SCOPE,              200, 200, 200, 403, 403, 403, 403, 403, 403);
        row("GET /profiles/{profileId}", Relation.OTHER_TENANT,          404, 404, 404, 403, 403, 403, 403, 403, 403);
        row("PATCH /profiles/{profileId}", Relation.IN_SCOPE,            200, 200, 403, 403, 403, 403, 403, 403, 403);
        row("PATCH /profiles/{profileId}", Relation.OTHER_TENANT,        404, 404, 403, 403, 403, 403, 403, 403, 403);
        row("DELETE /profiles/{profileId}", Relation.IN_SCOPE,           204, 204, 403, 403, 403, 403, 403, 403, 403);
        row("DELETE /profiles/{profileId}", Relation.OTHER_TENANT,       404, 404, 403, 403, 403, 403, 403, 403, 403);
        row("GET /profile-settings", Relation.NONE,                      200, 200, 200, 403, 403, 403, 403, 403, 403);

        // Realms are picked when a Global or System Admin creates a Partner Admin (seed 003); nobody else reads them.
        row("GET /partner-admin-realms", Relation.NONE,                  200, 200, 403, 403, 403, 403, 403, 403, 403);
        row("GET /partner-admin-realms/{realmId}", Relation.IN_SCOPE,    200, 200, 403, 403, 403, 403, 403, 403, 403);
        row("GET /partner-admin-realms/{realmId}", Relation.OUT_OF_SCOPE, 404, 404, 403, 403, 403, 403, 403, 403, 403);
    }

    /** One case: a fresh caller of its kind and a fresh target of its relation. */
    final class Case {
        final int n;
        final Caller caller;
        final Relation relation;
        final String callerId;

        Case(int n, Caller caller, Relation relation) {
            this.n = n;
            this.caller = caller;
            this.relation = relation;
            this.callerId = "k" + n + "-" + caller.name().toLowerCase().replace('_', '-');
            seedCaller();
        }

        private void seedCaller() {
            Role role = switch (caller) {
                case SUSPENDED_ADMIN -> Role.GLOBAL_ADMIN;
                case UNKNOWN -> null;
                default -> Role.valueOf(caller.name());
            };
            if (role == null) return;
            world.seed(User.created(TENANT, callerId, fields(role, callerId), caller == Caller.SUSPENDED_ADMIN, ADMIN_ID, World.NOW));
        }

        /** The target's id (or path value) for this case, seeding it where it is a user. */
        String target(Target kind) {
            return switch (kind) {
                case NONE, ME -> null;
                case PROFILE -> switch (relation) {
                    case OTHER_TENANT -> OTHER_PROFILE;
                    case IN_SCOPE -> seedProfile(); // a fresh one, held by nobody: edits and deletes of one case leave the others alone
                    default -> "no-such-profile";
                };
                case REALM -> relation == Relation.IN_SCOPE ? Realm.CREATED_OR_ASSIGNED.id() : "no-such-realm";
                case USER -> switch (relation) {
                    case SELF -> callerId;
                    case IN_SCOPE -> seedTarget(TENANT, inScope());
                    case OUT_OF_SCOPE -> seedTarget(TENANT, outOfScope());
                    case OTHER_TENANT -> seedTarget(OTHER_TENANT, inScope());
                    case NONE -> throw new IllegalStateException();
                };
            };
        }

        /** The in-scope target's fields, by the caller's kind (see {@link Relation}). */
        private Map<UserField, Object> inScope() {
            String t = "k" + n + "-target";
            return switch (caller) {
                case PARTNER_ADMIN -> with(fields(Role.PARTNER_ACCOUNT_EXECUTIVE, t), UserField.PARTNER_ADMIN_ID, callerId);
                case ACCOUNT_EXECUTIVE -> with(fields(Role.CUSTOMER, t), UserField.SALES_REP_ID, callerId);
                case PARTNER -> with(fields(Role.CUSTOMER, t), UserField.PARTNER_ID, callerId);
                default -> fields(Role.CUSTOMER, t);
            };
        }

        private Map<UserField, Object> outOfScope() {
            String t = "k" + n + "-target";
            return switch (caller) {
                case GLOBAL_ADMIN, SYSTEM_ADMIN, SUSPENDED_ADMIN, UNKNOWN -> fields(Role.GLOBAL_ADMIN, t);
                case PARTNER_ADMIN -> fields(Role.PARTNER_ACCOUNT_EXECUTIVE, t); // assigned to OTHER_PA, created by the Global Admin
                case ACCOUNT_EXECUTIVE -> with(fields(Role.CUSTOMER, t), UserField.SALES_REP_ID, OTHER_AE);
                case PARTNER -> with(fields(Role.CUSTOMER, t), UserField.PARTNER_ID, OTHER_PARTNER);
                case PARTNER_ACCOUNT_EXECUTIVE, CUSTOMER -> fields(Role.CUSTOMER, t);
            };
        }

        private String seedProfile() {
            String id = "k" + n + "-profile";
            world.repository.insertProfile(new Profile(TENANT, id, "Profile k" + n, 1, World.NOW, World.NOW));
            return id;
        }

        private String seedTarget(String tenant, Map<UserField, Object> fields) {
            String id = "k" + n + "-target";
            world.seed(User.created(tenant, id, fields, false, ADMIN_ID, World.NOW));
            return id;
        }

        /** The body of {@code POST /users}: the role of the relation (see {@link Relation}). */
        Map<String, Object> newUser() {
            boolean pa = caller == Caller.PARTNER_ADMIN;
            Role role = relation == Relation.IN_SCOPE ? (pa ? Role.PARTNER_ACCOUNT_EXECUTIVE : Role.CUSTOMER) : (pa ? Role.CUSTOMER : Role.GLOBAL_ADMIN);
            Map<String, Object> body = new LinkedHashMap<>();
            fields(role, "k" + n + "-new").forEach((field, value) -> body.put(field.jsonName(), value instanceof Enum<?> e ? e.name() : value));
            if (pa) body.remove(UserField.PARTNER_ADMIN_ID.jsonName()); // tied to the creator by default (R3)
            return body;
        }
    }

    private static final String OTHER_PA = "other-pa";
    private static final String OTHER_AE = "other-ae";
    private static final String OTHER_PARTNER = "other-partner";
    private static final String OTHER_PROFILE = "other-profile";

    /** Every required field of {@code role}, with a username made from the id. */
    private static Map<UserField, Object> fields(Role role, String id) {
        Map<UserField, Object> fields = World.fieldsFor(role, "First", "Last " + id, id + "@example.com");
        if (role == Role.PARTNER_ACCOUNT_EXECUTIVE) {
            fields.put(UserField.PROFILE_ID, PROFILE_ID);
            fields.put(UserField.PARTNER_ADMIN_ID, OTHER_PA);
        }
        return fields;
    }

    private static Map<UserField, Object> with(Map<UserField, Object> fields, UserField field, Object value) {
        fields.put(field, value);
        return fields;
    }

    private World world;

    /** The handlers, each built by its function group on the world's adapters, as the local server builds them. */
    private LocalFunctionGroups groups;

    /** The seeded world, and the function groups on its adapters. */
    private World world() {
        World w = World.seeded();
        w.repository.insertProfile(new Profile(OTHER_TENANT, OTHER_PROFILE, "Theirs", 1, World.NOW, World.NOW));
        var pa = World.fieldsFor(Role.PARTNER_ADMIN, "Other", "Partner Admin", "other.pa@example.com");
        w.seed(User.created(TENANT, OTHER_PA, pa, false, ADMIN_ID, World.NOW));
        w.seedUser(TENANT, OTHER_AE, Role.ACCOUNT_EXECUTIVE, "Other", "Rep", "other.rep@example.com");
        w.seedUser(TENANT, OTHER_PARTNER, Role.PARTNER, "Other", "Partner", "other.partner@example.com");

        groups = new LocalFunctionGroups(w.adapters(() -> SIGNER, Adapters.NO_PARAMETERS, SETTINGS));
        return w;
    }

    /** What the log-in-as handlers read from their settings. */
    private static final Map<String, String> SETTINGS = Map.of("IMPERSONATION_ISSUER", "urn:authz-test", "IMPERSONATION_AUDIENCE", "authz-test-portal");

    @Test
    void everyCallerOnEveryRouteGetsTheExpectedStatus() {
        SamTemplate template = SamTemplate.read(Events.repositoryRoot().resolve("template.yaml"));
        Map<String, SamTemplate.Route> routes = new LinkedHashMap<>();
        template.routes().stream().filter(SamTemplate.Route::authorized).forEach(r -> routes.put(r.routeKey(), r));

        // Every caller-taking route of template.yaml has rows (or waits for its branch), and every row a route.
        Set<String> covered = new TreeSet<>();
        EXPECTED.forEach(row -> covered.add(row.route()));
        List<String> uncovered = routes.keySet().stream().filter(r -> !covered.contains(r) && !DEFERRED.contains(r)).toList();
        List<String> unknown = covered.stream().filter(r -> !routes.containsKey(r)).toList();
        List<String> noSpec = covered.stream().filter(r -> !ROUTES.containsKey(r)).toList();
        assertTrue(uncovered.isEmpty(), "routes of template.yaml without rows in the authorization table: " + uncovered);
        assertTrue(unknown.isEmpty(), "rows for routes template.yaml does not have: " + unknown);
        assertTrue(noSpec.isEmpty(), "rows without a ROUTES entry: " + noSpec);

        world = world();
        Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
        List<String> unexpected = new ArrayList<>();
        int cases = 0;
        for (Row row : EXPECTED) {
            var handler = handlers.computeIfAbsent(row.route(), key -> handler(routes.get(key).handlerClass()));
            for (Caller caller : Caller.values()) {
                Case c = new Case(++cases, caller, row.relation());
                int expected = row.expected()[caller.ordinal()];
                String outcome;
                try {
                    Answer answer = Answer.of(handler, event(row.route(), ROUTES.get(row.route()), c));
                    outcome = answer.status() == expected ? null : Integer.toString(answer.status()) + " " + answer.body().getOrDefault("detail", "");
                } catch (AssertionError | RuntimeException e) {
                    outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                if (outcome != null) unexpected.add(String.format("%-45s %-13s %-26s expected %d, got %s", row.route(), row.relation(), caller, expected, outcome));
            }
        }
        String summary = "authorization table: " + cases + " cases (" + EXPECTED.size() + " rows × " + Caller.values().length
                + " callers, " + covered.size() + " routes, " + DEFERRED.size() + " deferred), " + unexpected.size() + " unexpected";
        System.out.println(summary);
        unexpected.forEach(System.out::println);
        if (!unexpected.isEmpty()) fail(summary + ":\n" + String.join("\n", unexpected));
    }

    /**
     * The list rows, item by item: for each caller who may list, the in-scope user is in the answer and the
     * out-of-scope one (System Admin: a Global Admin; Partner Admin: another's PAE; Account Executive and
     * Partner: another's customer) and the other tenant's are not, through the real handler on moto.
     */
    @Test
    void aListHoldsTheUsersInScopeAndNoneOutsideIt() {
        world = world();
        var handler = handler("com.peakcommerce.useradmin.functions.users.ListUsersHandler");
        List<String> wrong = new ArrayList<>();
        int n = 10_000;
        for (Caller caller : List.of(Caller.GLOBAL_ADMIN, Caller.SYSTEM_ADMIN, Caller.PARTNER_ADMIN, Caller.ACCOUNT_EXECUTIVE, Caller.PARTNER)) {
            Case in = new Case(++n, caller, Relation.IN_SCOPE);
            String inScope = in.target(Target.USER);
            String outOfScope = new Case(++n, caller, Relation.OUT_OF_SCOPE).target(Target.USER);
            String otherTenant = new Case(++n, caller, Relation.OTHER_TENANT).target(Target.USER);
            APIGatewayV2HTTPEvent event = event("GET /users", ROUTES.get("GET /users"), in);
            event.setQueryStringParameters(new HashMap<>(Map.of("limit", "100")));
            Answer answer = Answer.of(handler, event);
            Set<Object> ids = new java.util.HashSet<>();
            answer.items().forEach(item -> ids.add(item.get("id")));
            if (answer.status() != 200) wrong.add(caller + ": " + answer.status());
            if (!ids.contains(inScope)) wrong.add(caller + ": the in-scope user " + inScope + " is missing");
            if (ids.contains(otherTenant)) wrong.add(caller + ": the other tenant's user " + otherTenant + " is listed");
            if (caller != Caller.GLOBAL_ADMIN && ids.contains(outOfScope)) wrong.add(caller + ": the out-of-scope user " + outOfScope + " is listed");
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) groups.handler(Class.forName(className));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + className, e);
        }
    }

    /** An HTTP API event for the case, shaped like those in events/ (the JWT authorizer's claims name the caller). */
    private APIGatewayV2HTTPEvent event(String routeKey, RouteSpec spec, Case c) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        String target = c.target(spec.target());
        Map<String, String> pathParameters = new HashMap<>();
        if (path.contains("{")) {
            String name = path.substring(path.indexOf('{') + 1, path.indexOf('}'));
            pathParameters.put(name, target);
            path = path.replace("{" + name + "}", target);
        }
        APIGatewayV2HTTPEvent event = Events.load("get-user");
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        event.setQueryStringParameters(null);
        event.setRawQueryString("");
        event.getRequestContext().setRouteKey(routeKey);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().setRequestId("authz-" + c.n);
        String namespace = Settings.DEFAULT_CLAIM_NAMESPACE;
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("https://" + namespace + "/tenant", TENANT);
        claims.put("https://" + namespace + "/user_id", c.callerId);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        Map<String, Object> body = spec.body().apply(c);
        event.setBody(body == null ? null : Json.write(body));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (spec.ifMatch()) {
            String versioned = spec.target() == Target.ME ? c.callerId : target;
            long version = spec.target() == Target.PROFILE
                    ? java.util.Optional.ofNullable(world.repository.fetch(TENANT, Set.of(), Set.of(versioned)).profiles().get(versioned)).map(Profile::version).orElse(1L)
                    : world.repository.user(TENANT, versioned).map(User::version).orElse(1L);
            headers.put("if-match", "\"" + version + "\"");
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void theTableHasARowForEveryRelationARouteCanHave() {
        // A user route is tried on all four relations; catches a relation forgotten when rows are added.
        Map<String, Set<Relation>> relations = new LinkedHashMap<>();
        EXPECTED.forEach(row -> relations.computeIfAbsent(row.route(), r -> new LinkedHashSet<>()).add(row.relation()));
        relations.forEach((route, seen) -> {
            if (ROUTES.get(route).target() == Target.USER) {
                assertTrue(seen.containsAll(List.of(Relation.SELF, Relation.IN_SCOPE, Relation.OUT_OF_SCOPE, Relation.OTHER_TENANT)), route + " has " + seen);
            }
        });
    }
}
