package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.ports.Tenants;

/** {@link Tenants} on the table. */
public final class DynamoTenants implements Tenants {
    private final Table table;

    public DynamoTenants(Table table) { this.table = table; }

    @Override
    public void insertTenant(Tenant tenant) {
        table.write(table.putNew(ItemMapper.tenantItem(tenant), old -> new Conflict("tenantId", "The tenant " + tenant.id() + " exists already.")));
    }
}
