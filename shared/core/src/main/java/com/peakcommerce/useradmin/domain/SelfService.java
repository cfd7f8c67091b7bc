package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.ResetLimiter;
import com.peakcommerce.useradmin.ports.Snapshots.Snapshot;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.Users;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a portal user does to their own record (SPEC S1–S3): change their names and their email
 * address (the username), and reset their password, also from the login page without being logged in.
 * (Viewing it needs only the table: {@link UserDirectory#me}.)
 *
 * <p>Every role may use it on itself, admins included (it is their own record); a caller whose record
 * is missing, suspended or still provisioning is refused. Edits go through {@link UserAdministration}'s
 * edit path, so they move the username marker, update the login and mail the verification link exactly
 * as an admin's edit does.
 */
public final class SelfService {
    /** The fields a user may change on their own record with {@code PATCH /me}. */
    static final Set<UserField> OWN_FIELDS = Set.of(UserField.FIRST_NAME, UserField.LAST_NAME);
    /** Public reset requests per address and window; beyond that the answer is the same but no mail goes. */
    public static final int RESET_LIMIT = 5;
    public static final Duration RESET_WINDOW = Duration.ofHours(1);

    private final Snapshots snapshots;
    private final Users users;
    private final UserAdministration administration;
    private final ResetLimiter limiter;
    private final Clock clock;

    public SelfService(Stores stores, UserAdministration administration, ResetLimiter limiter, Clock clock) {
        this.snapshots = stores.snapshots();
        this.users = stores.users();
        this.administration = administration;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * Changes the caller's first and last name (S1), guarded by the version they read. Any other field
     * is refused, naming it. The login's names follow, as with an admin's edit.
     */
    public User updateNames(CallerId callerId, Long expectedVersion, Map<String, Object> body) {
        if (expectedVersion == null) throw new VersionRequired();
        UserInput input = new UserInput();
        Map<String, Object> own = new java.util.LinkedHashMap<>();
        body.forEach((key, value) -> {
            Optional<UserField> field = UserField.byJsonName(key);
            if (field.isPresent() && OWN_FIELDS.contains(field.get())) own.put(key, value);
            else if (field.map(UserField.USERNAME::equals).orElse(false)) input.error(key, "username is changed with POST /me/email.");
            else if (field.isPresent()) input.error(key, key + " cannot be changed on your own profile; ask an administrator.");
            else input.error(key, key + " is not a field you can change here; only firstName and lastName are.");
        });
        Map<UserField, Optional<Object>> patch = input.fields(own, Set.of());
        input.throwIfInvalid();
        return edit(callerId, expectedVersion, patch, input);
    }

    /**
     * Changes the caller's email address, their username (S2): unique in the tenant, a verification
     * mail to the new address, unverified until they log in with it verified. Body {@code {"email": …}}.
     */
    public User changeEmail(CallerId callerId, Long expectedVersion, Map<String, Object> body) {
        if (expectedVersion == null) throw new VersionRequired();
        UserInput input = new UserInput();
        body.keySet().stream().filter(key -> !key.equals("email"))
                .forEach(key -> input.error(key, key + " is not part of an email change; send only email."));
        Object raw = body.get("email");
        Map<UserField, Optional<Object>> patch = new EnumMap<>(UserField.class);
        if (raw == null) {
            input.error("email", "email is required.");
        } else {
            try {
                patch.put(UserField.USERNAME, Optional.of(UserField.USERNAME.parse(raw)));
            } catch (Invalid e) {
                input.error("email", asEmail(e));
            }
        }
        input.throwIfInvalid();
        try {
            return edit(callerId, expectedVersion, patch, input);
        } catch (Conflict taken) {
            if (!"username".equals(taken.field())) throw taken;
            throw new Conflict("email", "The address " + patch.get(UserField.USERNAME).orElseThrow() + " is already in use.");
        }
    }

    /** The username's refusal, worded for the field the request calls {@code email}. */
    private static String asEmail(Invalid refusal) {
        return refusal.errors().getFirst().message().replaceFirst("^" + UserField.USERNAME.jsonName(), "email");
    }

    private User edit(CallerId callerId, long expectedVersion, Map<UserField, Optional<Object>> patch, UserInput input) {
        Snapshot snapshot = snapshots.fetch(callerId.tenantId(), Set.of(callerId.userId()), Set.of());
        User self = Policy.active(snapshot.user(callerId.userId()));
        return administration.edit(callerId, snapshot, self, expectedVersion, patch);
    }

    /** Mails the caller a link to choose a new password (S3), recorded in their audit trail. Returns the address it went to. */
    public String sendOwnPasswordReset(CallerId callerId) {
        Snapshot snapshot = snapshots.fetch(callerId.tenantId(), Set.of(callerId.userId()), Set.of());
        User self = Policy.active(snapshot.user(callerId.userId()));
        Tenant tenant = snapshot.tenant().orElseThrow(() -> new DomainException.NotFound("No such tenant."));
        return administration.deliverPasswordReset(callerId, tenant, self);
    }

    /**
     * The login page's "forgot password" (S3): mails a reset link to {@code email} if it is the username
     * of an active user of {@code tenantId}, and otherwise does nothing. Only malformed input is refused;
     * for everything else the caller learns nothing: an unknown tenant or address, a suspended or
     * provisioning user, a request over the limit, and any failure on the way (logged) all return
     * the same way. (The handler also makes every answer take the same time.)
     *
     * <p>Steps: count the request (always, so the work does not depend on the address), find the
     * username marker, read user and tenant together, ask for the ticket, send the mail.
     */
    public void requestPasswordReset(Map<String, Object> body) {
        requestPasswordReset(null, body);
    }

    /**
     * {@link #requestPasswordReset(Map)} in request {@code requestId}: a mail that goes is recorded in
     * the user's audit trail with the user themself as the actor (the request has no caller).
     */
    public void requestPasswordReset(String requestId, Map<String, Object> body) {
        UserInput input = new UserInput();
        body.keySet().stream().filter(key -> !key.equals("tenantId") && !key.equals("email"))
                .forEach(key -> input.error(key, key + " is not part of a password reset request; send tenantId and email."));
        Object tenantId = body.get("tenantId");
        if (!(tenantId instanceof String t) || !Identifiers.isId(t)) {
            input.error("tenantId", "tenantId must be the portal's tenant id (letters, digits, _ and -).");
        }
        String email = null;
        if (body.get("email") == null) {
            input.error("email", "email is required.");
        } else {
            try {
                email = (String) UserField.USERNAME.parse(body.get("email"));
            } catch (Invalid e) {
                input.error("email", asEmail(e));
            }
        }
        input.throwIfInvalid();
        String tenant = (String) tenantId;
        try {
            if (!limiter.tryCount(tenant, email, RESET_LIMIT, RESET_WINDOW, clock.instant())) {
                Log.warn("public password reset over the limit", "tenantId", tenant, "to", Log.mask(email));
                return;
            }
            Optional<String> userId = users.userIdByUsername(tenant, email);
            if (userId.isEmpty()) {
                Log.info("public password reset for an unknown address", "tenantId", tenant, "to", Log.mask(email));
                return;
            }
            Snapshot snapshot = snapshots.fetch(tenant, Set.of(userId.get()), Set.of());
            Optional<User> user = snapshot.user(userId.get()).filter(u -> !u.suspended() && !u.provisioning());
            if (user.isEmpty() || snapshot.tenant().isEmpty()) {
                Log.info("public password reset for an inactive user", "tenantId", tenant, "userId", userId.get());
                return;
            }
            administration.deliverPasswordReset(new CallerId(tenant, userId.get(), requestId), snapshot.tenant().get(), user.get());
            Log.info("public password reset mailed", "tenantId", tenant, "userId", userId.get());
        } catch (RuntimeException e) {
            // Only an existing user gets as far as the identity provider and the mailer: a failure
            // there must look like every other answer.
            Log.error("public password reset failed", e, "tenantId", tenant, "to", Log.mask(email));
        }
    }
}
