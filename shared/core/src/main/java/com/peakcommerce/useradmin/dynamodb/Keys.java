package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.Text;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Locale;
import java.util.Map;

/**
 * Every key of the table, built in one place. Each record lives in its own partition whose key starts
 * with its tenant ({@code TENANT#acme#USER#42}), so that no key the service builds can reach another
 * tenant; list partitions ({@code TENANT#acme#USERS}) exist only in the indexes.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";

    private Keys() {}

    public static Map<String, AttributeValue> tenant(String tenantId) {
        return key("TENANT#" + tenantId, "TENANT");
    }

    public static Map<String, AttributeValue> user(String tenantId, String userId) {
        return key(tenantPrefix(tenantId) + "USER#" + userId, "USER");
    }

    public static Map<String, AttributeValue> usernameMarker(String tenantId, String username) {
        return key(tenantPrefix(tenantId) + "USERNAME#" + User.usernameKey(username), "USERNAME");
    }

    public static Map<String, AttributeValue> profile(String tenantId, String profileId) {
        return key(tenantPrefix(tenantId) + "PROFILE#" + profileId, "PROFILE");
    }

    public static Map<String, AttributeValue> profileNameMarker(String tenantId, String name) {
        return key(tenantPrefix(tenantId) + "PROFILENAME#" + sortable(name), "PROFILENAME");
    }

    /**
     * The partition of one user's or profile's audit trail (SPEC X3): entries sort by time under it, so
     * the trail newest first is one Query. It outlives the user: a deleted user's trail stays until its TTL.
     */
    public static String auditTrail(String tenantId, AuditEntry.Subject subject, String subjectId) {
        return tenantPrefix(tenantId) + "AUDIT#" + subject + "#" + subjectId;
    }

    /**
     * One audit entry: its trail, and a sort key that orders by time (fixed width, so text order is
     * time order) and keeps apart entries of the same instant.
     */
    public static Map<String, AttributeValue> auditEntry(AuditEntry entry, String entryId) {
        String at = String.format(Locale.ROOT, "%012d.%09d", entry.at().getEpochSecond(), entry.at().getNano());
        return key(auditTrail(entry.tenantId(), entry.subject(), entry.subjectId()), "AUDIT#" + at + "#" + entryId);
    }

    /** The counter of public password-reset requests for one address (SPEC S3), kept for one window by TTL. */
    public static Map<String, AttributeValue> resetCounter(String tenantId, String email) {
        return key(tenantPrefix(tenantId) + "RESET#" + User.usernameKey(email), "RESET");
    }

    /**
     * The record of one caller's {@code Idempotency-Key}, kept 24 hours by TTL. The key is any visible
     * ASCII the client chose, so it appears only as its SHA-256 (hex): no {@code #} reaches the pk.
     */
    public static Map<String, AttributeValue> idempotencyRecord(String tenantId, String callerId, String keyHash) {
        return key(tenantPrefix(tenantId) + "IDEMPOTENCY#" + callerId + "#" + keyHash, "IDEMPOTENCY");
    }

    /**
     * One log-in-as grant (SPEC U11), by the credential's {@code jti}: written with its audit entry, marked
     * redeemed once, deleted by TTL when the credential expires.
     */
    public static Map<String, AttributeValue> impersonationGrant(String tenantId, String jti) {
        return key(tenantPrefix(tenantId) + "IMPERSONATION#" + jti, "IMPERSONATION");
    }

    /** Every key of a tenant's items starts with this; a cursor that does not is refused. */
    public static String tenantPrefix(String tenantId) {
        return "TENANT#" + tenantId + "#";
    }

    // Index partitions. Each list partition holds one tenant's users (or profiles) sorted by name.
    static String usersList(String tenantId) { return tenantPrefix(tenantId) + "USERS"; }

    static String profilesList(String tenantId) { return tenantPrefix(tenantId) + "PROFILES"; }

    static String byRole(String tenantId, Role role) { return tenantPrefix(tenantId) + "ROLE#" + role; }

    static String byStatus(String tenantId, UserStatus status) { return tenantPrefix(tenantId) + "STATUS#" + status; }

    static String byAccount(String tenantId, String accountNumber) { return tenantPrefix(tenantId) + "ACCOUNT#" + accountNumber; }

    /** The byProfile partition of a profile's holders: the profile's own pk (only user items carry it as profilePk). */
    static String byProfile(String tenantId, String profileId) { return tenantPrefix(tenantId) + "PROFILE#" + profileId; }

    static String byUser(String tenantId, String relation, String userId) { return tenantPrefix(tenantId) + relation + "#" + userId; }

    /**
     * Joins the parts of a name sort key. DynamoDB orders keys by their UTF-8 bytes, and this one sorts
     * below every character a name may hold (control characters are refused in every field, see
     * {@link com.peakcommerce.useradmin.domain.Text}), so a shorter name sorts first at every level:
     * "brown, jo" before "brownlee, pat", "abe, emil" before "abe, emile".
     */
    static final String NAME_SEPARATOR = "\u0001";

    /** The sort key of the name indexes: last name, first name, id; lower case, accents folded. */
    static String nameKey(String lastName, String firstName, String id) {
        return sortable(lastName) + NAME_SEPARATOR + sortable(firstName) + NAME_SEPARATOR + id;
    }

    /** The sort key of the profiles list: the name, then the id. */
    static String profileNameKey(String name, String id) {
        return sortable(name) + NAME_SEPARATOR + id;
    }

    /** The id at the end of a name sort key. */
    static String idOfNameKey(String nameKey) {
        return nameKey.substring(nameKey.lastIndexOf(NAME_SEPARATOR) + 1);
    }

    /** The one partition of the pending index: every tenant's half-done users (few, and short-lived). */
    static final String PENDING = "PENDING";

    /** Oldest first: the time of the last write, then tenant and id to keep entries apart. */
    static String pendingSince(java.time.Instant updatedAt, String tenantId, String userId) {
        return updatedAt + "|" + tenantId + "|" + userId;
    }

    static String sortable(String s) {
        return Text.fold(s);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
