package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.AuditEntry;

import java.time.Instant;
import java.util.List;

/**
 * The log-in-as grants (SPEC U11): one per credential issued, redeemable once before it expires. In
 * production, items of the one DynamoDB table, deleted by TTL when they expire.
 */
public interface ImpersonationGrants {

    /** One credential: its id ({@code jti}), whom it names as subject and actor, and when it stops counting. */
    record Grant(String tenantId, String jti, String subjectId, String actorId, Instant issuedAt, Instant expiresAt, String requestId) {}

    /** Writes the grant and {@code audit} in one transaction: neither without the other. */
    void issue(Grant grant, List<AuditEntry> audit);

    /** What a redeem found. */
    enum Redemption {
        /** Marked redeemed now: the one use. */
        REDEEMED,
        /** No such grant (never issued, another tenant's, or expired and deleted), or not for this subject and actor. */
        UNKNOWN,
        /** Expired, though not yet deleted. */
        EXPIRED,
        /** Redeemed before. */
        ALREADY_REDEEMED,
        /** The subject has been suspended, deleted or is provisioning again since the grant was issued. */
        SUBJECT_INACTIVE,
        /** The admin who asked for it has been suspended or deleted since. */
        ACTOR_INACTIVE
    }

    /**
     * Marks the grant redeemed at {@code now}, in one conditional write, if it exists for this subject and
     * actor, has not been redeemed, has not expired, and both users are still active: of two redeems at
     * once, exactly one gets {@link Redemption#REDEEMED}.
     */
    Redemption redeem(String tenantId, String jti, String subjectId, String actorId, Instant now);
}
