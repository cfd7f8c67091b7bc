package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.AuditTrail;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Users;

import java.time.Clock;
import java.util.Map;

/**
 * Suspend, enable and delete (U7, U8), and the links an admin sends (U9, U10). Each writes the identity
 * provider first and the record second, so a retry after a failure between them completes the record.
 */
final class UserLifecycle {
    private final Snapshots snapshots;
    private final Users users;
    private final AuditTrail trail;
    private final IdentityProvider identityProvider;
    private final UserMail mail;
    private final Clock clock;

    UserLifecycle(Snapshots snapshots, Users users, AuditTrail trail, IdentityProvider identityProvider, UserMail mail, Clock clock) {
        this.snapshots = snapshots;
        this.users = users;
        this.trail = trail;
        this.identityProvider = identityProvider;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * Suspending blocks the login first: a failure after it leaves a blocked login on an active record (the user
     * cannot log in). Enabling unblocks first: the record stays suspended (the post-login hook still refuses them)
     * until a retry completes it.
     */
    User setSuspended(CallerId callerId, String userId, boolean suspend) {
        User target = Access.checked(snapshots, callerId, userId, suspend ? Policy.Action.SUSPEND : Policy.Action.ENABLE).target();
        if (target.provisioning()) throw new Conflict(null, "The user is still being provisioned; try again shortly.");
        if (target.suspended() == suspend) return target;
        try {
            if (suspend) identityProvider.block(userId);
            else identityProvider.unblock(userId);
        } catch (IdentityProviderException e) {
            throw UserMail.unavailable(e);
        }
        User after = target.suspended(suspend).nextVersion(clock.instant());
        users.replace(target, after, AuditEntry.ofUser(callerId, target.id(), suspend ? AuditEntry.Action.USER_SUSPENDED : AuditEntry.Action.USER_ENABLED,
                clock.instant(), Map.of("status", new AuditEntry.Change(target.status().name(), after.status().name())), Map.of()));
        Log.info(suspend ? "user suspended" : "user enabled", "userId", userId);
        return after;
    }

    /** The login first, then the record and its marker: a retry (a missing login counts as deleted) removes a record left behind. */
    void delete(CallerId callerId, String userId) {
        User target = Access.checked(snapshots, callerId, userId, Policy.Action.DELETE).target();
        try {
            identityProvider.deleteLogin(userId);
        } catch (IdentityProviderException e) {
            throw UserMail.unavailable(e);
        }
        users.delete(target, AuditEntry.ofUser(callerId, target.id(), AuditEntry.Action.USER_DELETED, clock.instant(),
                AuditEntry.changes(target.fields(), Map.of()), Map.of()));
        Log.info("user deleted", "userId", userId);
    }

    String sendPasswordReset(CallerId callerId, String userId) {
        Access.Managed target = mailable(callerId, userId, Policy.Action.RESET_PASSWORD);
        return deliverPasswordReset(callerId, target.snapshot().tenant().orElseThrow(), target.target());
    }

    /**
     * Mails {@code user} a password-change link (U9, and the user's own reset, S3), then adds the audit entry
     * ({@code actor} asked for it). A failure of the identity provider or the mailer is {@code Unavailable} and
     * writes nothing; a failure of the entry after the mail went fails the request, and a retry sends another
     * mail (recorded then). Returns the address.
     */
    String deliverPasswordReset(CallerId actor, Tenant tenant, User user) {
        mail.deliver(MailTemplates.passwordReset(tenant, user, mail.passwordLink(user)));
        trail.audit(mailed(actor, user, AuditEntry.Action.PASSWORD_RESET_SENT));
        return user.username();
    }

    String sendVerificationEmail(CallerId callerId, String userId) {
        Access.Managed target = mailable(callerId, userId, Policy.Action.SEND_VERIFICATION_EMAIL);
        User user = target.target();
        mail.deliver(MailTemplates.verifyEmail(target.snapshot().tenant().orElseThrow(), user, mail.verificationLink(user)));
        trail.audit(mailed(callerId, user, AuditEntry.Action.VERIFICATION_MAIL_SENT));
        return user.username();
    }

    /** The entry of a mail that went: the recipient masked, never the link. */
    private AuditEntry mailed(CallerId actor, User user, AuditEntry.Action action) {
        return AuditEntry.ofUser(actor, user.id(), action, clock.instant(), Map.of(), Map.of("to", Log.mask(user.username())));
    }

    private Access.Managed mailable(CallerId callerId, String userId, Policy.Action action) {
        Access.Managed managed = Access.checked(snapshots, callerId, userId, action);
        if (managed.target().provisioning()) throw new Conflict(null, "The user is still being provisioned; try again shortly.");
        if (managed.target().suspended()) throw new Conflict(null, "The user is suspended; enable them first.");
        if (managed.snapshot().tenant().isEmpty()) throw new NotFound("No such tenant.");
        return managed;
    }
}
