package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.Tenant;

/** The tenants (portals) of the service; read with the {@link Snapshots}. */
public interface Tenants {

    /** Creates a tenant; a tenant that exists already is a {@code Conflict}. */
    void insertTenant(Tenant tenant);
}
