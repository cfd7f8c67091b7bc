package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Snapshots.Snapshot;

import java.util.List;
import java.util.Set;

/**
 * The one read every route that acts on one user makes before it acts: the caller and the target in one
 * batched read (with the tenant), then the {@link Policy}'s decision. Nothing here decides anything.
 */
public final class Access {
    private Access() {}

    /** The caller and the target as read, for a route the policy allowed. */
    public record Managed(User caller, User target, Snapshot snapshot) {}

    /** Reads caller and target, and refuses unless {@link Policy#decide} allows {@code action}. */
    public static Managed checked(Snapshots snapshots, CallerId callerId, String userId, Policy.Action action) {
        Snapshot snapshot = snapshots.fetch(callerId.tenantId(), Set.copyOf(List.of(callerId.userId(), userId)), Set.of());
        Policy.decide(snapshot.user(callerId.userId()), action, snapshot.user(userId)).orThrow();
        return new Managed(snapshot.user(callerId.userId()).orElseThrow(), snapshot.user(userId).orElseThrow(), snapshot);
    }
}
