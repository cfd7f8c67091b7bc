package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Tenants;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tenant and its first Global Admin, for the operator (no caller: whoever may invoke the operator function
 * may do this). Sent again after a failure, it finishes the same tenant and admin.
 */
final class TenantBootstrap {
    private final Snapshots snapshots;
    private final Tenants tenants;
    private final IdentityProvider identityProvider;
    private final Provisioning provisioning;
    private final Clock clock;
    private final Supplier<String> ids;

    TenantBootstrap(Snapshots snapshots, Tenants tenants, IdentityProvider identityProvider, Provisioning provisioning, Clock clock, Supplier<String> ids) {
        this.snapshots = snapshots;
        this.tenants = tenants;
        this.identityProvider = identityProvider;
        this.provisioning = provisioning;
        this.clock = clock;
        this.ids = ids;
    }

    Provisioning.Created bootstrap(String tenantId, String tenantName, String connection, Map<String, Object> admin) {
        UserInput input = new UserInput();
        if (tenantId == null || tenantId.length() > 40 || !tenantId.matches("^[a-z0-9](?:-?[a-z0-9])+$")) input.error("tenantId", "tenantId must be 2 to 40 lower-case letters and digits, with single inner hyphens.");
        if (tenantName == null || tenantName.isBlank() || tenantName.length() > 100 || Text.problem(tenantName) != null) input.error("tenantName", "tenantName is required: one line of at most 100 characters.");
        if (connection != null && !Tenant.isConnectionName(connection)) input.error("connection", "connection must be an identity-provider connection name: letters, digits and single inner hyphens, at most 128.");
        Map<UserField, Object> fields = UserDrafts.firstAdmin(admin, input);
        // The tenant record first (it names the connection), then the connection, then the admin: sent again
        // after a failure at any step, the bootstrap finds what is done (the tenant as first recorded, a
        // connection that exists) and finishes the rest.
        Tenant tenant = new Tenant(tenantId, tenantName.strip(), connection != null ? connection : Tenant.defaultConnection(tenantId), clock.instant());
        try {
            tenants.insertTenant(tenant);
        } catch (Conflict exists) {
            tenant = snapshots.tenant(tenantId).orElseThrow();
        }
        try {
            identityProvider.ensureConnection(tenant.connection());
        } catch (IdentityProviderException e) {
            if (e.reason() == IdentityProviderException.Reason.UNAVAILABLE) throw UserMail.unavailable(e);
            throw new Invalid("connection", "The identity provider refused the connection " + tenant.connection() + ": " + e.getMessage());
        }
        return provisioning.run(new CallerId(tenantId, AuditEntry.OPERATOR), tenant,
                User.created(tenantId, ids.get(), fields, false, "operator", clock.instant()), Activation.DEFAULT);
    }
}
