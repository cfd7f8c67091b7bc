package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;

import com.peakcommerce.useradmin.ports.UserRepository;
import com.peakcommerce.useradmin.ports.UserRepository.Snapshot;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what (SPEC X1, R2–R4), decided from the caller's current record on every request: an
 * unknown, suspended or still provisioning caller can do nothing (403, whatever the target: nothing about
 * the target is looked at first, so nothing leaks).
 *
 * <ul>
 *   <li>{@code GLOBAL_ADMIN}: every user of their tenant. {@code SYSTEM_ADMIN}: every user but Global
 *       Admins (403 on those: a System Admin knows they exist).</li>
 *   <li>{@code PARTNER_ADMIN}: only the Partner Account Executives of their realm ({@link Realm}, from their
 *       {@code securityRealm}); only the fields of R4 ({@link #PARTNER_ADMIN_FIELDS}). A user outside the
 *       realm is 404, never 403: a Partner Admin must not learn that anyone else exists.</li>
 *   <li>{@code ACCOUNT_EXECUTIVE} / {@code PARTNER}: read only ({@code GET /users}, {@code GET /users/{id}})
 *       the customers associated with them ({@code salesRepId} / {@code partnerId} = their id); any other
 *       target is 404; every route that changes users is 403.</li>
 *   <li>Everyone else ({@code CUSTOMER}, {@code PARTNER_ACCOUNT_EXECUTIVE}): only themselves, through the
 *       {@code /me} routes ({@link #active}); every admin route is 403.</li>
 * </ul>
 *
 * <p>Profiles and realms are the Global and System Admins' ({@link #userAdministrator}).
 */
public final class Access {
    /** What a Partner Admin sets on a Partner Account Executive (R4), at create and at edit; role only at create. */
    public static final Set<UserField> PARTNER_ADMIN_FIELDS = Set.copyOf(EnumSet.of(UserField.FIRST_NAME, UserField.LAST_NAME,
            UserField.USERNAME, UserField.ACCOUNT_NUMBER, UserField.PROFILE_ID, UserField.PARTNER_ADMIN_ID));

    private Access() {}

    /** The caller's record, if they are a Global or System Admin: profiles, realms (and every user route). */
    public static User userAdministrator(Optional<User> caller) {
        User user = active(caller);
        if (!user.role().isAdministrator()) throw new Forbidden("Your role may not administer users.");
        return user;
    }

    /** The caller's record, if their role may change some users: Global, System and Partner Admins. */
    public static User userManager(Optional<User> caller) {
        User user = active(caller);
        if (!managesUsers(user.role())) throw new Forbidden("Your role may not administer users.");
        return user;
    }

    /** The caller's record, if their role may read some users: the managers, Account Executives and Partners. */
    public static User userReader(Optional<User> caller) {
        User user = active(caller);
        if (!managesUsers(user.role()) && !readsCustomers(user.role())) throw new Forbidden("Your role may not see other users.");
        return user;
    }

    /**
     * The caller's own record, if it is active (SPEC S1: every role may see and edit itself); unknown,
     * suspended or still provisioning is 403.
     */
    public static User active(Optional<User> caller) {
        return caller.filter(u -> !u.suspended() && !u.provisioning())
                .orElseThrow(() -> new Forbidden("Your account is not active."));
    }

    /**
     * The target, if the caller (already checked to be a reader or manager) may see it: missing, or
     * outside a Partner Admin's realm or an Account Executive's or Partner's customers, is 404; a Global
     * Admin seen by a System Admin is 403.
     */
    public static User visible(User caller, Optional<User> target) {
        User user = target.orElseThrow(() -> new NotFound("No such user."));
        if (reaches(caller, user)) return user;
        if (caller.role().isAdministrator()) throw new Forbidden("You may not manage " + user.role() + " users.");
        throw new NotFound("No such user.");
    }

    /** The target, if the caller may change it; as {@link #visible}, for callers that passed {@link #userManager}. */
    public static User manageable(User caller, Optional<User> target) {
        if (!managesUsers(caller.role())) throw new Forbidden("Your role may not administer users.");
        return visible(caller, target);
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

    /** Whether the caller may create, edit or see users of {@code role} (the role filter of the list, the role of a create). */
    public static boolean mayManage(User caller, Role role) {
        return switch (caller.role()) {
            case GLOBAL_ADMIN -> true;
            case SYSTEM_ADMIN -> role != Role.GLOBAL_ADMIN;
            case PARTNER_ADMIN -> role == Role.PARTNER_ACCOUNT_EXECUTIVE;
            default -> false;
        };
    }

    /** Whether the caller may list users of {@code role}: what they manage, or customers for Account Executives and Partners. */
    public static boolean maySee(User caller, Role role) {
        return mayManage(caller, role) || (readsCustomers(caller.role()) && role == Role.CUSTOMER);
    }

    /**
     * The fields a Partner Admin may not set (anything but {@link #PARTNER_ADMIN_FIELDS}) are refused with
     * 403 naming the field; for other callers nothing is checked here.
     */
    public static void requireMaySet(User caller, Set<UserField> fields) {
        if (caller.role() != Role.PARTNER_ADMIN) return;
        List<String> refused = fields.stream().filter(f -> !PARTNER_ADMIN_FIELDS.contains(f)).map(UserField::jsonName).sorted().toList();
        if (!refused.isEmpty()) {
            throw new Forbidden("Partner Admins may not set " + String.join(", ", refused) + "; they set "
                    + PARTNER_ADMIN_FIELDS.stream().map(UserField::jsonName).sorted().toList() + ".");
        }
    }

    /** An admin acting on one user: both read in one round trip (with the tenant), both checked. */
    public record Managed(User caller, User target, Snapshot snapshot) {}

    /** For the routes that change a user: the caller must be a manager and reach the target. */
    public static Managed managed(UserRepository repository, CallerId callerId, String userId) {
        Snapshot snapshot = repository.fetch(callerId.tenantId(), Set.copyOf(List.of(callerId.userId(), userId)), Set.of());
        User caller = userManager(snapshot.user(callerId.userId()));
        return new Managed(caller, visible(caller, snapshot.user(userId)), snapshot);
    }

    /** For reading one user: the caller must be a reader and reach the target. */
    public static Managed viewed(UserRepository repository, CallerId callerId, String userId) {
        Snapshot snapshot = repository.fetch(callerId.tenantId(), Set.copyOf(List.of(callerId.userId(), userId)), Set.of());
        User caller = userReader(snapshot.user(callerId.userId()));
        return new Managed(caller, visible(caller, snapshot.user(userId)), snapshot);
    }

    public static void requireMayAssign(User caller, Role role) {
        if (!mayManage(caller, role)) throw new Forbidden("You may not give users the role " + role + ".");
    }

    private static boolean managesUsers(Role role) {
        return role == Role.GLOBAL_ADMIN || role == Role.SYSTEM_ADMIN || role == Role.PARTNER_ADMIN;
    }

    private static boolean readsCustomers(Role role) {
        return role == Role.ACCOUNT_EXECUTIVE || role == Role.PARTNER;
    }

}
