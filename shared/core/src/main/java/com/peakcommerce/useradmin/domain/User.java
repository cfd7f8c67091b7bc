package com.peakcommerce.useradmin.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A portal user as the service keeps them. The admin-set fields live in {@code fields}; the rest is
 * the service's own state. Status is derived from the flags so that it can never disagree with them.
 *
 * @param provisioning the identity-provider login is not known to exist yet
 * @param suspended    blocked by an admin (the login is blocked too)
 * @param verified     has logged in with the current username verified
 * @param loginUpdatePending the record's email or names changed and the login has not been told yet
 * @param version      optimistic-locking counter, incremented by every write
 * @param pendingMail  a mail that followed a committed change and could not be sent: the reconciler resends it
 */
public record User(String tenantId, String id, Map<UserField, Object> fields, boolean provisioning,
                   boolean suspended, boolean verified, boolean loginUpdatePending, long version,
                   Instant createdAt, Instant updatedAt, String createdBy, Instant lastLoginAt, long loginCount,
                   PendingMail pendingMail) {

    /** The mail still owed to the user, if any. */
    public enum PendingMail { NONE, ACTIVATION, VERIFICATION }

    public User {
        if (pendingMail == null) pendingMail = PendingMail.NONE;
        EnumMap<UserField, Object> copy = new EnumMap<>(UserField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
    }

    public UserStatus status() {
        if (provisioning) return UserStatus.PROVISIONING;
        if (suspended) return UserStatus.SUSPENDED;
        return verified ? UserStatus.ACTIVE_VERIFIED : UserStatus.ACTIVE_UNVERIFIED;
    }

    public Role role() { return (Role) fields.get(UserField.ROLE); }

    public String username() { return (String) fields.get(UserField.USERNAME); }

    public String firstName() { return (String) fields.get(UserField.FIRST_NAME); }

    public String lastName() { return (String) fields.get(UserField.LAST_NAME); }

    public String text(UserField field) { return (String) fields.get(field); }

    /** The display name: as set, or "First Last" (seed 004). */
    public String displayName() {
        String set = text(UserField.DISPLAY_NAME);
        return set != null ? set : firstName() + " " + lastName();
    }

    /** A new user as an admin creates it: provisioning, unverified, at version 1. */
    public static User created(String tenantId, String id, Map<UserField, Object> fields, boolean suspended, String createdBy, Instant now) {
        return new User(tenantId, id, fields, true, suspended, false, false, 1, now, now, createdBy, null, 0, PendingMail.NONE);
    }

    public User withFields(Map<UserField, Object> newFields) {
        return new User(tenantId, id, newFields, provisioning, suspended, verified, loginUpdatePending, version, createdAt, updatedAt, createdBy, lastLoginAt, loginCount, pendingMail);
    }

    public User withFlags(boolean provisioning, boolean suspended, boolean verified, boolean loginUpdatePending) {
        return new User(tenantId, id, fields, provisioning, suspended, verified, loginUpdatePending, version, createdAt, updatedAt, createdBy, lastLoginAt, loginCount, pendingMail);
    }

    /** The same user, owing {@code mail} (or nothing); version unchanged. */
    public User withPendingMail(PendingMail mail) {
        return new User(tenantId, id, fields, provisioning, suspended, verified, loginUpdatePending, version, createdAt, updatedAt, createdBy, lastLoginAt, loginCount, mail);
    }

    public User provisioned() { return withFlags(false, suspended, verified, loginUpdatePending); }

    public User suspended(boolean suspend) { return withFlags(provisioning, suspend, verified, loginUpdatePending); }

    /** The same user as written by the next write: version + 1, updated at {@code now}. */
    public User nextVersion(Instant now) {
        return new User(tenantId, id, fields, provisioning, suspended, verified, loginUpdatePending, version + 1, createdAt, now, createdBy, lastLoginAt, loginCount, pendingMail);
    }

    /** The username as compared for uniqueness. */
    public static String usernameKey(String username) {
        return username.toLowerCase(java.util.Locale.ROOT);
    }
}
