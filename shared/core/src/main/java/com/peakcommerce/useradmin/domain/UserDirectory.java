package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.UserRepository;


/** Reading users (SPEC U4, U5). Needs only the table, so the read functions ship neither Auth0 nor SES. */
public final class UserDirectory {
    private final UserRepository repository;

    public UserDirectory(UserRepository repository) { this.repository = repository; }

    /** One user; caller and target come in one batched read. */
    public User view(CallerId caller, String userId) {
        return Access.managed(repository, caller, userId).target();
    }

    /** The caller's own record (SPEC S1), whatever their role; refused (403) unless active. One read. */
    public User me(CallerId caller) {
        return Access.active(repository.user(caller.tenantId(), caller.userId()));
    }

    /** A page of users: the caller's record, then one Query. System Admins do not see Global Admins. */
    public Page<User> list(CallerId caller, UserQuery query, int limit, String cursor) {
        User admin = Access.userAdministrator(repository.user(caller.tenantId(), caller.userId()));
        if (query.role() != null && !Access.mayManage(admin, query.role())) {
            throw new DomainException.Forbidden("You may not list " + query.role() + " users.");
        }
        UserQuery scoped = Access.mayManage(admin, Role.GLOBAL_ADMIN) ? query : query.hiding(Role.GLOBAL_ADMIN);
        return repository.list(caller.tenantId(), scoped, limit, cursor);
    }

    /**
     * A page of one user's audit trail (SPEC X3), newest first, for those who may manage the user: caller
     * and target in one batched read (404 or 403 as {@link Access#managed} decides), then one Query.
     */
    public Page<AuditEntry> auditTrail(CallerId caller, String userId, int limit, String cursor) {
        User target = Access.managed(repository, caller, userId).target();
        return repository.auditTrail(caller.tenantId(), target.id(), limit, cursor);
    }
}
