package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProvider.LoginUpdate;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Snapshots.Snapshot;
import com.peakcommerce.useradmin.ports.Users;
import com.peakcommerce.useradmin.ports.Users.UsernameTaken;

import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Edits of a user (U6) as JSON merge patches, by an admin or by the user (SPEC S1, S2). Steps:
 * <ol>
 *   <li>one batched read: caller, target, new references;</li>
 *   <li>the record (and the username marker, moved in the same transaction), conditional on the version the
 *       caller read, with "login update pending" set when email or names changed;</li>
 *   <li>the login's email and names — on failure the record keeps the pending mark and the caller gets 503;
 *       the same request sent again finds its change applied and finishes this step;</li>
 *   <li>the pending mark cleared (no new version: nothing a person sees changed);</li>
 *   <li>a changed username: a verification mail to the new address; one that does not go is marked owed
 *       ({@link User.PendingMail#VERIFICATION}) for the {@link Reconciler} to resend.</li>
 * </ol>
 */
final class UserEdits {
    private final Snapshots snapshots;
    private final Users users;
    private final IdentityProvider identityProvider;
    private final UserMail mail;
    private final Clock clock;

    UserEdits(Snapshots snapshots, Users users, IdentityProvider identityProvider, UserMail mail, Clock clock) {
        this.snapshots = snapshots;
        this.users = users;
        this.identityProvider = identityProvider;
        this.mail = mail;
        this.clock = clock;
    }

    User update(CallerId callerId, String userId, Long expectedVersion, Map<String, Object> body) {
        if (expectedVersion == null) throw new VersionRequired();
        Map<UserField, Optional<Object>> patch = UserDrafts.patch(body);
        Set<String> userIds = new HashSet<>(UserInput.referenced(patch, UserField.Kind.USER));
        userIds.add(callerId.userId());
        userIds.add(userId);
        Snapshot snapshot = snapshots.fetch(callerId.tenantId(), userIds, UserInput.referenced(patch, UserField.Kind.PROFILE));
        Policy.decide(snapshot.user(callerId.userId()), Policy.Action.EDIT, snapshot.user(userId)).orThrow();
        User caller = snapshot.user(callerId.userId()).orElseThrow();
        User target = snapshot.user(userId).orElseThrow();
        Policy.requireMaySet(caller, patch.keySet());
        if (patch.getOrDefault(UserField.ROLE, Optional.empty()).orElse(null) instanceof Role newRole && newRole != target.role()) {
            Policy.requireMayAssign(caller, newRole);
        }
        return edit(callerId, snapshot, target, expectedVersion, patch);
    }

    /**
     * Steps 2–5, once the caller may change {@code target}: shared by the admin's edit and the user's own, so a
     * name or username changed either way moves the marker, updates the login and mails the link alike.
     * {@code snapshot} holds the tenant and every user and profile the patch refers to.
     */
    User edit(CallerId actor, Snapshot snapshot, User target, long expectedVersion, Map<UserField, Optional<Object>> patch) {
        UserInput input = new UserInput();
        Map<UserField, Object> merged = UserDrafts.merge(target.fields(), patch);
        input.checkRoleRules(merged);
        Map<UserField, Object> added = new EnumMap<>(UserField.class);
        patch.forEach((field, value) -> value.ifPresent(v -> added.put(field, v)));
        input.checkReferences(added, snapshot);
        input.throwIfInvalid();

        if (target.version() != expectedVersion) {
            // A retry of a change that was applied but whose login update failed: finish it.
            if (merged.equals(target.fields()) && target.loginUpdatePending()) return finishLoginUpdate(target, null);
            throw new StaleVersion(target.version());
        }
        if (merged.equals(target.fields())) return target;
        if (target.provisioning()) throw new Conflict(null, "The user is still being provisioned; try again shortly.");

        boolean usernameChanged = !User.usernameKey(target.username()).equals(User.usernameKey((String) merged.get(UserField.USERNAME)));
        boolean loginChanged = usernameChanged || !target.firstName().equals(merged.get(UserField.FIRST_NAME)) || !target.lastName().equals(merged.get(UserField.LAST_NAME));
        // A new username owes its verification mail from this write on (an owed activation goes to it instead), so
        // that a retry or the reconciler finishing the login update still sends it.
        User after = target.withFields(merged)
                .withFlags(false, target.suspended(), target.verified() && !usernameChanged, loginChanged)
                .withPendingMail(usernameChanged && target.pendingMail() != User.PendingMail.ACTIVATION ? User.PendingMail.VERIFICATION : target.pendingMail())
                .nextVersion(clock.instant());
        try {
            users.replace(target, after, AuditEntry.ofUser(actor, target.id(),
                    usernameChanged ? AuditEntry.Action.USERNAME_CHANGED : AuditEntry.Action.USER_UPDATED, clock.instant(),
                    AuditEntry.changes(target.fields(), merged), Map.of()));
        } catch (UsernameTaken taken) {
            throw new Conflict("username", "The username " + merged.get(UserField.USERNAME) + " is already in use.");
        }
        Log.info("user updated", "userId", target.id(), "fields", patch.keySet().stream().map(UserField::jsonName).toList());
        if (!loginChanged) return after;
        return finishLoginUpdate(after, snapshot.tenant().orElse(null));
    }

    /**
     * Steps 3–5: the login updated, then the verification mail the record owes (a changed username) sent, then
     * the record's marks cleared in one bookkeeping write; a mail that did not go stays owed by that write.
     * {@code tenant} is the user's, if the caller read it (else it is read when a mail is owed).
     */
    User finishLoginUpdate(User user, Tenant tenant) {
        try {
            identityProvider.updateLogin(user.id(), new LoginUpdate(user.username(), user.firstName(), user.lastName()));
        } catch (IdentityProviderException e) {
            throw UserMail.unavailable(e);
        }
        User synced = user.withFlags(user.provisioning(), user.suspended(), user.verified(), false);
        if (user.pendingMail() == User.PendingMail.VERIFICATION) {
            // The change is committed: a link that cannot be had or a mail that cannot go is owed, not an error.
            Tenant portal = tenant != null ? tenant : snapshots.tenant(user.tenantId()).orElseThrow(() -> new DomainException.NotFound("No such tenant."));
            boolean sent;
            try {
                URI link = mail.verificationLink(synced);
                sent = mail.send(MailTemplates.verifyEmail(portal, synced, link));
            } catch (Unavailable noTicket) {
                sent = false;
            }
            if (sent) synced = synced.withPendingMail(User.PendingMail.NONE);
            else Log.warn("mail owed: the reconciler resends it", "userId", user.id(), "mail", User.PendingMail.VERIFICATION);
        }
        try {
            users.replaceBookkeeping(user, synced); // same version: nothing a person reads has changed
        } catch (StaleVersion raced) {
            // Someone changed the user meanwhile; their write carries the pending marks and will finish them.
            return user;
        }
        return synced;
    }
}
