package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProvider.NewLogin;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Users;
import com.peakcommerce.useradmin.ports.Users.UsernameTaken;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The provisioning saga of a new user, once the caller may create them: the record, the login, the link, the
 * record complete, the mail. The user's id comes from the caller, so the same id sent again (a retried
 * request, a rerun import row) resumes where the first attempt stopped instead of creating a second user.
 *
 * <p>Steps, and what a failure after each leaves:
 * <ol>
 *   <li>user (PROVISIONING), username marker and the creation's audit entry in one transaction — a retry finds
 *       its own PROVISIONING user (by id, or behind the marker) and resumes from step 2;</li>
 *   <li>the login, under the service's user id — a retry's create finds it and carries on; a definite refusal
 *       (email held by another login, password policy) removes the record again, audited;</li>
 *   <li>the set-password link — nothing new is stored; a retry asks for another;</li>
 *   <li>the record leaves PROVISIONING (conditional on its version) — the user is complete;</li>
 *   <li>the activation mail — the user exists either way; a mail that did not go is marked owed on the record
 *       ({@link User.PendingMail#ACTIVATION}) for the {@link Reconciler} to resend.</li>
 * </ol>
 */
public final class Provisioning {
    /** What a create did: the user, and how they get their password. */
    public record Created(User user, Activation activation, String activationSentTo, boolean activationMailed) {}

    private final Snapshots snapshots;
    private final Users users;
    private final IdentityProvider identityProvider;
    private final UserMail mail;
    private final Clock clock;

    Provisioning(Snapshots snapshots, Users users, IdentityProvider identityProvider, UserMail mail, Clock clock) {
        this.snapshots = snapshots;
        this.users = users;
        this.identityProvider = identityProvider;
        this.mail = mail;
        this.clock = clock;
    }

    /** Runs the saga for {@code user} (new, PROVISIONING), created by {@code actor} in {@code tenant}. */
    Created run(CallerId actor, Tenant tenant, User user, Activation activation) {
        User created = user;
        try {
            users.insert(user, AuditEntry.ofUser(actor, user.id(), AuditEntry.Action.USER_CREATED, clock.instant(),
                    AuditEntry.changes(Map.of(), user.fields()), user.suspended() ? Map.of("status", UserStatus.SUSPENDED.name()) : Map.of()));
        } catch (UsernameTaken taken) {
            // A resumed create writes no second entry: its first attempt's insert wrote it with the user.
            created = sameCreate(tenant.id(), taken.holderId(), user).filter(User::provisioning)
                    .orElseThrow(() -> new Conflict("username", "The username " + user.username() + " is already in use."));
            Log.info("resuming a create left in provisioning", "userId", created.id());
        } catch (Conflict idTaken) {
            if (!"id".equals(idTaken.field())) throw idTaken;
            User earlier = sameCreate(tenant.id(), user.id(), user).orElseThrow(() -> idTaken);
            if (!earlier.provisioning()) {
                Log.info("a create already done: nothing more to do", "userId", earlier.id());
                return new Created(earlier, activation, null, false);
            }
            created = earlier;
            Log.info("resuming a create left in provisioning", "userId", created.id());
        }
        try {
            return provision(actor, tenant, created, activation);
        } catch (StaleVersion raced) {
            // Another request for the same user (a duplicate sent at the same time, or the reconciler)
            // finished it first: that one answered 201 and sent the mail; for this one the username is taken.
            throw new Conflict("username", "The username " + user.username() + " is already in use: another request created this user at the same time.");
        }
    }

    /**
     * The reconciler's step for a user left provisioning: provisioned with the default activation (a password the
     * admin typed was never stored), or removed again when the identity provider refuses them for good
     * ({@code false}).
     */
    boolean resume(User user) {
        Tenant tenant = snapshots.tenant(user.tenantId()).orElseThrow(() -> new NotFound("No such tenant."));
        try {
            provision(new CallerId(user.tenantId(), AuditEntry.RECONCILER), tenant, user, Activation.DEFAULT);
            return true;
        } catch (Conflict | Invalid refused) {
            Log.warn("provisioning rolled back", "userId", user.id(), "reason", refused.getMessage());
            return false;
        }
    }

    /** The stored user {@code id}, if an earlier attempt at the same create (same fields, same status) wrote it. */
    private Optional<User> sameCreate(String tenantId, String id, User attempt) {
        return users.user(tenantId, id)
                .filter(holder -> holder.fields().equals(attempt.fields()) && holder.suspended() == attempt.suspended());
    }

    private Created provision(CallerId actor, Tenant tenant, User user, Activation activation) {
        String password = activation instanceof Activation.Password p ? p.password() : null;
        try {
            identityProvider.createLogin(new NewLogin(user.id(), user.tenantId(), tenant.connection(), user.username(), user.firstName(), user.lastName(), password, user.suspended()));
        } catch (IdentityProviderException e) {
            if (e.reason() == IdentityProviderException.Reason.UNAVAILABLE) throw UserMail.unavailable(e);
            // A definite refusal: release the username so the admin can correct and retry.
            users.delete(user, AuditEntry.ofUser(actor, user.id(), AuditEntry.Action.USER_DELETED, clock.instant(), AuditEntry.changes(user.fields(), Map.of()),
                    Map.of("reason", "The identity provider refused the new login (" + e.reason() + "); the create was rolled back.")));
            throw e.reason() == IdentityProviderException.Reason.CONFLICT
                    // The tenant's own connection: a login of this tenant that the service does not hold (never another tenant's).
                    ? new Conflict("username", "The identity provider already has a login with the email " + user.username() + " in this portal.")
                    : new Invalid(password != null ? "activation.password" : "username", "The identity provider refused the user: " + e.getMessage());
        }
        // A suspended user is created blocked and gets no link: it could not be used until an admin enables them.
        URI link = activation instanceof Activation.EmailLink && !user.suspended() ? mail.passwordLink(user) : null;
        User active = user.provisioned().nextVersion(clock.instant());
        users.replaceBookkeeping(user, active);
        Log.info("user created", "userId", active.id(), "role", active.role());
        if (link == null) return new Created(active, activation, null, false);
        String to = ((Activation.EmailLink) activation).recipient(active);
        if (mail.send(MailTemplates.activation(tenant, active, to, link))) return new Created(active, activation, to, true);
        return new Created(mail.owe(active, User.PendingMail.ACTIVATION), activation, to, false);
    }
}
