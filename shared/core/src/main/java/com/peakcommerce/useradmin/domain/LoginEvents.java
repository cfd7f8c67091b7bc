package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.LoginRecorder;
import com.peakcommerce.useradmin.ports.LoginRecorder.Recorded;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service does when the identity provider reports a successful login (SPEC V1, V2): record
 * it (last login, count, and the first verifying login flips the user to Active (verified)), and tell
 * the post-login Action whether to let the user in and with which claims.
 */
public final class LoginEvents {
    private final LoginRecorder recorder;
    private final Clock clock;
    /** Each tenant's connection, read once per container: it is fixed at the tenant's bootstrap. */
    private final Map<String, String> connections = new ConcurrentHashMap<>();

    public LoginEvents(LoginRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Why a login was let in or refused; for the log, never for the caller. */
    public enum Outcome {
        /** Recorded, and it flipped the user to verified. */
        VERIFIED(true),
        /** Recorded. */
        RECORDED(true),
        /** The same login reported again (or an older one): nothing changed. */
        ALREADY_RECORDED(true),
        /** No such user in the tenant the login names, or no tenant and user named at all. */
        UNKNOWN(false),
        SUSPENDED(false),
        /** The service is still creating the user. */
        PROVISIONING(false);

        private final boolean allows;

        Outcome(boolean allows) { this.allows = allows; }

        public boolean allows() { return allows; }
    }

    /**
     * The answer to the post-login Action.
     *
     * @param user the user as now recorded, when allowed (the claims come from it); empty when denied
     */
    public record Decision(Outcome outcome, Optional<User> user) {
        public boolean allowed() { return outcome.allows(); }
    }

    /**
     * A login the post-login Action reports, now. {@code tenantId} and {@code userId} are what the
     * service put into the login's metadata when it created it; either may be missing.
     */
    public Decision afterLogin(String tenantId, String userId, long loginsCount, boolean emailVerified, String email) {
        return afterLogin(tenantId, userId, loginsCount, emailVerified, email, null);
    }

    /** {@link #afterLogin(String, String, long, boolean, String)}, reported in request {@code requestId} (the audit trail keeps it). */
    public Decision afterLogin(String tenantId, String userId, long loginsCount, boolean emailVerified, String email, String requestId) {
        return afterLogin(tenantId, userId, null, loginsCount, emailVerified, email, requestId);
    }

    /**
     * A login the post-login Action reports from the identity-provider connection {@code connection}: it
     * counts only if that is the tenant's own connection (a login elsewhere that carries the tenant's
     * metadata names nobody). {@code null} when the report does not say (tests of the recording alone).
     */
    public Decision afterLogin(String tenantId, String userId, String connection, long loginsCount, boolean emailVerified, String email, String requestId) {
        if (!Identifiers.isId(tenantId) || !Identifiers.isId(userId)) {
            return new Decision(Outcome.UNKNOWN, Optional.empty());
        }
        if (connection != null && !connection.equals(connectionOf(tenantId))) return new Decision(Outcome.UNKNOWN, Optional.empty());
        return decide(recorder.record(new Login(tenantId, userId, loginsCount, emailVerified, email, clock.instant(), requestId)));
    }

    /**
     * A successful login a log stream reports after the fact. It names no tenant, and the user cannot be
     * refused any more; an unknown, suspended or provisioning user is ignored.
     *
     * @return what became of it
     */
    public Outcome loggedIn(String userId, long loginsCount, Instant at) {
        return loggedIn(userId, loginsCount, at, null);
    }

    /** {@link #loggedIn(String, long, Instant)}, reported in request {@code requestId} (the audit trail keeps it). */
    public Outcome loggedIn(String userId, long loginsCount, Instant at, String requestId) {
        if (!Identifiers.isId(userId)) return Outcome.UNKNOWN;
        Optional<String> tenant = recorder.tenantOf(userId);
        if (tenant.isEmpty()) return Outcome.UNKNOWN;
        return decide(recorder.record(new Login(tenant.get(), userId, loginsCount, false, null, at, requestId))).outcome();
    }

    private String connectionOf(String tenantId) {
        String known = connections.get(tenantId);
        if (known != null) return known;
        Optional<String> connection = recorder.connectionOf(tenantId);
        connection.ifPresent(c -> connections.put(tenantId, c));
        return connection.orElse(null);
    }

    private static Decision decide(Recorded recorded) {
        if (recorded.user().isEmpty()) return new Decision(Outcome.UNKNOWN, Optional.empty());
        User user = recorded.user().get();
        if (user.suspended()) return new Decision(Outcome.SUSPENDED, Optional.empty());
        if (user.provisioning()) return new Decision(Outcome.PROVISIONING, Optional.empty());
        if (!recorded.applied()) return new Decision(Outcome.ALREADY_RECORDED, recorded.user());
        return new Decision(recorded.verified() ? Outcome.VERIFIED : Outcome.RECORDED, recorded.user());
    }
}
