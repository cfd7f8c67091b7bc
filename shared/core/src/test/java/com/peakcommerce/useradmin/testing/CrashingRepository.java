package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.ports.AuditTrail;
import com.peakcommerce.useradmin.ports.Profiles;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.Users;

import java.util.Optional;

/**
 * The real ports, except that the next call of one write method dies as a Lambda that is killed between two
 * DynamoDB requests would: nothing of that call is written. {@link #stores()} is what the services get.
 */
public final class CrashingRepository {
    /** What a crashed invocation looks like to the code above it. */
    public static final class Crash extends RuntimeException {
        Crash(String where) { super("injected crash before " + where); }
    }

    private final Stores stores;
    private String crashBefore;
    private int skip;

    public CrashingRepository(Stores delegate) {
        this.stores = new Stores(delegate.snapshots(), new CrashingUsers(delegate.users()), delegate.userLists(),
                new CrashingProfiles(delegate.profiles()), delegate.tenants(), new CrashingTrail(delegate.auditTrail()), delegate.pendingUsers());
    }

    public Stores stores() { return stores; }

    /** The next call of {@code method} (insert, replace, replaceBookkeeping, delete, audit, …) crashes before it writes. */
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

    private final class CrashingUsers implements Users {
        private final Users delegate;

        CrashingUsers(Users delegate) { this.delegate = delegate; }

        @Override public Optional<User> user(String tenantId, String userId) { return delegate.user(tenantId, userId); }
        @Override public Optional<String> userIdByUsername(String tenantId, String username) { return delegate.userIdByUsername(tenantId, username); }
        @Override public void insert(User user, AuditEntry audit) { maybeCrash("insert"); delegate.insert(user, audit); }
        @Override public void replace(User before, User after, AuditEntry audit) { maybeCrash("replace"); delegate.replace(before, after, audit); }
        @Override public void replaceBookkeeping(User before, User after) { maybeCrash("replaceBookkeeping"); delegate.replaceBookkeeping(before, after); }
        @Override public void replacePendingMail(User before, User after) { maybeCrash("replacePendingMail"); delegate.replacePendingMail(before, after); }
        @Override public void delete(User user, AuditEntry audit) { maybeCrash("delete"); delegate.delete(user, audit); }
    }

    private final class CrashingProfiles implements Profiles {
        private final Profiles delegate;

        CrashingProfiles(Profiles delegate) { this.delegate = delegate; }

        @Override public Page<Profile> listProfiles(String tenantId, int limit, String cursor) { return delegate.listProfiles(tenantId, limit, cursor); }
        @Override public void insertProfile(Profile profile, AuditEntry entry) { maybeCrash("insertProfile"); delegate.insertProfile(profile, entry); }
        @Override public void replaceProfile(Profile before, Profile after, AuditEntry entry) { maybeCrash("replaceProfile"); delegate.replaceProfile(before, after, entry); }
        @Override public Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement) {
            maybeCrash("markProfileRetiring");
            return delegate.markProfileRetiring(tenantId, profileId, expectedVersion, replacement);
        }
        @Override public void clearProfileRetiring(Profile profile) { maybeCrash("clearProfileRetiring"); delegate.clearProfileRetiring(profile); }
        @Override public void deleteProfile(Profile profile, AuditEntry entry) { maybeCrash("deleteProfile"); delegate.deleteProfile(profile, entry); }
    }

    private final class CrashingTrail implements AuditTrail {
        private final AuditTrail delegate;

        CrashingTrail(AuditTrail delegate) { this.delegate = delegate; }

        @Override public void audit(AuditEntry audit) { maybeCrash("audit"); delegate.audit(audit); }
        @Override public Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor) { return delegate.auditTrail(tenantId, userId, limit, cursor); }
    }
}
