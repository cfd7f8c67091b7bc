package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.dynamodb.ItemMapperFixture;
import com.peakcommerce.useradmin.ports.Snapshots.Snapshot;
import com.peakcommerce.useradmin.ports.Stores;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table's ports seen from a test, by the names tests read best, plus seeding that no production port
 * offers: a profile written without an audit entry, as if it had been there before the test.
 */
public final class Records {
    private final Stores stores;
    private final MotoTable table;

    public Records(Stores stores, MotoTable table) {
        this.stores = stores;
        this.table = table;
    }

    public Stores stores() { return stores; }

    /** A profile and its name marker, written straight to the table (no audit entry): a fixture. */
    public void insertProfile(Profile profile) { ItemMapperFixture.putProfile(table.client, table.table, profile); }

    public void insertTenant(Tenant tenant) { stores.tenants().insertTenant(tenant); }
    public Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds) { return stores.snapshots().fetch(tenantId, userIds, profileIds); }
    public Optional<User> user(String tenantId, String userId) { return stores.users().user(tenantId, userId); }
    public Optional<String> userIdByUsername(String tenantId, String username) { return stores.users().userIdByUsername(tenantId, username); }
    public void insert(User user, AuditEntry audit) { stores.users().insert(user, audit); }
    public void replace(User before, User after, AuditEntry audit) { stores.users().replace(before, after, audit); }
    public void replaceBookkeeping(User before, User after) { stores.users().replaceBookkeeping(before, after); }
    public void replacePendingMail(User before, User after) { stores.users().replacePendingMail(before, after); }
    public void delete(User user, AuditEntry audit) { stores.users().delete(user, audit); }
    public void audit(AuditEntry audit) { stores.auditTrail().audit(audit); }
    public Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor) { return stores.auditTrail().auditTrail(tenantId, userId, limit, cursor); }
    public List<User> pending(Instant before, User after, int limit) { return stores.pendingUsers().pending(before, after, limit); }
    public Page<User> list(String tenantId, UserQuery query, int limit, String cursor) { return stores.userLists().list(tenantId, query, limit, cursor); }
    public Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor) {
        return stores.userLists().listCreatedOrAssigned(tenantId, partnerAdminId, query, limit, cursor);
    }
    public long countProfileHolders(String tenantId, String profileId) { return stores.userLists().countProfileHolders(tenantId, profileId); }
    public Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor) { return stores.userLists().profileHolders(tenantId, profileId, limit, cursor); }
    public Page<Profile> listProfiles(String tenantId, int limit, String cursor) { return stores.profiles().listProfiles(tenantId, limit, cursor); }
    public void insertProfile(Profile profile, AuditEntry entry) { stores.profiles().insertProfile(profile, entry); }
    public void replaceProfile(Profile before, Profile after, AuditEntry entry) { stores.profiles().replaceProfile(before, after, entry); }
    public Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement) {
        return stores.profiles().markProfileRetiring(tenantId, profileId, expectedVersion, replacement);
    }
    public void clearProfileRetiring(Profile profile) { stores.profiles().clearProfileRetiring(profile); }
    public void deleteProfile(Profile profile, AuditEntry entry) { stores.profiles().deleteProfile(profile, entry); }
}
