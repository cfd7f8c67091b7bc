package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.ports.UserRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The real repository, except that the next call of one write method dies as a Lambda that is killed
 * between two DynamoDB requests would: nothing of that call is written.
 */
public final class CrashingRepository implements UserRepository {
    /** What a crashed invocation looks like to the code above it. */
    public static final class Crash extends RuntimeException {
        Crash(String where) { super("injected crash before " + where); }
    }

    private final UserRepository delegate;
    private String crashBefore;
    private int skip;

    public CrashingRepository(UserRepository delegate) { this.delegate = delegate; }

    /** The next call of {@code method} (insert, replace, replaceBookkeeping, delete, audit) crashes before it writes. */
    public void crashBeforeNext(String method) { crashBefore(method, 0); }

    /** The call of {@code method} after {@code skip} successful ones crashes before it writes. */
    public void crashBefore(String method, int skip) {
        crashBefore = method;
        this.skip = skip;
    }

    private void maybeCrash(String method) {
        if (!method.equals(crashBefore)) return;
        if (skip-- > 0) return;
        crashBefore = null;
        throw new Crash(method);
    }

    @Override public Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds) { return delegate.fetch(tenantId, userIds, profileIds); }
    @Override public Optional<User> user(String tenantId, String userId) { return delegate.user(tenantId, userId); }
    @Override public Optional<String> userIdByUsername(String tenantId, String username) { return delegate.userIdByUsername(tenantId, username); }
    @Override public Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor) {
        return delegate.listCreatedOrAssigned(tenantId, partnerAdminId, query, limit, cursor);
    }
    @Override public void insert(User user, AuditEntry audit) { maybeCrash("insert"); delegate.insert(user, audit); }
    @Override public void replace(User before, User after, AuditEntry audit) { maybeCrash("replace"); delegate.replace(before, after, audit); }
    @Override public void replaceBookkeeping(User before, User after) { maybeCrash("replaceBookkeeping"); delegate.replaceBookkeeping(before, after); }
    @Override public void replacePendingMail(User before, User after) { maybeCrash("replacePendingMail"); delegate.replacePendingMail(before, after); }
    @Override public void delete(User user, AuditEntry audit) { maybeCrash("delete"); delegate.delete(user, audit); }
    @Override public void audit(AuditEntry audit) { maybeCrash("audit"); delegate.audit(audit); }
    @Override public Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor) { return delegate.auditTrail(tenantId, userId, limit, cursor); }
    @Override public List<User> pending(Instant before, User after, int limit) { return delegate.pending(before, after, limit); }
    @Override public Page<User> list(String tenantId, UserQuery query, int limit, String cursor) { return delegate.list(tenantId, query, limit, cursor); }
    @Override public void insertProfile(Profile profile) { delegate.insertProfile(profile); }
    @Override public Page<Profile> listProfiles(String tenantId, int limit, String cursor) { return delegate.listProfiles(tenantId, limit, cursor); }
    @Override public void insertTenant(Tenant tenant) { delegate.insertTenant(tenant); }
    @Override public void insertProfile(Profile profile, AuditEntry entry) { maybeCrash("insertProfile"); delegate.insertProfile(profile, entry); }
    @Override public void replaceProfile(Profile before, Profile after, AuditEntry entry) { maybeCrash("replaceProfile"); delegate.replaceProfile(before, after, entry); }
    @Override public Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement) {
        maybeCrash("markProfileRetiring");
        return delegate.markProfileRetiring(tenantId, profileId, expectedVersion, replacement);
    }
    @Override public void clearProfileRetiring(Profile profile) { maybeCrash("clearProfileRetiring"); delegate.clearProfileRetiring(profile); }
    @Override public long countProfileHolders(String tenantId, String profileId) { return delegate.countProfileHolders(tenantId, profileId); }
    @Override public Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor) { return delegate.profileHolders(tenantId, profileId, limit, cursor); }
    @Override public void deleteProfile(Profile profile, AuditEntry entry) { maybeCrash("deleteProfile"); delegate.deleteProfile(profile, entry); }
}
