package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.ports.AuditTrail;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.UserLists;
import com.peakcommerce.useradmin.ports.Users;

import java.util.Optional;
import java.util.Set;

/** Reading users (SPEC U4, U5). Needs only the table, so the read functions ship neither Auth0 nor SES. */
public final class UserDirectory {
    private final Snapshots snapshots;
    private final Users users;
    private final UserLists lists;
    private final AuditTrail trail;

    public UserDirectory(Stores stores) {
        this.snapshots = stores.snapshots();
        this.users = stores.users();
        this.lists = stores.userLists();
        this.trail = stores.auditTrail();
    }

    /** A user as the caller sees them: the record and what the caller may do to it now ({@link Policy#allowedActions}). */
    public record Seen(User user, Set<Policy.Action> allowedActions) {}

    /** One user, if the caller may see it ({@link Policy}); caller and target come in one batched read. */
    public User view(CallerId caller, String userId) {
        return seen(caller, userId).user();
    }

    /** {@link #view}, with what the caller may do to the user. */
    public Seen seen(CallerId caller, String userId) {
        var checked = Access.checked(snapshots, caller, userId, Policy.Action.VIEW);
        return new Seen(checked.target(), Policy.allowedActions(checked.caller(), checked.target()));
    }

    /** The caller's own record (SPEC S1), whatever their role; refused (403) unless active. One read. */
    public User me(CallerId caller) {
        return Policy.active(users.user(caller.tenantId(), caller.userId()));
    }

    /**
     * A page of the users the caller may see: the caller's record, then the Query of the index that holds
     * exactly their scope (two for a Partner Admin of the "created or assigned" realm). The caller's
     * filters narrow that scope and can never widen it: the scope is set here, after them, and every
     * filter the list gets is ANDed. A filter the caller may not use is refused: a role they may not
     * see, another Account Executive's or Partner's customers (403); a filter that cannot apply to the
     * only role they see (400, naming it).
     * <ul>
     *   <li>Global Admin: all; System Admin: all but Global Admins (filtered out of the partition).</li>
     *   <li>Partner Admin: the realm ({@link Policy#inRealm}): all Partner Account Executives (byRole), or
     *       those created by or assigned to them (byCreator and byPartnerAdmin, merged by name).</li>
     *   <li>Account Executive: bySalesRep of themselves; Partner: byPartner of themselves (customers only).</li>
     * </ul>
     */
    public Page<User> list(CallerId caller, UserQuery query, int limit, String cursor) {
        return page(caller, query, limit, cursor).map(Seen::user);
    }

    /** {@link #list}, each user with what the caller may do to them. */
    public Page<Seen> page(CallerId caller, UserQuery query, int limit, String cursor) {
        Optional<User> record = users.user(caller.tenantId(), caller.userId());
        Policy.Scope scope = Policy.scope(record);
        if (scope instanceof Policy.Scope.OnlySelf self) throw new Forbidden(self.reason());
        User reader = record.orElseThrow();
        if (query.role() != null && !Policy.mayList(scope, query.role())) {
            throw new Forbidden("You may not list " + query.role() + " users.");
        }
        String tenant = caller.tenantId();
        Page<User> users = switch (scope) {
            case Policy.Scope.WholeTenant whole -> lists.list(tenant, query, limit, cursor);
            case Policy.Scope.TenantExcept except -> lists.list(tenant, query.hiding(except.hidden()), limit, cursor);
            case Policy.Scope.PartnerAdminRealm realm -> {
                refuse(query.partnerId(), "partnerId", Role.PARTNER_ACCOUNT_EXECUTIVE);
                refuse(query.salesRepId(), "salesRepId", Role.PARTNER_ACCOUNT_EXECUTIVE);
                UserQuery scoped = query.withRole(Role.PARTNER_ACCOUNT_EXECUTIVE);
                yield switch (realm.realm()) {
                    case ALL_PARTNER_ACCOUNT_EXECUTIVES -> lists.list(tenant, scoped, limit, cursor);
                    case CREATED_OR_ASSIGNED -> lists.listCreatedOrAssigned(tenant, realm.partnerAdminId(), scoped, limit, cursor);
                };
            }
            case Policy.Scope.CustomersOf customers -> {
                refuse(query.partnerAdminId(), "partnerAdminId", Role.CUSTOMER);
                boolean bySalesRep = customers.relation() == UserField.SALES_REP_ID;
                String asked = bySalesRep ? query.salesRepId() : query.partnerId();
                if (asked != null && !asked.equals(customers.userId())) throw new Forbidden("You may list only your own customers.");
                UserQuery scoped = query.withRole(Role.CUSTOMER);
                yield lists.list(tenant, bySalesRep ? scoped.withSalesRep(customers.userId()) : scoped.withPartner(customers.userId()), limit, cursor);
            }
            case Policy.Scope.OnlySelf self -> throw new Forbidden(self.reason());
        };
        return users.map(user -> new Seen(user, Policy.allowedActions(reader, user)));
    }

    private static void refuse(String value, String filter, Role seen) {
        if (value != null) throw new Invalid(filter, filter + " does not apply to " + seen + " users, the only ones you may list.");
    }

    /**
     * A page of one user's audit trail (SPEC X3), newest first, for those who may manage the user: caller
     * and target in one batched read (404 or 403 as {@link Policy#decide} decides), then one Query.
     */
    public Page<AuditEntry> auditTrail(CallerId caller, String userId, int limit, String cursor) {
        try {
            User target = Access.checked(snapshots, caller, userId, Policy.Action.VIEW_AUDIT).target();
            return trail.auditTrail(caller.tenantId(), target.id(), limit, cursor);
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
        User reader = Policy.userManager(users.user(caller.tenantId(), caller.userId()));
        if (!Policy.mayReadDeletedUsersTrail(reader)) throw gone;
        Page<AuditEntry> page = trail.auditTrail(caller.tenantId(), userId, limit, cursor);
        if (page.items().isEmpty() && cursor == null) throw gone;
        return page;
    }
}
