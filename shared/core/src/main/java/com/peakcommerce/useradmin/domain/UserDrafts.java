package com.peakcommerce.useradmin.domain;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies turned into validated user fields (SPEC U1's role rules, every field's format), or one
 * {@link DomainException.Invalid} naming every field at fault. Pure: no reads, no writes, no clock; what needs
 * the table (references, who may set what) is checked by the operation after its one read.
 */
public final class UserDrafts {
    private static final Set<String> CREATE_KEYS = Set.of("status", "activation");
    private static final Set<String> NOT_PATCHABLE = Set.of("id", "status", "version", "activation", "createdAt", "updatedAt");

    private UserDrafts() {}

    /**
     * A new user as a create body describes them. {@code tiedToCaller}: a Partner Account Executive whose body
     * names no Partner Admin, tied to the caller ({@code callerId}) if the caller turns out to be one (SPEC U1, R3).
     */
    public record NewUser(Map<UserField, Object> fields, boolean suspended, Activation activation, boolean tiedToCaller) {
        public Role role() { return (Role) fields.get(UserField.ROLE); }
    }

    public static NewUser newUser(Map<String, Object> body, String callerId) {
        UserInput input = new UserInput();
        Map<UserField, Object> fields = present(input.fields(body, CREATE_KEYS), input);
        boolean tiedToCaller = fields.get(UserField.ROLE) == Role.PARTNER_ACCOUNT_EXECUTIVE && !fields.containsKey(UserField.PARTNER_ADMIN_ID);
        if (tiedToCaller) fields.put(UserField.PARTNER_ADMIN_ID, callerId);
        input.checkRoleRules(fields);
        boolean suspended = initialStatus(body.get("status"), input);
        Activation activation = Activation.parse(body.get("activation"), fields, input);
        input.throwIfInvalid();
        return new NewUser(fields, suspended, activation, tiedToCaller);
    }

    /** A tenant's first Global Admin from the operator's {@code admin} object, plus the errors found elsewhere in {@code input}. */
    public static Map<UserField, Object> firstAdmin(Map<String, Object> admin, UserInput input) {
        Map<String, Object> body = new HashMap<>(admin);
        body.put("role", Role.GLOBAL_ADMIN.name());
        Map<UserField, Object> fields = present(input.fields(body, CREATE_KEYS), input);
        input.checkRoleRules(fields);
        input.throwIfInvalid();
        return fields;
    }

    /** A merge patch of a user: each field set (present) or removed (empty). Role rules are checked on the merged result. */
    public static Map<UserField, Optional<Object>> patch(Map<String, Object> body) {
        UserInput input = new UserInput();
        for (String key : NOT_PATCHABLE) {
            if (body.containsKey(key)) input.error(key, key + " cannot be changed here" + ("status".equals(key) ? "; use /suspend and /enable." : "."));
        }
        Map<UserField, Optional<Object>> patch = input.fields(body, NOT_PATCHABLE);
        input.throwIfInvalid();
        return patch;
    }

    /** {@code fields} with {@code patch} applied. */
    public static Map<UserField, Object> merge(Map<UserField, Object> fields, Map<UserField, Optional<Object>> patch) {
        Map<UserField, Object> merged = new EnumMap<>(UserField.class);
        merged.putAll(fields);
        patch.forEach((field, value) -> {
            if (value.isPresent()) merged.put(field, value.get());
            else merged.remove(field);
        });
        return merged;
    }

    private static boolean initialStatus(Object status, UserInput input) {
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
}
