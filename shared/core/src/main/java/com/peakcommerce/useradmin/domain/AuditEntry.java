package com.peakcommerce.useradmin.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change as the audit trail keeps it (SPEC X3): what happened to which user or profile, who did
 * it (and, for a log-in-as, on whose behalf), when, in which request, and the changed fields before
 * and after. Written in the same DynamoDB transaction as the change it records; where the change is
 * not a DynamoDB write (a mail sent), written right after it.
 *
 * @param subject   whose trail this entry belongs to
 * @param subjectId the user's or profile's id
 * @param actorId   the user who made the change, or a service name ({@link #AUTH0}, {@link #RECONCILER}, {@link #OPERATOR})
 * @param requestId the request that made it (the id in its log lines and problem documents), or null
 * @param changes   changed fields by JSON name, in a stable order; empty when nothing field-like changed
 * @param details   anything else worth keeping (the mail's masked recipient, an impersonation's expiry), never secrets
 */
public record AuditEntry(String tenantId, Subject subject, String subjectId, Action action, String actorId,
                         Instant at, String requestId, Map<String, Change> changes, Map<String, String> details) {

    public static final String AUTH0 = "auth0";
    public static final String RECONCILER = "reconciler";
    public static final String OPERATOR = "operator";

    public enum Subject { USER, PROFILE }

    public enum Action {
        USER_CREATED, USER_UPDATED, USERNAME_CHANGED, USER_DELETED, USER_SUSPENDED, USER_ENABLED,
        PASSWORD_RESET_SENT, VERIFICATION_MAIL_SENT, LOGGED_IN_AS, FIRST_LOGIN_VERIFIED,
        PROFILE_CREATED, PROFILE_UPDATED, PROFILE_DELETED
    }

    /** A field's value before and after; either is null when the field was absent. */
    public record Change(Object before, Object after) {}

    public AuditEntry {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An entry on a user's trail, made by the caller in their request. */
    public static AuditEntry ofUser(CallerId caller, String userId, Action action, Instant at, Map<String, Change> changes, Map<String, String> details) {
        return new AuditEntry(caller.tenantId(), Subject.USER, userId, action, caller.userId(), at, caller.requestId(), changes, details);
    }

    /**
     * The fields that differ between {@code before} and {@code after}, by JSON name, in the order of
     * {@link UserField}: what an edit's entry records.
     */
    public static Map<String, Change> changes(Map<UserField, Object> before, Map<UserField, Object> after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (UserField field : UserField.values()) {
            Object was = before.get(field);
            Object is = after.get(field);
            if (!java.util.Objects.equals(was, is)) changes.put(field.jsonName(), new Change(plain(was), plain(is)));
        }
        return changes;
    }

    private static Object plain(Object value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }
}
