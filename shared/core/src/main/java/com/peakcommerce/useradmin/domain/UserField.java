package com.peakcommerce.useradmin.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields an admin sets on a user (SPEC U1), each with its JSON name and its kind of value.
 * Validation, the DynamoDB mapping and the JSON representation are all driven from this one list,
 * so a new field is one line here plus its place in {@link RoleRules}.
 */
public enum UserField {
    ROLE("role", Kind.ROLE),
    FIRST_NAME("firstName", Kind.TEXT),
    LAST_NAME("lastName", Kind.TEXT),
    USERNAME("username", Kind.EMAIL),
    ACCOUNT_NUMBER("accountNumber", Kind.ACCOUNT_NUMBER),
    AMENDMENT_DATE_ALIGNMENT("amendmentDateAlignment", Kind.AMENDMENT_DATE_ALIGNMENT),
    PROFILE_ID("profileId", Kind.PROFILE),
    PARTNER_ID("partnerId", Kind.USER),
    SALES_REP_ID("salesRepId", Kind.USER),
    PARTNER_ADMIN_ID("partnerAdminId", Kind.USER),
    SECURITY_REALM("securityRealm", Kind.REALM),
    /** Deprecated: accepted and stored, used for nothing. */
    PRIMARY("primary", Kind.BOOLEAN),
    /** Deprecated: accepted and stored, used for nothing. */
    NOTICE_TO_USER("noticeToUser", Kind.BOOLEAN),
    DISPLAY_NAME("displayName", Kind.TEXT),
    COMPANY("company", Kind.TEXT),
    JOB_TITLE("jobTitle", Kind.TEXT),
    DEPARTMENT("department", Kind.TEXT),
    ALTERNATIVE_EMAIL("alternativeEmail", Kind.EMAIL),
    PHONE("phone", Kind.PHONE),
    STREET_ADDRESS("streetAddress", Kind.TEXT),
    CITY("city", Kind.TEXT),
    STATE("state", Kind.TEXT),
    POSTAL_CODE("postalCode", Kind.TEXT),
    COUNTRY("country", Kind.TEXT);

    /** The kinds of value, each with the check that turns raw JSON into a stored value. */
    public enum Kind { TEXT, EMAIL, PHONE, ACCOUNT_NUMBER, ROLE, AMENDMENT_DATE_ALIGNMENT, PROFILE, USER, REALM, BOOLEAN }

    private static final Map<String, UserField> BY_JSON_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(UserField::jsonName, Function.identity()));
    // Deliberately plain: a dotted domain after one @, no spaces. Auth0 applies its own check as well.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>()\\[\\],;:\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    private static final Pattern PHONE_PATTERN = Pattern.compile("^\\+?[0-9 ()./-]{3,30}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[A-Za-z0-9-]{1,50}$");
    static final int MAX_TEXT = 200;
    static final int MAX_EMAIL = 254;

    private final String jsonName;
    private final Kind kind;

    UserField(String jsonName, Kind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    public String jsonName() { return jsonName; }

    public Kind kind() { return kind; }

    public static Optional<UserField> byJsonName(String name) {
        return Optional.ofNullable(BY_JSON_NAME.get(name));
    }

    /**
     * Checks a non-null JSON value and returns what is stored: trimmed text, a lower-cased email
     * domain left as typed, enums by name, booleans as they are. Throws {@link DomainException.Invalid}
     * naming this field.
     */
    public Object parse(Object raw) {
        if (kind == Kind.BOOLEAN) {
            if (raw instanceof Boolean b) return b;
            throw invalid("must be true or false.");
        }
        if (!(raw instanceof String s)) throw invalid("must be a string.");
        String value = s.strip();
        if (value.isEmpty()) throw invalid("must not be empty.");
        return switch (kind) {
            case TEXT -> checkLength(value, MAX_TEXT);
            case EMAIL -> {
                checkLength(value, MAX_EMAIL);
                if (!EMAIL.matcher(value).matches()) throw invalid("must be a valid email address.");
                yield value;
            }
            case PHONE -> {
                if (!PHONE_PATTERN.matcher(value).matches()) throw invalid("must be a phone number (digits, spaces, + ( ) . / -).");
                yield value;
            }
            case ACCOUNT_NUMBER -> {
                if (!ACCOUNT.matcher(value).matches()) throw invalid("must be a billing account number such as A000001212.");
                yield value;
            }
            case ROLE -> parseEnum(Role.class, value);
            case AMENDMENT_DATE_ALIGNMENT -> parseEnum(AmendmentDateAlignment.class, value);
            case PROFILE, USER, REALM -> {
                if (!Identifiers.isId(value)) throw invalid("must be an id.");
                yield value;
            }
            case BOOLEAN -> throw new AssertionError();
        };
    }

    private String checkLength(String value, int max) {
        if (value.length() > max) throw invalid("must be at most " + max + " characters.");
        return value;
    }

    private <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid("must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    public DomainException.Invalid invalid(String reason) {
        return new DomainException.Invalid(jsonName, jsonName + " " + reason);
    }
}
