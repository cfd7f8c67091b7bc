package com.peakcommerce.useradmin.domain;

/**
 * Who is calling, as the verified token says, and in which request (the id the audit trail and the
 * logs carry). Whether they may do anything is decided from their current record.
 */
public record CallerId(String tenantId, String userId, String requestId) {
    /** A caller outside any HTTP request (tests, the operator's tools). */
    public CallerId(String tenantId, String userId) {
        this(tenantId, userId, null);
    }
}
