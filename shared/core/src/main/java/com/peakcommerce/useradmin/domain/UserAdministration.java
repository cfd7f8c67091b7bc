package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProvider.LoginUpdate;
import com.peakcommerce.useradmin.ports.IdentityProvider.NewLogin;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ports.Mailer.Mail;
import com.peakcommerce.useradmin.ports.UserRepository;
import com.peakcommerce.useradmin.ports.UserRepository.Snapshot;
import com.peakcommerce.useradmin.ports.UserRepository.UsernameTaken;

import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creating and changing users (SPEC U1–U3, U6–U10): the table, the identity provider and the mailer.
 *
 * <p>The table and the identity provider are never both written in one step, so each operation is
 * ordered so that a failure after any step leaves a state that the same request, sent again,
 * completes. Each method says what a failure at each step leaves.
 */
public final class UserAdministration {
    private static final Set<String> CREATE_KEYS = Set.of("status", "activation");
    private static final Set<String> NOT_PATCHABLE = Set.of("id", "status", "version", "activation", "createdAt", "updatedAt");

    private final UserRepository repository;
    private final IdentityProvider identityProvider;
    private final Mailer mailer;
    private final Clock clock;
    private final Supplier<String> ids;

    public UserAdministration(UserRepository repository, IdentityProvider identityProvider, Mailer mailer, Clock clock, Supplier<String> ids) {
        this.repository = repository;
        this.identityProvider = identityProvider;
        this.mailer = mailer;
        this.clock = clock;
        this.ids = ids;
    }

    /** What a create did: the user, and how they get their password. */
    public record Created(User user, Activation activation, String activationSentTo, boolean activationMailed) {}

    /**
     * Creates a user (U1–U3). Steps, and what a failure after each leaves:
     * <ol>
     *   <li>one batched read: caller, tenant, referenced users and profile — nothing written;</li>
     *   <li>user (PROVISIONING) and username marker in one transaction — the username is reserved; a
     *       retry finds its own PROVISIONING user behind the marker and resumes from step 3;</li>
     *   <li>the login, under the service's user id — a retry's create finds it and carries on;
     *       a definite refusal (email held by another login, password policy) removes the record again;</li>
     *   <li>the set-password link — nothing new is stored; a retry asks for another;</li>
     *   <li>the record leaves PROVISIONING (conditional on its version) — the user is complete;</li>
     *   <li>the activation mail — the user exists either way; the answer says whether the mail went, and
     *       a mail that did not go is marked owed on the record ({@link User.PendingMail#ACTIVATION}) for
     *       the {@link Reconciler} to resend.</li>
     * </ol>
     */
    public Created create(CallerId callerId, Map<String, Object> body) {
        UserInput input = new UserInput();
        Map<UserField, Object> fields = present(input.fields(body, CREATE_KEYS), input);
        // A Partner Account Executive created by a Partner Admin is tied to them unless they name another
        // Partner Admin (SPEC U1, R3): the caller stands in until their record says whether they are one.
        boolean tiedToCaller = fields.get(UserField.ROLE) == Role.PARTNER_ACCOUNT_EXECUTIVE && !fields.containsKey(UserField.PARTNER_ADMIN_ID);
        if (tiedToCaller) fields.put(UserField.PARTNER_ADMIN_ID, callerId.userId());
        input.checkRoleRules(fields);
        boolean suspended = parseInitialStatus(body.get("status"), input);
        Activation activation = Activation.parse(body.get("activation"), fields, input);
        input.throwIfInvalid();

        Role role = (Role) fields.get(UserField.ROLE);
        Set<String> userIds = new HashSet<>(UserInput.referenced(fields, UserField.Kind.USER));
        userIds.add(callerId.userId());
        Snapshot snapshot = repository.fetch(callerId.tenantId(), userIds, UserInput.referenced(fields, UserField.Kind.PROFILE));
        User caller = Policy.userManager(snapshot.user(callerId.userId()));
        Policy.requireMayAssign(caller, role);
        // R3: in either realm the Partner Admin may tie the new user to any Partner Admin of the tenant (the
        // seed's dropdown); the default is themselves. Choosing another does not lose the user from a
        // "created or assigned" realm: they stay in it as its creator (User.createdBy, the byCreator index).
        Set<UserField> set = new HashSet<>(fields.keySet());
        set.remove(UserField.ROLE);
        if (tiedToCaller) set.remove(UserField.PARTNER_ADMIN_ID);
        Policy.requireMaySet(caller, set);
        if (tiedToCaller && !Policy.tiesNewPartnerAccountExecutivesToCreator(caller)) {
            throw new Invalid("partnerAdminId", "partnerAdminId is required for " + Role.PARTNER_ACCOUNT_EXECUTIVE + " users.");
        }
        input.checkReferences(fields, snapshot);
        input.throwIfInvalid();
        Tenant tenant = snapshot.tenant().orElseThrow(() -> new NotFound("No such tenant."));
        return insertAndProvision(callerId, tenant, User.created(tenant.id(), ids.get(), fields, suspended, caller.id(), clock.instant()), activation);
    }

    /**
     * Creates a tenant and its first Global Admin, for the operator (no caller: whoever may invoke the
     * operator function may do this). Sent again after a failure, it finishes the same tenant and admin.
     */
    public Created bootstrapTenant(String tenantId, String tenantName, String connection, Map<String, Object> admin) {
        UserInput input = new UserInput();
        if (tenantId == null || tenantId.length() > 40 || !tenantId.matches("^[a-z0-9](?:-?[a-z0-9])+$")) input.error("tenantId", "tenantId must be 2 to 40 lower-case letters and digits, with single inner hyphens.");
        if (tenantName == null || tenantName.isBlank() || tenantName.length() > 100 || Text.problem(tenantName) != null) input.error("tenantName", "tenantName is required: one line of at most 100 characters.");
        if (connection != null && !Tenant.isConnectionName(connection)) input.error("connection", "connection must be an identity-provider connection name: letters, digits and single inner hyphens, at most 128.");
        Map<String, Object> body = new java.util.HashMap<>(admin);
        body.put("role", Role.GLOBAL_ADMIN.name());
        Map<UserField, Object> fields = present(input.fields(body, CREATE_KEYS), input);
        input.checkRoleRules(fields);
        input.throwIfInvalid();
        // The tenant record first (it names the connection), then the connection, then the admin: sent again
        // after a failure at any step, the bootstrap finds what is done (the tenant as first recorded, a
        // connection that exists) and finishes the rest.
        Tenant tenant = new Tenant(tenantId, tenantName.strip(), connection != null ? connection : Tenant.defaultConnection(tenantId), clock.instant());
        try {
            repository.insertTenant(tenant);
        } catch (Conflict exists) {
            tenant = repository.fetch(tenantId, Set.of(), Set.of()).tenant().orElseThrow();
        }
        try {
            identityProvider.ensureConnection(tenant.connection());
        } catch (IdentityProviderException e) {
            if (e.reason() == IdentityProviderException.Reason.UNAVAILABLE) throw unavailable(e);
            throw new Invalid("connection", "The identity provider refused the connection " + tenant.connection() + ": " + e.getMessage());
        }
        return insertAndProvision(new CallerId(tenantId, AuditEntry.OPERATOR), tenant,
                User.created(tenantId, ids.get(), fields, false, "operator", clock.instant()), Activation.DEFAULT);
    }

    private Created insertAndProvision(CallerId actor, Tenant tenant, User user, Activation activation) {
        User created = user;
        try {
            // A resumed create writes no second entry: its first attempt's insert wrote it with the user.
            repository.insert(user, audit(actor, user, AuditEntry.Action.USER_CREATED, AuditEntry.changes(Map.of(), user.fields()),
                    user.suspended() ? Map.of("status", UserStatus.SUSPENDED.name()) : Map.of()));
        } catch (UsernameTaken taken) {
            created = resumable(tenant.id(), taken.holderId(), user)
                    .orElseThrow(() -> new Conflict("username", "The username " + user.username() + " is already in use."));
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

    /** A user left PROVISIONING by an earlier attempt at the same create, which this request may finish. */
    private Optional<User> resumable(String tenantId, String holderId, User attempt) {
        return repository.user(tenantId, holderId)
                .filter(User::provisioning)
                .filter(holder -> holder.fields().equals(attempt.fields()) && holder.suspended() == attempt.suspended());
    }

    private Created provision(CallerId actor, Tenant tenant, User user, Activation activation) {
        String password = activation instanceof Activation.Password p ? p.password() : null;
        try {
            identityProvider.createLogin(new NewLogin(user.id(), user.tenantId(), tenant.connection(), user.username(), user.firstName(), user.lastName(), password, user.suspended()));
        } catch (IdentityProviderException e) {
            if (e.reason() == IdentityProviderException.Reason.UNAVAILABLE) throw unavailable(e);
            // A definite refusal: release the username so the admin can correct and retry.
            repository.delete(user, audit(actor, user, AuditEntry.Action.USER_DELETED, AuditEntry.changes(user.fields(), Map.of()),
                    Map.of("reason", "The identity provider refused the new login (" + e.reason() + "); the create was rolled back.")));
            throw e.reason() == IdentityProviderException.Reason.CONFLICT
                    // The tenant's own connection: a login of this tenant that the service does not hold (never another tenant's).
                    ? new Conflict("username", "The identity provider already has a login with the email " + user.username() + " in this portal.")
                    : new Invalid(password != null ? "activation.password" : "username", "The identity provider refused the user: " + e.getMessage());
        }
        // A suspended user is created blocked and gets no link: it could not be used until an admin enables them.
        URI link = activation instanceof Activation.EmailLink && !user.suspended() ? ticket(() -> identityProvider.passwordChangeTicket(user.id())) : null;
        User active = user.provisioned().nextVersion(clock.instant());
        repository.replaceBookkeeping(user, active);
        Log.info("user created", "userId", active.id(), "role", active.role());
        if (link == null) return new Created(active, activation, null, false);
        String to = ((Activation.EmailLink) activation).recipient(active);
        if (send(MailTemplates.activation(tenant, active, to, link))) return new Created(active, activation, to, true);
        return new Created(owe(active, User.PendingMail.ACTIVATION), activation, to, false);
    }

    /**
     * Finishes what a request left half-done for {@code user} (the {@link Reconciler}'s step): a user still
     * provisioning is provisioned as a create would, with the default activation (a set-password link to
     * the username: a password the admin typed was never stored), or removed again when the identity
     * provider refuses them for good; a pending login update is sent; a mail still owed is sent again
     * (see {@link #resendOwedMail}). Returns {@code false} when the user was rolled back. A race with
     * another writer surfaces as {@code StaleVersion}; a mail that still cannot go as {@code Unavailable}.
     */
    public boolean settle(User user) {
        if (user.provisioning()) {
            Tenant tenant = repository.fetch(user.tenantId(), Set.of(), Set.of()).tenant().orElseThrow(() -> new NotFound("No such tenant."));
            try {
                provision(new CallerId(user.tenantId(), AuditEntry.RECONCILER), tenant, user, Activation.DEFAULT);
                return true;
            } catch (Conflict | Invalid refused) {
                Log.warn("provisioning rolled back", "userId", user.id(), "reason", refused.getMessage());
                return false;
            }
        }
        User current = user.loginUpdatePending() ? finishLoginUpdate(user, null) : user;
        if (current.pendingMail() != User.PendingMail.NONE) resendOwedMail(current);
        return true;
    }

    /**
     * Sends the mail {@code user} is owed, at most once however many reconcilers run: the mark is first
     * cleared by a write conditional on the version and the mark as read (the claim; a second runner's
     * claim fails with {@code StaleVersion} and it sends nothing), then a fresh ticket is asked for and the
     * mail sent. When that fails the mark is written back (conditional again) and {@code Unavailable}
     * thrown, so the next run tries again. A crash between the claim and the send loses the mail (logged
     * as claimed, never as sent). The activation goes to the username — the recipient the admin chose
     * at create is not stored. A suspended user is owed nothing: the mark is cleared without a mail
     * (an admin who enables them sends a password-reset or verification link, U9, U10).
     */
    private void resendOwedMail(User user) {
        Tenant tenant = repository.fetch(user.tenantId(), Set.of(), Set.of()).tenant().orElseThrow(() -> new NotFound("No such tenant."));
        User claimed = user.withPendingMail(User.PendingMail.NONE);
        repository.replacePendingMail(user, claimed);
        if (user.suspended()) {
            Log.warn("owed mail dropped: the user is suspended", "userId", user.id(), "mail", user.pendingMail());
            return;
        }
        Log.info("resending an owed mail", "userId", user.id(), "mail", user.pendingMail());
        try {
            Mail mail = switch (user.pendingMail()) {
                case ACTIVATION -> MailTemplates.activation(tenant, claimed, claimed.username(), ticket(() -> identityProvider.passwordChangeTicket(user.id())));
                case VERIFICATION -> MailTemplates.verifyEmail(tenant, claimed, ticket(() -> identityProvider.emailVerificationTicket(user.id())));
                case NONE -> throw new IllegalStateException();
            };
            deliver(mail);
        } catch (Unavailable stillFailing) {
            try {
                repository.replacePendingMail(claimed, user);
            } catch (StaleVersion | NotFound raced) {
                Log.error("owed mail dropped: the user changed while it was being sent", null, "userId", user.id(), "mail", user.pendingMail());
            }
            throw stillFailing;
        }
    }

    /**
     * Marks {@code user} as owed {@code mail} after a committed change whose mail did not go: same
     * version (nothing a person reads changed), conditional on the version and mark as read. A race with
     * another writer is logged and left: the mail is then lost, visibly.
     */
    private User owe(User user, User.PendingMail mail) {
        User marked = user.withPendingMail(mail);
        try {
            repository.replacePendingMail(user, marked);
            Log.warn("mail owed: the reconciler resends it", "userId", user.id(), "mail", mail);
            return marked;
        } catch (StaleVersion | NotFound raced) {
            Log.error("mail not sent and not marked owed: the user changed meanwhile", null, "userId", user.id(), "mail", mail);
            return user;
        }
    }

    /**
     * Edits a user (U6) as a JSON merge patch: a field set to {@code null} is removed. Steps:
     * <ol>
     *   <li>one batched read: caller, target, new references;</li>
     *   <li>the record (and the username marker, moved in the same transaction), conditional on the
     *       version the caller read, with "login update pending" set when email or names changed;</li>
     *   <li>the login's email and names — on failure the record keeps the pending mark and the caller
     *       gets 503; the same request sent again finds its change applied and finishes this step;</li>
     *   <li>the pending mark cleared (no new version: nothing a person sees changed);</li>
     *   <li>a changed username: a verification mail to the new address; one that does not go (no ticket
     *       from the identity provider, or the mailer failing) is marked owed ({@link User.PendingMail#VERIFICATION}) for the {@link Reconciler} to resend.</li>
     * </ol>
     */
    public User update(CallerId callerId, String userId, Long expectedVersion, Map<String, Object> body) {
        if (expectedVersion == null) throw new VersionRequired();
        UserInput input = new UserInput();
        for (String key : NOT_PATCHABLE) {
            if (body.containsKey(key)) input.error(key, key + " cannot be changed here" + ("status".equals(key) ? "; use /suspend and /enable." : "."));
        }
        Map<UserField, Optional<Object>> patch = input.fields(body, NOT_PATCHABLE);
        input.throwIfInvalid();

        Set<String> userIds = new HashSet<>(UserInput.referenced(patch, UserField.Kind.USER));
        userIds.add(callerId.userId());
        userIds.add(userId);
        Snapshot snapshot = repository.fetch(callerId.tenantId(), userIds, UserInput.referenced(patch, UserField.Kind.PROFILE));
        Policy.decide(snapshot.user(callerId.userId()), Policy.Action.EDIT, snapshot.user(userId)).orThrow();
        User caller = snapshot.user(callerId.userId()).orElseThrow();
        User target = snapshot.user(userId).orElseThrow();
        Policy.requireMaySet(caller, patch.keySet());
        if (patch.getOrDefault(UserField.ROLE, Optional.empty()).orElse(null) instanceof Role newRole && newRole != target.role()) {
            Policy.requireMayAssign(caller, newRole);
        }
        return edit(callerId, snapshot, target, expectedVersion, patch, input);
    }

    /**
     * Steps 2–5 of {@link #update}, once the caller may change {@code target}: shared by the admin's
     * edit and the user's own (SPEC S1, S2), so a name or username changed either way moves the marker,
     * updates the login and mails the verification link alike. {@code snapshot} holds the tenant and
     * every user and profile the patch refers to.
     */
    User edit(CallerId actor, Snapshot snapshot, User target, long expectedVersion, Map<UserField, Optional<Object>> patch, UserInput input) {
        Map<UserField, Object> merged = merge(target.fields(), patch);
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
        User after = target.withFields(merged)
                .withFlags(false, target.suspended(), target.verified() && !usernameChanged, loginChanged)
                .nextVersion(clock.instant());
        try {
            repository.replace(target, after, audit(actor, target,
                    usernameChanged ? AuditEntry.Action.USERNAME_CHANGED : AuditEntry.Action.USER_UPDATED,
                    AuditEntry.changes(target.fields(), merged), Map.of()));
        } catch (UsernameTaken taken) {
            throw new Conflict("username", "The username " + merged.get(UserField.USERNAME) + " is already in use.");
        }
        Log.info("user updated", "userId", target.id(), "fields", patch.keySet().stream().map(UserField::jsonName).toList());
        if (!loginChanged) return after;
        return finishLoginUpdate(after, usernameChanged ? snapshot.tenant().orElse(null) : null);
    }

    private User finishLoginUpdate(User user, Tenant mailVerificationFor) {
        try {
            identityProvider.updateLogin(user.id(), new LoginUpdate(user.username(), user.firstName(), user.lastName()));
        } catch (IdentityProviderException e) {
            throw unavailable(e);
        }
        User synced = user.withFlags(user.provisioning(), user.suspended(), user.verified(), false);
        try {
            repository.replaceBookkeeping(user, synced); // same version: nothing a person reads has changed
        } catch (StaleVersion raced) {
            // Someone changed the user meanwhile; their write carries the pending mark and will finish it.
            return user;
        }
        if (mailVerificationFor != null) {
            // The change is committed: a link that cannot be had or a mail that cannot go is owed, not an error.
            // An activation still owed stays owed (it goes to the new username); otherwise the verification is.
            boolean sent;
            try {
                URI link = ticket(() -> identityProvider.emailVerificationTicket(user.id()));
                sent = send(MailTemplates.verifyEmail(mailVerificationFor, synced, link));
            } catch (Unavailable noTicket) {
                sent = false;
            }
            if (!sent && synced.pendingMail() != User.PendingMail.ACTIVATION) return owe(synced, User.PendingMail.VERIFICATION);
        }
        return synced;
    }

    /**
     * Suspends a user (U8): blocks the login first, then marks the record. A failure after the block
     * leaves a blocked login on an active record: the user cannot log in, and a retry completes the record.
     */
    public User suspend(CallerId callerId, String userId) {
        return setSuspended(callerId, userId, true);
    }

    /**
     * Enables a user (U8): unblocks the login first, then marks the record. A failure after the unblock
     * leaves the record suspended (the post-login hook still refuses them) until a retry completes it.
     */
    public User enable(CallerId callerId, String userId) {
        return setSuspended(callerId, userId, false);
    }

    private User setSuspended(CallerId callerId, String userId, boolean suspend) {
        User target = Access.checked(repository, callerId, userId, suspend ? Policy.Action.SUSPEND : Policy.Action.ENABLE).target();
        if (target.provisioning()) throw new Conflict(null, "The user is still being provisioned; try again shortly.");
        if (target.suspended() == suspend) return target;
        try {
            if (suspend) identityProvider.block(userId);
            else identityProvider.unblock(userId);
        } catch (IdentityProviderException e) {
            throw unavailable(e);
        }
        User after = target.suspended(suspend).nextVersion(clock.instant());
        repository.replace(target, after, audit(callerId, target, suspend ? AuditEntry.Action.USER_SUSPENDED : AuditEntry.Action.USER_ENABLED,
                Map.of("status", new AuditEntry.Change(target.status().name(), after.status().name())), Map.of()));
        Log.info(suspend ? "user suspended" : "user enabled", "userId", userId);
        return after;
    }

    /**
     * Deletes a user (U7): the login first, then the record and its username marker together. A failure
     * after the login is gone leaves a record without a login; a retry (the login's absence counts as
     * deleted) removes the record.
     */
    public void delete(CallerId callerId, String userId) {
        User target = Access.checked(repository, callerId, userId, Policy.Action.DELETE).target();
        try {
            identityProvider.deleteLogin(userId);
        } catch (IdentityProviderException e) {
            throw unavailable(e);
        }
        repository.delete(target, audit(callerId, target, AuditEntry.Action.USER_DELETED, AuditEntry.changes(target.fields(), Map.of()), Map.of()));
        Log.info("user deleted", "userId", userId);
    }

    /**
     * Mails the user a link to choose a new password (U9), then records it in their audit trail.
     * Returns the address it went to.
     */
    public String sendPasswordReset(CallerId callerId, String userId) {
        var target = mailable(callerId, userId, Policy.Action.RESET_PASSWORD);
        return deliverPasswordReset(callerId, target.tenant(), target.user());
    }

    /**
     * Mails {@code user} a password-change link (U9, and the user's own reset, S3), then adds the audit
     * entry ({@code actor} asked for it). A failure of the identity provider or the mailer is
     * {@link Unavailable} and writes nothing; a failure of the entry after the mail went fails the
     * request, and a retry sends another mail (recorded then). Returns the address.
     */
    String deliverPasswordReset(CallerId actor, Tenant tenant, User user) {
        URI link = ticket(() -> identityProvider.passwordChangeTicket(user.id()));
        deliver(MailTemplates.passwordReset(tenant, user, link));
        repository.audit(mailed(actor, user, AuditEntry.Action.PASSWORD_RESET_SENT, user.username()));
        return user.username();
    }

    /**
     * Mails the user a link that verifies their username (U10), then records it in their audit trail.
     * Returns the address it went to.
     */
    public String sendVerificationEmail(CallerId callerId, String userId) {
        var target = mailable(callerId, userId, Policy.Action.SEND_VERIFICATION_EMAIL);
        URI link = ticket(() -> identityProvider.emailVerificationTicket(userId));
        deliver(MailTemplates.verifyEmail(target.tenant(), target.user(), link));
        repository.audit(mailed(callerId, target.user(), AuditEntry.Action.VERIFICATION_MAIL_SENT, target.user().username()));
        return target.user().username();
    }

    /** An entry on {@code user}'s trail, by {@code actor} in their request, now. */
    private AuditEntry audit(CallerId actor, User user, AuditEntry.Action action, Map<String, AuditEntry.Change> changes, Map<String, String> details) {
        return AuditEntry.ofUser(actor, user.id(), action, clock.instant(), changes, details);
    }

    /** The entry of a mail that went: the recipient masked, never the link. */
    private AuditEntry mailed(CallerId actor, User user, AuditEntry.Action action, String to) {
        return audit(actor, user, action, Map.of(), Map.of("to", Log.mask(to)));
    }

    private record Mailable(Tenant tenant, User user) {}

    private Mailable mailable(CallerId callerId, String userId, Policy.Action action) {
        var managed = Access.checked(repository, callerId, userId, action);
        User target = managed.target();
        if (target.provisioning()) throw new Conflict(null, "The user is still being provisioned; try again shortly.");
        if (target.suspended()) throw new Conflict(null, "The user is suspended; enable them first.");
        return new Mailable(managed.snapshot().tenant().orElseThrow(() -> new NotFound("No such tenant.")), target);
    }

    private static boolean parseInitialStatus(Object status, UserInput input) {
        if (status == null || "ACTIVE".equals(status)) return false;
        if ("SUSPENDED".equals(status)) return true;
        input.error("status", "status must be ACTIVE or SUSPENDED.");
        return false;
    }

    private static Map<UserField, Object> present(Map<UserField, Optional<Object>> parsed, UserInput input) {
        Map<UserField, Object> fields = new EnumMap<>(UserField.class);
        parsed.forEach((field, value) -> {
            if (value.isPresent()) fields.put(field, value.get());
            else input.error(field.jsonName(), field.jsonName() + " must not be null.");
        });
        return fields;
    }

    private static Map<UserField, Object> merge(Map<UserField, Object> fields, Map<UserField, Optional<Object>> patch) {
        Map<UserField, Object> merged = new EnumMap<>(UserField.class);
        merged.putAll(fields);
        patch.forEach((field, value) -> {
            if (value.isPresent()) merged.put(field, value.get());
            else merged.remove(field);
        });
        return merged;
    }

    private static URI ticket(Supplier<URI> request) {
        try {
            return request.get();
        } catch (IdentityProviderException e) {
            throw unavailable(e);
        }
    }

    /** Sends a mail that is the whole point of the request: failing to send it fails the request. */
    private void deliver(Mail mail) {
        try {
            mailer.send(mail);
        } catch (Mailer.MailException e) {
            Log.error("mail not sent", e, "to", Log.mask(mail.to()));
            throw new Unavailable("The mail could not be sent; try again shortly.");
        }
    }

    /** Sends a mail that follows a committed change: a failure is logged and reported, never undoes the change. */
    private boolean send(Mail mail) {
        try {
            mailer.send(mail);
            return true;
        } catch (Mailer.MailException e) {
            Log.error("mail not sent", e, "to", Log.mask(mail.to()));
            return false;
        }
    }

    private static Unavailable unavailable(IdentityProviderException e) {
        Log.error("identity provider failed", e, "reason", e.reason());
        return new Unavailable("The identity provider did not answer; send the same request again shortly.");
    }
}
