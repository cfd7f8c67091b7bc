package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Snapshots.Snapshot;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.Users;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creating and changing users (SPEC U1–U3, U6–U10), each job in its own class: {@link UserDrafts} (bodies to
 * fields, pure), {@link Provisioning} (the create saga), {@code UserEdits}, {@code UserLifecycle},
 * {@code UserMail} and {@code TenantBootstrap}. The table and the identity provider are never both written in
 * one step, so each operation is ordered so that the same request, sent again, completes what a failure left.
 */
public final class UserAdministration {
    private final Snapshots snapshots;
    private final Users users;
    private final Supplier<String> ids;
    private final Clock clock;
    private final UserMail mail;
    private final Provisioning provisioning;
    private final UserEdits edits;
    private final UserLifecycle lifecycle;
    private final TenantBootstrap bootstrap;

    public UserAdministration(Stores stores, IdentityProvider identityProvider, Mailer mailer, Clock clock, Supplier<String> ids) {
        this.snapshots = stores.snapshots();
        this.users = stores.users();
        this.ids = ids;
        this.clock = clock;
        this.mail = new UserMail(snapshots, users, identityProvider, mailer);
        this.provisioning = new Provisioning(snapshots, users, identityProvider, mail, clock);
        this.edits = new UserEdits(snapshots, users, identityProvider, mail, clock);
        this.lifecycle = new UserLifecycle(snapshots, users, stores.auditTrail(), identityProvider, mail, clock);
        this.bootstrap = new TenantBootstrap(snapshots, stores.tenants(), identityProvider, provisioning, clock, ids);
    }

    /** Creates a user under a new id (U1–U3): see {@link #create(CallerId, String, Map)}. */
    public Provisioning.Created create(CallerId callerId, Map<String, Object> body) {
        return create(callerId, ids.get(), body);
    }

    /**
     * Creates a user under {@code userId} (U1–U3): the body as a draft, one batched read (caller, tenant,
     * referenced users and profile), the policy, then the {@link Provisioning} saga. The same id and body sent
     * again (an import row run twice) resume or answer the user the first attempt created.
     */
    public Provisioning.Created create(CallerId callerId, String userId, Map<String, Object> body) {
        if (userId == null || !Identifiers.isId(userId)) throw new Invalid("id", "A user id must match " + Identifiers.ID_PATTERN + ".");
        UserDrafts.NewUser draft = UserDrafts.newUser(body, callerId.userId());
        Set<String> userIds = new HashSet<>(UserInput.referenced(draft.fields(), UserField.Kind.USER));
        userIds.add(callerId.userId());
        Snapshot snapshot = snapshots.fetch(callerId.tenantId(), userIds, UserInput.referenced(draft.fields(), UserField.Kind.PROFILE));
        User caller = Policy.userManager(snapshot.user(callerId.userId()));
        Policy.requireMayAssign(caller, draft.role());
        // R3: in either realm the Partner Admin may tie the new user to any Partner Admin of the tenant (the
        // seed's dropdown); the default is themselves. Choosing another does not lose the user from a
        // "created or assigned" realm: they stay in it as its creator (User.createdBy, the byCreator index).
        Set<UserField> set = new HashSet<>(draft.fields().keySet());
        set.remove(UserField.ROLE);
        if (draft.tiedToCaller()) set.remove(UserField.PARTNER_ADMIN_ID);
        Policy.requireMaySet(caller, set);
        if (draft.tiedToCaller() && !Policy.tiesNewPartnerAccountExecutivesToCreator(caller)) {
            throw new Invalid("partnerAdminId", "partnerAdminId is required for " + Role.PARTNER_ACCOUNT_EXECUTIVE + " users.");
        }
        UserInput references = new UserInput();
        references.checkReferences(draft.fields(), snapshot);
        references.throwIfInvalid();
        Tenant tenant = snapshot.tenant().orElseThrow(() -> new NotFound("No such tenant."));
        return provisioning.run(callerId, tenant, User.created(tenant.id(), userId, draft.fields(), draft.suspended(), caller.id(), clock.instant()),
                draft.activation());
    }

    /** A tenant and its first Global Admin, for the operator; sent again, it finishes the same tenant. */
    public Provisioning.Created bootstrapTenant(String tenantId, String tenantName, String connection, Map<String, Object> admin) {
        return bootstrap.bootstrap(tenantId, tenantName, connection, admin);
    }

    /**
     * Finishes what a request left half-done for {@code user} (the {@link Reconciler}'s step): provisioning
     * resumed (or rolled back: {@code false}), a pending login update sent, an owed mail sent again. A race
     * with another writer surfaces as {@code StaleVersion}; a mail that still cannot go as {@code Unavailable}.
     */
    public boolean settle(User user) {
        if (user.provisioning()) return provisioning.resume(user);
        User current = user.loginUpdatePending() ? edits.finishLoginUpdate(user, null) : user;
        if (current.pendingMail() != User.PendingMail.NONE) mail.resendOwed(current);
        return true;
    }

    /** Edits a user (U6) as a JSON merge patch at {@code expectedVersion}: see {@code UserEdits}. */
    public User update(CallerId callerId, String userId, Long expectedVersion, Map<String, Object> body) {
        return edits.update(callerId, userId, expectedVersion, body);
    }

    /** The user's own edit (S1, S2), once {@link SelfService} has checked it. */
    User edit(CallerId actor, Snapshot snapshot, User target, long expectedVersion, Map<UserField, Optional<Object>> patch) {
        return edits.edit(actor, snapshot, target, expectedVersion, patch);
    }

    public User suspend(CallerId callerId, String userId) { return lifecycle.setSuspended(callerId, userId, true); }

    public User enable(CallerId callerId, String userId) { return lifecycle.setSuspended(callerId, userId, false); }

    public void delete(CallerId callerId, String userId) { lifecycle.delete(callerId, userId); }

    /** Mails the user a link to choose a new password (U9) and records it; returns the address. */
    public String sendPasswordReset(CallerId callerId, String userId) { return lifecycle.sendPasswordReset(callerId, userId); }

    /** The password-change link of {@code user} (U9, and the user's own reset, S3). */
    String deliverPasswordReset(CallerId actor, Tenant tenant, User user) { return lifecycle.deliverPasswordReset(actor, tenant, user); }

    /** Mails the user a link that verifies their username (U10) and records it; returns the address. */
    public String sendVerificationEmail(CallerId callerId, String userId) { return lifecycle.sendVerificationEmail(callerId, userId); }
}
