package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one read before a decision: the tenant, the caller, the targets and the references of a request, in one
 * round trip, strongly consistent. Missing ones are left out.
 */
public interface Snapshots {

    Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds);

    /** The tenant alone (a request that reads nothing else). */
    default Optional<Tenant> tenant(String tenantId) { return fetch(tenantId, Set.of(), Set.of()).tenant(); }

    record Snapshot(Optional<Tenant> tenant, Map<String, User> users, Map<String, Profile> profiles) {
        public Optional<User> user(String id) { return Optional.ofNullable(users.get(id)); }
    }
}
