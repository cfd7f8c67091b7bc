package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;

import com.peakcommerce.useradmin.ports.UserRepository;
import com.peakcommerce.useradmin.ports.UserRepository.Snapshot;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what (SPEC X1), decided from the caller's current record: a suspended or unknown
 * caller can do nothing. Global Admins manage every user of their tenant; System Admins every user
 * but Global Admins; every other role is refused on the admin routes.
 */
public final class Access {
    private Access() {}

    /** The caller's record, if they may administer users at all. */
    public static User userAdministrator(Optional<User> caller) {
        User user = active(caller);
        if (!user.role().isAdministrator()) throw new Forbidden("Your role may not administer users.");
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

    /** The target, if the caller may see and manage it; a missing target is 404. */
    public static User manageable(User caller, Optional<User> target) {
        User user = target.orElseThrow(() -> new NotFound("No such user."));
        if (!mayManage(caller, user.role())) throw new Forbidden("You may not manage " + user.role() + " users.");
        return user;
    }

    /** Whether the caller may create, edit or see users of {@code role}. */
    public static boolean mayManage(User caller, Role role) {
        return switch (caller.role()) {
            case GLOBAL_ADMIN -> true;
            case SYSTEM_ADMIN -> role != Role.GLOBAL_ADMIN;
            default -> false;
        };
    }

    /** An admin acting on one user: both read in one round trip (with the tenant), both checked. */
    public record Managed(User caller, User target, Snapshot snapshot) {}

    public static Managed managed(UserRepository repository, CallerId callerId, String userId) {
        Snapshot snapshot = repository.fetch(callerId.tenantId(), Set.copyOf(List.of(callerId.userId(), userId)), Set.of());
        User caller = userAdministrator(snapshot.user(callerId.userId()));
        return new Managed(caller, manageable(caller, snapshot.user(userId)), snapshot);
    }

    public static void requireMayAssign(User caller, Role role) {
        if (!mayManage(caller, role)) throw new Forbidden("You may not give users the role " + role + ".");
    }
}
