package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request JSON into user fields, collecting every problem so that one 400 names all the
 * fields at fault. Nothing is written until the whole input has passed.
 */
public final class UserInput {
    private final List<FieldError> errors = new ArrayList<>();

    /**
     * Parses the user fields of {@code body}; keys in {@code otherKeys} belong to the caller (status,
     * activation) and are skipped; any other unknown key is an error. A {@code null} value means
     * "remove" and is kept as {@code Optional.empty()}.
     */
    public Map<UserField, Optional<Object>> fields(Map<String, Object> body, Set<String> otherKeys) {
        Map<UserField, Optional<Object>> fields = new EnumMap<>(UserField.class);
        for (var entry : body.entrySet()) {
            String key = entry.getKey();
            if (otherKeys.contains(key)) continue;
            Optional<UserField> field = UserField.byJsonName(key);
            if (field.isEmpty()) {
                errors.add(new FieldError(key, key + " is not a field of a user."));
                continue;
            }
            if (entry.getValue() == null) {
                fields.put(field.get(), Optional.empty());
                continue;
            }
            try {
                fields.put(field.get(), Optional.of(field.get().parse(entry.getValue())));
            } catch (Invalid e) {
                errors.addAll(e.errors());
            }
        }
        return fields;
    }

    /** Checks a complete set of fields against its role's rules (SPEC U1): nothing missing, nothing inapplicable. */
    public void checkRoleRules(Map<UserField, Object> fields) {
        if (!(fields.get(UserField.ROLE) instanceof Role role)) {
            if (errors.stream().noneMatch(e -> e.field().equals("role"))) error("role", "role is required.");
            return;
        }
        for (UserField field : RoleRules.required(role)) {
            if (!fields.containsKey(field) && errors.stream().noneMatch(e -> e.field().equals(field.jsonName()))) {
                error(field.jsonName(), field.jsonName() + " is required for " + role + " users.");
            }
        }
        Set<UserField> allowed = RoleRules.allowed(role);
        for (UserField field : fields.keySet()) {
            if (!allowed.contains(field)) error(field.jsonName(), field.jsonName() + " does not apply to " + role + " users.");
        }
    }

    public void error(String field, String message) { errors.add(new FieldError(field, message)); }

    /** Throws one {@link Invalid} naming every field at fault, if any is. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) throw new Invalid(errors);
    }

    /** Checks that profiles and users named by the fields exist in the tenant and users have the right role. */
    public void checkReferences(Map<UserField, Object> fields, com.peakcommerce.useradmin.ports.Snapshots.Snapshot snapshot) {
        fields.forEach((field, value) -> {
            switch (field.kind()) {
                case PROFILE -> {
                    if (!snapshot.profiles().containsKey((String) value)) error(field.jsonName(), "No profile " + value + " in this tenant.");
                }
                case REALM -> {
                    if (Realm.byId((String) value).isEmpty()) error(field.jsonName(), "No partner admin realm " + value + "; the realms are " + Realm.ALL.stream().map(Realm::id).toList() + ".");
                }
                case USER -> {
                    Role expected = RoleRules.referencedRole(field);
                    Optional<User> user = snapshot.user((String) value);
                    if (user.isEmpty()) error(field.jsonName(), "No user " + value + " in this tenant.");
                    else if (user.get().role() != expected) error(field.jsonName(), field.jsonName() + " must name a " + expected + " user.");
                }
                default -> { }
            }
        });
    }

    /** The ids of the users and profiles that {@code fields} refer to, for one batched read. */
    public static Set<String> referenced(Map<UserField, ?> fields, UserField.Kind kind) {
        var ids = new java.util.HashSet<String>();
        fields.forEach((field, value) -> {
            Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
            if (field.kind() == kind && v instanceof String id) ids.add(id);
        });
        return ids;
    }
}
