package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.Policy.Action;
import com.peakcommerce.useradmin.domain.Policy.Scope;
import com.peakcommerce.useradmin.domain.Policy.Verdict;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole authorization table in memory, as plain objects: every caller kind (each role, a Partner Admin
 * of each realm, a suspended, a provisioning and an unknown caller) × every action × every relation of the
 * target (self, in scope, out of scope, missing). The expected answers are written out row by row; one
 * letter per action, in the order of {@link #ACTIONS}: {@code A} allowed, {@code F} forbidden (403),
 * {@code H} hidden (404), {@code C} not now (409). The DynamoDB-level AuthorizationTableTest (local/)
 * checks the same rules through the real handlers.
 */
class PolicyTableTest {
    /** view, edit, delete, suspend, enable, resetPassword, sendVerificationEmail, logInAs, viewAudit. */
    private static final List<Action> ACTIONS = List.of(Action.VIEW, Action.EDIT, Action.DELETE, Action.SUSPEND, Action.ENABLE,
            Action.RESET_PASSWORD, Action.SEND_VERIFICATION_EMAIL, Action.LOG_IN_AS, Action.VIEW_AUDIT);

    // ---- the people -----------------------------------------------------------------------------------
    private static final User GA = user("ga", Role.GLOBAL_ADMIN, Map.of());
    private static final User SA = user("sa", Role.SYSTEM_ADMIN, Map.of());
    private static final User PA = user("pa", Role.PARTNER_ADMIN, Map.of(UserField.SECURITY_REALM, "created-or-assigned"));
    private static final User PA_ALL = user("pa-all", Role.PARTNER_ADMIN, Map.of(UserField.SECURITY_REALM, "all-partner-account-executives"));
    private static final User AE = user("ae", Role.ACCOUNT_EXECUTIVE, Map.of(UserField.PROFILE_ID, World.PROFILE_ID));
    private static final User PARTNER = user("partner", Role.PARTNER, Map.of(UserField.PROFILE_ID, World.PROFILE_ID));
    private static final User PAE_CALLER = user("pae-caller", Role.PARTNER_ACCOUNT_EXECUTIVE, Map.of(UserField.PROFILE_ID, World.PROFILE_ID, UserField.PARTNER_ADMIN_ID, "pa"));
    private static final User CUSTOMER_CALLER = customer("customer-caller", Map.of());

    private static final Map<String, Optional<User>> CALLERS = new LinkedHashMap<>();
    static {
        CALLERS.put("GLOBAL_ADMIN", Optional.of(GA));
        CALLERS.put("SYSTEM_ADMIN", Optional.of(SA));
        CALLERS.put("PARTNER_ADMIN (created or assigned)", Optional.of(PA));
        CALLERS.put("PARTNER_ADMIN (all)", Optional.of(PA_ALL));
        CALLERS.put("ACCOUNT_EXECUTIVE", Optional.of(AE));
        CALLERS.put("PARTNER", Optional.of(PARTNER));
        CALLERS.put("PARTNER_ACCOUNT_EXECUTIVE", Optional.of(PAE_CALLER));
        CALLERS.put("CUSTOMER", Optional.of(CUSTOMER_CALLER));
        CALLERS.put("suspended GLOBAL_ADMIN", Optional.of(GA.suspended(true)));
        CALLERS.put("provisioning GLOBAL_ADMIN", Optional.of(GA.withFlags(true, false, false, false)));
        CALLERS.put("unknown", Optional.empty());
    }

    /** The targets; "self" is the caller. */
    private static final Map<String, Optional<User>> TARGETS = new LinkedHashMap<>();
    static {
        TARGETS.put("another GLOBAL_ADMIN", Optional.of(user("ga-2", Role.GLOBAL_ADMIN, Map.of())));
        TARGETS.put("another SYSTEM_ADMIN", Optional.of(user("sa-2", Role.SYSTEM_ADMIN, Map.of())));
        TARGETS.put("PAE assigned to pa", Optional.of(user("pae-1", Role.PARTNER_ACCOUNT_EXECUTIVE, Map.of(UserField.PROFILE_ID, World.PROFILE_ID, UserField.PARTNER_ADMIN_ID, "pa"))));
        TARGETS.put("PAE created by pa, assigned to another", Optional.of(user("pae-2", Role.PARTNER_ACCOUNT_EXECUTIVE,
                Map.of(UserField.PROFILE_ID, World.PROFILE_ID, UserField.PARTNER_ADMIN_ID, "pa-2"), "pa")));
        TARGETS.put("PAE of another partner admin", Optional.of(user("pae-3", Role.PARTNER_ACCOUNT_EXECUTIVE, Map.of(UserField.PROFILE_ID, World.PROFILE_ID, UserField.PARTNER_ADMIN_ID, "pa-2"))));
        TARGETS.put("customer of ae and partner", Optional.of(customer("c-1", Map.of(UserField.SALES_REP_ID, "ae", UserField.PARTNER_ID, "partner"))));
        TARGETS.put("suspended customer of ae", Optional.of(customer("c-2", Map.of(UserField.SALES_REP_ID, "ae")).suspended(true)));
        TARGETS.put("another customer", Optional.of(customer("c-3", Map.of())));
        TARGETS.put("missing", Optional.empty());
    }

    private static final String ALL = "AAAAAAAAA";
    private static final String NONE_FORBIDDEN = "FFFFFFFFF";
    private static final String NONE_HIDDEN = "HHHHHHHHH";
    /** A reader (Account Executive, Partner) on a target out of scope: views are 404, everything else 403. */
    private static final String READER_OUT = "HFFFFFFFF";
    private static final String READER_IN = "AFFFFFFFF";
    /** An admin on themselves: no suspend or delete (409), no log in as (403). */
    private static final String ADMIN_SELF = "AACCAAAFA";
    /** A manager on a suspended user in scope: all but log in as (409). */
    private static final String SUSPENDED_IN = "AAAAAAACA";

    /** Caller → target → the expected letters; every cell of CALLERS × (self + TARGETS) is here. */
    private static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();
    static {
        row("GLOBAL_ADMIN", ADMIN_SELF, ALL, ALL, ALL, ALL, ALL, ALL, SUSPENDED_IN, ALL, NONE_HIDDEN);
        row("SYSTEM_ADMIN", ADMIN_SELF, NONE_FORBIDDEN, ALL, ALL, ALL, ALL, ALL, SUSPENDED_IN, ALL, NONE_HIDDEN);
        row("PARTNER_ADMIN (created or assigned)", NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN, ALL, ALL, NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN);
        row("PARTNER_ADMIN (all)", NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN, ALL, ALL, ALL, NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN, NONE_HIDDEN);
        row("ACCOUNT_EXECUTIVE", READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_IN, READER_IN, READER_OUT, READER_OUT);
        row("PARTNER", READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_OUT, READER_IN, READER_OUT, READER_OUT, READER_OUT);
        for (String caller : List.of("PARTNER_ACCOUNT_EXECUTIVE", "CUSTOMER", "suspended GLOBAL_ADMIN", "provisioning GLOBAL_ADMIN", "unknown")) {
            row(caller, NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN,
                    NONE_FORBIDDEN, NONE_FORBIDDEN, NONE_FORBIDDEN);
        }
    }

    /** {@code letters}: self first, then TARGETS in their order. */
    private static void row(String caller, String... letters) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("self", letters[0]);
        int i = 1;
        for (String target : TARGETS.keySet()) row.put(target, letters[i++]);
        if (i != letters.length) throw new IllegalArgumentException("row " + caller + " has " + letters.length + " cells");
        EXPECTED.put(caller, row);
    }

    @Test
    void everyCallerEveryActionEveryRelationAnswersAsTheTableSays() {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (var caller : CALLERS.entrySet()) {
            Map<String, Optional<User>> targets = new LinkedHashMap<>();
            targets.put("self", caller.getValue());
            targets.putAll(TARGETS);
            for (var target : targets.entrySet()) {
                String expected = EXPECTED.get(caller.getKey()).get(target.getKey());
                for (int i = 0; i < ACTIONS.size(); i++) {
                    cases++;
                    Verdict verdict = Policy.decide(caller.getValue(), ACTIONS.get(i), target.getValue()).verdict();
                    if (verdict.name().charAt(0) != expected.charAt(i)) {
                        wrong.add(caller.getKey() + " " + ACTIONS.get(i) + " " + target.getKey() + ": " + verdict + ", expected " + expected.charAt(i));
                    }
                }
            }
        }
        System.out.println("policy table: " + cases + " cases (" + CALLERS.size() + " callers x " + (TARGETS.size() + 1) + " relations x " + ACTIONS.size() + " actions), " + wrong.size() + " unexpected");
        assertEquals(List.of(), wrong);
        assertEquals(11 * 10 * 9, cases);
    }

    @Test
    void allowedActionsAreWhatDecideAllows() {
        assertEquals(List.of("view", "edit", "resetPassword", "sendVerificationEmail", "viewAudit"), Policy.allowedActions(GA, GA).stream().map(Action::jsonName).toList(), "in the order of Action");
        assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(Action.ENABLE)), Policy.allowedActions(GA, TARGETS.get("another customer").orElseThrow()),
                "an active user: everything but enable");
        assertEquals(Set.of(Action.VIEW), Policy.allowedActions(AE, TARGETS.get("customer of ae and partner").orElseThrow()));
        assertEquals(Set.of(), Policy.allowedActions(PA, TARGETS.get("another customer").orElseThrow()));
        for (var caller : CALLERS.entrySet()) {
            if (caller.getValue().isEmpty()) continue;
            for (var target : TARGETS.values()) {
                if (target.isEmpty()) continue;
                Set<Action> allowed = Policy.allowedActions(caller.getValue().get(), target.get());
                for (Action action : Action.values()) {
                    assertEquals(Policy.decide(caller.getValue(), action, target).allowed() && Policy.applies(action, target.get()),
                            allowed.contains(action), caller.getKey() + " " + action);
                }
            }
        }
    }

    @Test
    void eachCallerListsItsScopeAndOnlyTheRolesInIt() {
        assertEquals(new Scope.WholeTenant(), Policy.scope(Optional.of(GA)));
        assertEquals(new Scope.TenantExcept(Role.GLOBAL_ADMIN), Policy.scope(Optional.of(SA)));
        assertEquals(new Scope.PartnerAdminRealm("pa", Realm.CREATED_OR_ASSIGNED), Policy.scope(Optional.of(PA)));
        assertEquals(new Scope.PartnerAdminRealm("pa-all", Realm.ALL_PARTNER_ACCOUNT_EXECUTIVES), Policy.scope(Optional.of(PA_ALL)));
        assertEquals(new Scope.CustomersOf(UserField.SALES_REP_ID, "ae"), Policy.scope(Optional.of(AE)));
        assertEquals(new Scope.CustomersOf(UserField.PARTNER_ID, "partner"), Policy.scope(Optional.of(PARTNER)));
        for (String inactive : List.of("PARTNER_ACCOUNT_EXECUTIVE", "CUSTOMER", "suspended GLOBAL_ADMIN", "provisioning GLOBAL_ADMIN", "unknown")) {
            assertEquals(Scope.OnlySelf.class, Policy.scope(CALLERS.get(inactive)).getClass(), inactive);
        }

        Map<String, Set<Role>> listable = new LinkedHashMap<>();
        CALLERS.forEach((name, caller) -> {
            Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
            for (Role role : Role.values()) if (Policy.mayList(Policy.scope(caller), role)) roles.add(role);
            listable.put(name, roles);
        });
        Set<Role> allButGlobal = java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.GLOBAL_ADMIN));
        assertEquals(Set.of(Role.values()), listable.get("GLOBAL_ADMIN"));
        assertEquals(allButGlobal, listable.get("SYSTEM_ADMIN"));
        assertEquals(Set.of(Role.PARTNER_ACCOUNT_EXECUTIVE), listable.get("PARTNER_ADMIN (all)"));
        assertEquals(Set.of(Role.CUSTOMER), listable.get("PARTNER"));
        assertEquals(Set.of(), listable.get("unknown"));
    }

    private static User customer(String id, Map<UserField, Object> more) {
        Map<UserField, Object> fields = new EnumMap<>(UserField.class);
        fields.put(UserField.ACCOUNT_NUMBER, "A000001212");
        fields.put(UserField.AMENDMENT_DATE_ALIGNMENT, AmendmentDateAlignment.IMMEDIATE);
        fields.put(UserField.PROFILE_ID, World.PROFILE_ID);
        fields.putAll(more);
        return user(id, Role.CUSTOMER, fields);
    }

    private static User user(String id, Role role, Map<UserField, Object> more) {
        return user(id, role, more, "ga");
    }

    private static User user(String id, Role role, Map<UserField, Object> more, String createdBy) {
        Map<UserField, Object> fields = new EnumMap<>(UserField.class);
        fields.put(UserField.ROLE, role);
        fields.put(UserField.FIRST_NAME, id);
        fields.put(UserField.LAST_NAME, "Person");
        fields.put(UserField.USERNAME, id + "@example.com");
        fields.putAll(more);
        return User.created(World.TENANT, id, fields, false, createdBy, World.NOW).provisioned();
    }
}
