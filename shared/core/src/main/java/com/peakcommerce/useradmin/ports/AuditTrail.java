package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;

/** Who changed what (SPEC X3). Changes of the table write their entries in their own transactions; this adds the rest. */
public interface AuditTrail {

    /** Adds {@code audit} on its own: for what is not a write of the table (a mail sent), right after it happened. */
    void audit(AuditEntry audit);

    /** A page of one user's trail, newest first; {@code cursor} is accepted only for this user's trail in this tenant. */
    Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor);
}
