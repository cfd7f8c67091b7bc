package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AmendmentDateAlignment;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserField;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Items to records and back, by hand: no reflection, no table schema to build at cold start. A user
 * item carries its fields under their JSON names, its flags, and the attributes of every index it
 * belongs to.
 */
final class ItemMapper {
    static final String ENTITY = "entity";
    /** The folded first name, for a search's second word ("smi jo": last name "smi…", first name "jo…"). */
    static final String FIRST_NAME_KEY = "firstNameKey";
    static final String VERSION = "version";
    static final String PENDING_MAIL = "pendingMail";

    private ItemMapper() {}

    /**
     * The stored attribute of each user field: the table's names, kept apart from the API's JSON names
     * ({@link UserField#jsonName}) so that renaming a field of the API is no data migration. An exhaustive
     * switch: a new field does not compile until it has its attribute.
     */
    static String attribute(UserField field) {
        return switch (field) {
            case ROLE -> "role";
            case FIRST_NAME -> "firstName";
            case LAST_NAME -> "lastName";
            case USERNAME -> "username";
            case ACCOUNT_NUMBER -> "accountNumber";
            case AMENDMENT_DATE_ALIGNMENT -> "amendmentDateAlignment";
            case PROFILE_ID -> "profileId";
            case PARTNER_ID -> "partnerId";
            case SALES_REP_ID -> "salesRepId";
            case PARTNER_ADMIN_ID -> "partnerAdminId";
            case SECURITY_REALM -> "securityRealm";
            case PRIMARY -> "primary";
            case NOTICE_TO_USER -> "noticeToUser";
            case DISPLAY_NAME -> "displayName";
            case COMPANY -> "company";
            case JOB_TITLE -> "jobTitle";
            case DEPARTMENT -> "department";
            case ALTERNATIVE_EMAIL -> "alternativeEmail";
            case PHONE -> "phone";
            case STREET_ADDRESS -> "streetAddress";
            case CITY -> "city";
            case STATE -> "state";
            case POSTAL_CODE -> "postalCode";
            case COUNTRY -> "country";
        };
    }

    static Map<String, AttributeValue> userItem(User user) {
        String tenant = user.tenantId();
        Map<String, AttributeValue> item = new HashMap<>(Keys.user(tenant, user.id()));
        item.put(ENTITY, s("USER"));
        item.put("id", s(user.id()));
        item.put("tenantId", s(tenant));
        user.fields().forEach((field, value) -> item.put(attribute(field),
                value instanceof Boolean b ? AttributeValue.fromBool(b) : s(value instanceof Enum<?> e ? e.name() : (String) value)));
        item.put("provisioning", AttributeValue.fromBool(user.provisioning()));
        item.put("suspended", AttributeValue.fromBool(user.suspended()));
        item.put("verified", AttributeValue.fromBool(user.verified()));
        item.put("loginUpdatePending", AttributeValue.fromBool(user.loginUpdatePending()));
        item.put("status", s(user.status().name()));
        item.put("version", n(user.version()));
        item.put("createdAt", s(user.createdAt().toString()));
        item.put("updatedAt", s(user.updatedAt().toString()));
        if (user.createdBy() != null) item.put("createdBy", s(user.createdBy()));
        if (user.lastLoginAt() != null) item.put("lastLoginAt", s(user.lastLoginAt().toString()));
        item.put("loginCount", n(user.loginCount()));
        if (user.pendingMail() != User.PendingMail.NONE) item.put("pendingMail", s(user.pendingMail().name()));

        String nameKey = Keys.nameKey(user.lastName(), user.firstName(), user.id());
        item.put(Index.BY_NAME.partitionKey(), s(Keys.usersList(tenant)));
        item.put(Index.BY_NAME.sortKey(), s(nameKey));
        item.put(Index.BY_USERNAME.sortKey(), s(User.usernameKey(user.username())));
        item.put(FIRST_NAME_KEY, s(Keys.sortable(user.firstName())));
        item.put(Index.BY_ROLE.partitionKey(), s(Keys.byRole(tenant, user.role())));
        item.put(Index.BY_STATUS.partitionKey(), s(Keys.byStatus(tenant, user.status())));
        String account = user.text(UserField.ACCOUNT_NUMBER);
        if (account != null) item.put(Index.BY_ACCOUNT.partitionKey(), s(Keys.byAccount(tenant, account)));
        putRelation(item, Index.BY_PARTNER, tenant, "PARTNER", user.text(UserField.PARTNER_ID));
        putRelation(item, Index.BY_SALES_REP, tenant, "SALESREP", user.text(UserField.SALES_REP_ID));
        putRelation(item, Index.BY_PARTNER_ADMIN, tenant, "PARTNERADMIN", user.text(UserField.PARTNER_ADMIN_ID));
        if (user.text(UserField.PROFILE_ID) != null) item.put(Index.BY_PROFILE.partitionKey(), s(Keys.byProfile(tenant, user.text(UserField.PROFILE_ID))));
        if (user.role() == Role.PARTNER_ACCOUNT_EXECUTIVE) putRelation(item, Index.BY_CREATOR, tenant, "CREATOR", user.createdBy());
        if (user.provisioning() || user.loginUpdatePending() || user.pendingMail() != User.PendingMail.NONE) {
            item.put(Index.BY_PENDING.partitionKey(), s(Keys.PENDING));
            item.put(Index.BY_PENDING.sortKey(), s(Keys.pendingSince(user.updatedAt(), tenant, user.id())));
        }
        return item;
    }

    /**
     * What a write must change to turn the stored item of {@code before} into that of {@code after}: the
     * attributes {@link #userItem} gives {@code after} that differ from {@code before}'s (to set), and those it
     * no longer gives (to remove). An update derived from it leaves the item exactly as a full put would.
     */
    static Change changed(User before, User after) {
        Map<String, AttributeValue> from = userItem(before);
        Map<String, AttributeValue> to = userItem(after);
        Map<String, AttributeValue> set = new java.util.TreeMap<>();
        to.forEach((name, value) -> { if (!value.equals(from.get(name))) set.put(name, value); });
        java.util.Set<String> removed = new java.util.TreeSet<>(from.keySet());
        removed.removeAll(to.keySet());
        return new Change(set, removed);
    }

    /** See {@link #changed}. */
    record Change(Map<String, AttributeValue> set, java.util.Set<String> removed) {}

    private static void putRelation(Map<String, AttributeValue> item, Index index, String tenant, String relation, String userId) {
        if (userId != null) item.put(index.partitionKey(), s(Keys.byUser(tenant, relation, userId)));
    }

    static User user(Map<String, AttributeValue> item) {
        Map<UserField, Object> fields = new EnumMap<>(UserField.class);
        for (UserField field : UserField.values()) {
            AttributeValue value = item.get(attribute(field));
            if (value == null) continue;
            fields.put(field, switch (field.kind()) {
                case BOOLEAN -> value.bool();
                case ROLE -> Role.valueOf(value.s());
                case AMENDMENT_DATE_ALIGNMENT -> AmendmentDateAlignment.valueOf(value.s());
                default -> value.s();
            });
        }
        return new User(str(item, "tenantId"), str(item, "id"), fields, bool(item, "provisioning"), bool(item, "suspended"),
                bool(item, "verified"), bool(item, "loginUpdatePending"), num(item, "version"), instant(item, "createdAt"),
                instant(item, "updatedAt"), str(item, "createdBy"), instant(item, "lastLoginAt"), num(item, "loginCount"),
                item.containsKey("pendingMail") ? User.PendingMail.valueOf(str(item, "pendingMail")) : User.PendingMail.NONE);
    }

    static Map<String, AttributeValue> usernameMarkerItem(User user) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.usernameMarker(user.tenantId(), user.username()));
        item.put(ENTITY, s("USERNAME"));
        item.put("userId", s(user.id()));
        return item;
    }

    static Map<String, AttributeValue> profileItem(Profile profile) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.profile(profile.tenantId(), profile.id()));
        item.put(ENTITY, s("PROFILE"));
        item.put("id", s(profile.id()));
        item.put("tenantId", s(profile.tenantId()));
        item.put("name", s(profile.name()));
        item.put("version", n(profile.version()));
        item.put("createdAt", s(profile.createdAt().toString()));
        item.put("updatedAt", s(profile.updatedAt().toString()));
        item.put(Index.BY_NAME.partitionKey(), s(Keys.profilesList(profile.tenantId())));
        item.put(Index.BY_NAME.sortKey(), s(Keys.profileNameKey(profile.name(), profile.id())));
        // Only the settings set on it: one not stored reads as its default (ProfileSettings).
        if (!profile.settings().isEmpty()) {
            Map<String, AttributeValue> settings = new HashMap<>();
            profile.settings().forEach((key, option) -> settings.put(key, s(option)));
            item.put("settings", AttributeValue.fromM(settings));
        }
        if (profile.retiring() != null) item.put(PROFILE_RETIRING, s(profile.retiring()));
        return item;
    }

    /** Set on a profile while a delete is under way; user writes that give the profile check it is absent. */
    static final String PROFILE_RETIRING = "retiring";

    static Profile profile(Map<String, AttributeValue> item) {
        Map<String, String> settings = new HashMap<>();
        if (item.containsKey("settings")) item.get("settings").m().forEach((key, option) -> settings.put(key, option.s()));
        return new Profile(str(item, "tenantId"), str(item, "id"), str(item, "name"), num(item, "version"),
                instant(item, "createdAt"), instant(item, "updatedAt"), settings, str(item, PROFILE_RETIRING));
    }

    static Map<String, AttributeValue> profileNameMarkerItem(Profile profile) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.profileNameMarker(profile.tenantId(), profile.name()));
        item.put(ENTITY, s("PROFILENAME"));
        item.put("profileId", s(profile.id()));
        return item;
    }

    static Map<String, AttributeValue> tenantItem(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.tenant(tenant.id()));
        item.put(ENTITY, s("TENANT"));
        item.put("id", s(tenant.id()));
        item.put("name", s(tenant.name()));
        item.put("connection", s(tenant.connection()));
        item.put("createdAt", s(tenant.createdAt().toString()));
        return item;
    }

    static Tenant tenant(Map<String, AttributeValue> item) {
        String connection = str(item, "connection");
        // A tenant item written before connections were per tenant names none: it gets the default name.
        return new Tenant(str(item, "id"), str(item, "name"), connection != null ? connection : Tenant.defaultConnection(str(item, "id")),
                instant(item, "createdAt"));
    }

    static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
