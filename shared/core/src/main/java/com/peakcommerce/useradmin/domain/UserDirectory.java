package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.ports.UserRepository;


/** Reading users (SPEC U4, U5). Needs only the table, so the read functions ship neither Auth0 nor SES. */
public final class UserDirectory {
    private final UserRepository repository;

    public UserDirectory(UserRepository repository) { this.repository = repository; }

    /** One user, if the caller may see it (see {@link Access}); caller and target come in one batched read. */
    public User view(CallerId caller, String userId) {
        return Access.viewed(repository, caller, userId).target();
    }

    /** The caller's own record (SPEC S1), whatever their role; refused (403) unless active. One read. */
    public User me(CallerId caller) {
        return Access.active(repository.user(caller.tenantId(), caller.userId()));
    }

    /**
     * A page of the users the caller may see: the caller's record, then the Query of the index that holds
     * exactly their scope (two for a Partner Admin of the "created or assigned" realm). The caller's
     * filters narrow that scope and can never widen it: the scope is set here, after them, and every
     * filter the repository gets is ANDed. A filter the caller may not use is refused: a role they may not
     * see, another Account Executive's or Partner's customers (403); a filter that cannot apply to the
     * only role they see (400, naming it).
     * <ul>
     *   <li>Global Admin: all; System Admin: all but Global Admins (filtered out of the partition).</li>
     *   <li>Partner Admin: the realm ({@link Access#inRealm}): all Partner Account Executives (byRole), or
     *       those created by or assigned to them (byCreator and byPartnerAdmin, merged by name).</li>
     *   <li>Account Executive: bySalesRep of themselves; Partner: byPartner of themselves (customers only).</li>
     * </ul>
     */
    public Page<User> list(CallerId caller, UserQuery query, int limit, String cursor) {
        User reader = Access.userReader(repository.user(caller.tenantId(), caller.userId()));
        if (query.role() != null && !Access.maySee(reader, query.role())) {
            throw new Forbidden("You may not list " + query.role() + " users.");
        }
        String tenant = caller.tenantId();
        return switch (reader.role()) {
            case GLOBAL_ADMIN -> repository.list(tenant, query, limit, cursor);
            case SYSTEM_ADMIN -> repository.list(tenant, query.hiding(Role.GLOBAL_ADMIN), limit, cursor);
            case PARTNER_ADMIN -> {
                refuse(query.partnerId(), "partnerId", Role.PARTNER_ACCOUNT_EXECUTIVE);
                refuse(query.salesRepId(), "salesRepId", Role.PARTNER_ACCOUNT_EXECUTIVE);
                UserQuery scoped = query.withRole(Role.PARTNER_ACCOUNT_EXECUTIVE);
                yield switch (Access.realm(reader)) {
                    case ALL_PARTNER_ACCOUNT_EXECUTIVES -> repository.list(tenant, scoped, limit, cursor);
                    case CREATED_OR_ASSIGNED -> repository.listCreatedOrAssigned(tenant, reader.id(), scoped, limit, cursor);
                };
            }
            case ACCOUNT_EXECUTIVE -> {
                refuse(query.partnerAdminId(), "partnerAdminId", Role.CUSTOMER);
                if (query.salesRepId() != null && !query.salesRepId().equals(reader.id())) throw new Forbidden("You may list only your own customers.");
                yield repository.list(tenant, query.withRole(Role.CUSTOMER).withSalesRep(reader.id()), limit, cursor);
            }
            case PARTNER -> {
                refuse(query.partnerAdminId(), "partnerAdminId", Role.CUSTOMER);
                if (query.partnerId() != null && !query.partnerId().equals(reader.id())) throw new Forbidden("You may list only your own customers.");
                yield repository.list(tenant, query.withRole(Role.CUSTOMER).withPartner(reader.id()), limit, cursor);
            }
            case PARTNER_ACCOUNT_EXECUTIVE, CUSTOMER -> throw new Forbidden("Your role may not see other users.");
        };
    }

    private static void refuse(String value, String filter, Role seen) {
        if (value != null) throw new Invalid(filter, filter + " does not apply to " + seen + " users, the only ones you may list.");
    }

    /**
     * A page of one user's audit trail (SPEC X3), newest first, for those who may manage the user: caller
     * and target in one batched read (404 or 403 as {@link Access#managed} decides), then one Query.
     */
    public Page<AuditEntry> auditTrail(CallerId caller, String userId, int limit, String cursor) {
        try {
            User target = Access.managed(repository, caller, userId).target();
            return repository.auditTrail(caller.tenantId(), target.id(), limit, cursor);
        } catch (DomainException.NotFound gone) {
            return deletedUsersTrail(caller, userId, limit, cursor, gone);
        }
    }

    /**
     * The trail of a user who is gone (it outlives them until its TTL, and says who deleted them): only
     * for Global Admins, who may see every user of their tenant, so nothing is revealed that they could
     * not have read before the delete. Everyone else, and a user who never had a trail, stays 404.
     * One more read, on this path only.
     */
    private Page<AuditEntry> deletedUsersTrail(CallerId caller, String userId, int limit, String cursor, DomainException.NotFound gone) {
        User reader = Access.userManager(repository.user(caller.tenantId(), caller.userId()));
        if (reader.role() != Role.GLOBAL_ADMIN) throw gone;
        Page<AuditEntry> page = repository.auditTrail(caller.tenantId(), userId, limit, cursor);
        if (page.items().isEmpty() && cursor == null) throw gone;
        return page;
    }
}
