package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what (SPEC X1, R2–R4, X6): one pure function of the caller's current record, the action and
 * the target's record, with no I/O. Every route that acts on one user asks {@link #decide}; the users list
 * asks {@link #scope}; {@link #allowedActions} (what a console may offer) is derived from {@link #decide}.
 *
 * <ul>
 *   <li>An unknown, suspended or still provisioning caller may do nothing: 403, whatever the target
 *       (nothing about the target is looked at first, so nothing leaks).</li>
 *   <li>{@code GLOBAL_ADMIN}: every user of their tenant. {@code SYSTEM_ADMIN}: every user but Global
 *       Admins (403 on those: a System Admin knows they exist).</li>
 *   <li>{@code PARTNER_ADMIN}: only the Partner Account Executives of their realm ({@link Realm}); a user
 *       outside it is 404, never 403: a Partner Admin must not learn that anyone else exists. Only the
 *       fields of R4 ({@link #PARTNER_ADMIN_FIELDS}).</li>
 *   <li>{@code ACCOUNT_EXECUTIVE} / {@code PARTNER}: view only the customers associated with them
 *       ({@code salesRepId} / {@code partnerId}); any other target is 404; every other action is 403.</li>
 *   <li>Everyone else ({@code CUSTOMER}, {@code PARTNER_ACCOUNT_EXECUTIVE}): only themselves, through the
 *       {@code /me} routes ({@link #active}); every admin action is 403.</li>
 *   <li>Not now (409): suspending or deleting oneself; logging in as a suspended or still provisioning user.
 *       Never (403): logging in as oneself.</li>
 * </ul>
 */
public final class Policy {
    /** What a Partner Admin sets on a Partner Account Executive (R4), at create and at edit; role only at create. */
    public static final Set<UserField> PARTNER_ADMIN_FIELDS = Set.copyOf(EnumSet.of(UserField.FIRST_NAME, UserField.LAST_NAME,
            UserField.USERNAME, UserField.ACCOUNT_NUMBER, UserField.PROFILE_ID, UserField.PARTNER_ADMIN_ID));

    private Policy() {}

    /** The actions on one user; {@link #jsonName()} is how {@code allowedActions} names them. */
    public enum Action {
        VIEW("view"), EDIT("edit"), DELETE("delete"), SUSPEND("suspend"), ENABLE("enable"), RESET_PASSWORD("resetPassword"),
        SEND_VERIFICATION_EMAIL("sendVerificationEmail"), LOG_IN_AS("logInAs"), VIEW_AUDIT("viewAudit");

        private final String jsonName;

        Action(String jsonName) { this.jsonName = jsonName; }

        public String jsonName() { return jsonName; }
    }

    /** Allowed; forbidden (403); hidden (404: the target's existence must not leak); or not now (409). */
    public enum Verdict { ALLOWED, FORBIDDEN, HIDDEN, CONFLICT }

    /** A verdict and, when it refuses, why (and for a 409, the field at fault, or {@code null}). */
    public record Decision(Verdict verdict, String reason, String field) {
        static final Decision ALLOW = new Decision(Verdict.ALLOWED, null, null);

        public boolean allowed() { return verdict == Verdict.ALLOWED; }

        /** Nothing when allowed; otherwise the refusal as the domain's exception. */
        public void orThrow() {
            switch (verdict) {
                case ALLOWED -> { }
                case FORBIDDEN -> throw new Forbidden(reason);
                case HIDDEN -> throw new NotFound(reason);
                case CONFLICT -> throw new Conflict(field, reason);
            }
        }

        static Decision forbidden(String reason) { return new Decision(Verdict.FORBIDDEN, reason, null); }

        static Decision hidden() { return new Decision(Verdict.HIDDEN, "No such user.", null); }

        static Decision conflict(String field, String reason) { return new Decision(Verdict.CONFLICT, reason, field); }
    }

    /**
     * May {@code caller} (their current record, or none) do {@code action} to {@code target} (or to a user
     * that does not exist)? The caller is judged first and alone, so a refusal of the caller says nothing
     * about the target.
     */
    public static Decision decide(Optional<User> caller, Action action, Optional<User> target) {
        Optional<User> active = caller.filter(Policy::isActive);
        if (active.isEmpty()) return Decision.forbidden("Your account is not active.");
        User c = active.get();
        if (action == Action.VIEW ? !readsUsers(c.role()) : !managesUsers(c.role())) {
            return Decision.forbidden(action == Action.VIEW ? "Your role may not see other users." : "Your role may not administer users.");
        }
        if (target.isEmpty()) return Decision.hidden();
        User t = target.get();
        if (!reaches(c, t)) return c.role().isAdministrator() ? Decision.forbidden("You may not manage " + t.role() + " users.") : Decision.hidden();
        boolean self = c.id().equals(t.id());
        return switch (action) {
            case SUSPEND -> self ? Decision.conflict(null, "You cannot suspend yourself.") : Decision.ALLOW;
            case DELETE -> self ? Decision.conflict(null, "You cannot delete yourself.") : Decision.ALLOW;
            case LOG_IN_AS -> {
                if (self) yield Decision.forbidden("You cannot log in as yourself.");
                if (t.suspended()) yield Decision.conflict("status", "The user is suspended; enable them before logging in as them.");
                if (t.provisioning()) yield Decision.conflict("status", "The user's login is still being created; try again in a moment.");
                yield Decision.ALLOW;
            }
            default -> Decision.ALLOW;
        };
    }

    /**
     * What a console should offer {@code caller} on {@code target} now: the actions {@link #decide} allows that
     * {@link #applies apply} to the target as it is.
     */
    public static Set<Action> allowedActions(User caller, User target) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (applies(action, target) && decide(Optional.of(caller), action, Optional.of(target)).allowed()) allowed.add(action);
        }
        return Collections.unmodifiableSet(allowed);
    }

    /**
     * Whether {@code action} would do something to {@code target} as it is, rather than change nothing (enabling an
     * active user) or be refused with 409 (mailing a suspended or provisioning user, suspending one still being
     * provisioned). Not who may: that is {@link #decide}.
     */
    static boolean applies(Action action, User target) {
        boolean settled = !target.provisioning();
        return switch (action) {
            case SUSPEND -> settled && !target.suspended();
            case ENABLE -> settled && target.suspended();
            case RESET_PASSWORD, SEND_VERIFICATION_EMAIL -> settled && !target.suspended();
            default -> true;
        };
    }

    // ---- the users list ----------------------------------------------------------------------------

    /** Which users a caller may list: data the user lists turn into index Queries, never a role switch there. */
    public sealed interface Scope {
        /** Every user of the tenant (Global Admin). */
        record WholeTenant() implements Scope {}

        /** Every user but those of {@code hidden} (System Admin: not Global Admins). */
        record TenantExcept(Role hidden) implements Scope {}

        /** The Partner Account Executives of a Partner Admin's realm. */
        record PartnerAdminRealm(String partnerAdminId, Realm realm) implements Scope {}

        /** The customers whose {@code relation} (salesRepId or partnerId) is {@code userId}. */
        record CustomersOf(UserField relation, String userId) implements Scope {}

        /** Nobody but oneself (through {@code /me}): every list is refused with {@code reason}. */
        record OnlySelf(String reason) implements Scope {}
    }

    /** What {@code caller} may list (refusal first: an inactive caller's scope is {@link Scope.OnlySelf}). */
    public static Scope scope(Optional<User> caller) {
        Optional<User> active = caller.filter(Policy::isActive);
        if (active.isEmpty()) return new Scope.OnlySelf("Your account is not active.");
        User c = active.get();
        return switch (c.role()) {
            case GLOBAL_ADMIN -> new Scope.WholeTenant();
            case SYSTEM_ADMIN -> new Scope.TenantExcept(Role.GLOBAL_ADMIN);
            case PARTNER_ADMIN -> new Scope.PartnerAdminRealm(c.id(), realm(c));
            case ACCOUNT_EXECUTIVE -> new Scope.CustomersOf(UserField.SALES_REP_ID, c.id());
            case PARTNER -> new Scope.CustomersOf(UserField.PARTNER_ID, c.id());
            case PARTNER_ACCOUNT_EXECUTIVE, CUSTOMER -> new Scope.OnlySelf("Your role may not see other users.");
        };
    }

    /** Whether a list of {@code scope} may ask for users of {@code role}. */
    public static boolean mayList(Scope scope, Role role) {
        return switch (scope) {
            case Scope.WholeTenant w -> true;
            case Scope.TenantExcept e -> role != e.hidden();
            case Scope.PartnerAdminRealm r -> role == Role.PARTNER_ACCOUNT_EXECUTIVE;
            case Scope.CustomersOf c -> role == Role.CUSTOMER;
            case Scope.OnlySelf s -> false;
        };
    }

    // ---- creating and editing ------------------------------------------------------------------------

    /** The caller's record, if their role may create and change some users (Global, System and Partner Admins). */
    public static User userManager(Optional<User> caller) {
        User user = active(caller);
        if (!managesUsers(user.role())) throw new Forbidden("Your role may not administer users.");
        return user;
    }

    /** May {@code caller} give users the role {@code role} (create them with it, or change them to it)? */
    public static boolean mayAssign(User caller, Role role) {
        return switch (caller.role()) {
            case GLOBAL_ADMIN -> true;
            case SYSTEM_ADMIN -> role != Role.GLOBAL_ADMIN;
            case PARTNER_ADMIN -> role == Role.PARTNER_ACCOUNT_EXECUTIVE;
            default -> false;
        };
    }

    public static void requireMayAssign(User caller, Role role) {
        if (!mayAssign(caller, role)) throw new Forbidden("You may not give users the role " + role + ".");
    }

    /**
     * The fields a Partner Admin may not set (anything but {@link #PARTNER_ADMIN_FIELDS}) are refused with
     * 403 naming them; every other manager sets every field its role rules allow.
     */
    public static void requireMaySet(User caller, Set<UserField> fields) {
        if (caller.role() != Role.PARTNER_ADMIN) return;
        List<String> refused = fields.stream().filter(f -> !PARTNER_ADMIN_FIELDS.contains(f)).map(UserField::jsonName).sorted().toList();
        if (!refused.isEmpty()) {
            throw new Forbidden("Partner Admins may not set " + String.join(", ", refused) + "; they set "
                    + PARTNER_ADMIN_FIELDS.stream().map(UserField::jsonName).sorted().toList() + ".");
        }
    }

    /** Whether a new Partner Account Executive that names no Partner Admin is tied to its creator (R3). */
    public static boolean tiesNewPartnerAccountExecutivesToCreator(User caller) {
        return caller.role() == Role.PARTNER_ADMIN;
    }

    // ---- profiles and realms ---------------------------------------------------------------------------

    /** The caller's record, if they may read profiles and realms: Global, System and Partner Admins. */
    public static User profileReader(Optional<User> caller) {
        User user = active(caller);
        if (!user.role().isAdministrator() && user.role() != Role.PARTNER_ADMIN) throw new Forbidden("Your role may not read profiles.");
        return user;
    }

    /** The caller's record, if they may change profiles: Global and System Admins. */
    public static User profileManager(Optional<User> caller) {
        User user = active(caller);
        if (!user.role().isAdministrator()) throw new Forbidden("Your role may not change profiles.");
        return user;
    }

    /** The caller's record, if they are a Global or System Admin (the operator-like reads: realms, settings). */
    public static User userAdministrator(Optional<User> caller) {
        User user = active(caller);
        if (!user.role().isAdministrator()) throw new Forbidden("Your role may not administer users.");
        return user;
    }

    /** Whether a deleted user's audit trail may be read: by those who could see every user, Global Admins. */
    public static boolean mayReadDeletedUsersTrail(User caller) {
        return caller.role() == Role.GLOBAL_ADMIN;
    }

    // ---- the relations the decisions rest on -------------------------------------------------------------

    /**
     * The caller's own record, if it is active (SPEC S1: every role may see and edit itself); unknown,
     * suspended or still provisioning is 403.
     */
    public static User active(Optional<User> caller) {
        return caller.filter(Policy::isActive).orElseThrow(() -> new Forbidden("Your account is not active."));
    }

    /** Whether {@code target} is within the caller's reach (see the class comment). */
    public static boolean reaches(User caller, User target) {
        return switch (caller.role()) {
            case GLOBAL_ADMIN -> true;
            case SYSTEM_ADMIN -> target.role() != Role.GLOBAL_ADMIN;
            case PARTNER_ADMIN -> inRealm(caller, target);
            case ACCOUNT_EXECUTIVE -> target.role() == Role.CUSTOMER && caller.id().equals(target.text(UserField.SALES_REP_ID));
            case PARTNER -> target.role() == Role.CUSTOMER && caller.id().equals(target.text(UserField.PARTNER_ID));
            case PARTNER_ACCOUNT_EXECUTIVE, CUSTOMER -> false;
        };
    }

    /** The realm of a Partner Admin; a record without a known realm gets the narrower one. */
    public static Realm realm(User partnerAdmin) {
        return Realm.byId(partnerAdmin.text(UserField.SECURITY_REALM)).orElse(Realm.CREATED_OR_ASSIGNED);
    }

    /** Whether {@code target} is a Partner Account Executive of the Partner Admin's realm (seed 003). */
    public static boolean inRealm(User partnerAdmin, User target) {
        if (target.role() != Role.PARTNER_ACCOUNT_EXECUTIVE) return false;
        return switch (realm(partnerAdmin)) {
            case ALL_PARTNER_ACCOUNT_EXECUTIVES -> true;
            case CREATED_OR_ASSIGNED -> partnerAdmin.id().equals(target.text(UserField.PARTNER_ADMIN_ID))
                    || partnerAdmin.id().equals(target.createdBy());
        };
    }

    private static boolean isActive(User user) {
        return !user.suspended() && !user.provisioning();
    }

    private static boolean managesUsers(Role role) {
        return role == Role.GLOBAL_ADMIN || role == Role.SYSTEM_ADMIN || role == Role.PARTNER_ADMIN;
    }

    private static boolean readsUsers(Role role) {
        return managesUsers(role) || role == Role.ACCOUNT_EXECUTIVE || role == Role.PARTNER;
    }
}
