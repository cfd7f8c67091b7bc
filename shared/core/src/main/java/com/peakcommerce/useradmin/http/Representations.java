package com.peakcommerce.useradmin.http;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Policy;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.ProfileSettings;
import com.peakcommerce.useradmin.domain.Realm;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserDirectory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON the API answers with. Field names are those of {@code UserField}, so requests and answers agree. */
public final class Representations {
    private Representations() {}

    public static Map<String, Object> user(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        user.fields().forEach((field, value) -> json.put(field.jsonName(), value instanceof Enum<?> e ? e.name() : value));
        json.put("displayName", user.displayName());
        json.put("status", user.status().name());
        json.put("statusLabel", user.status().label());
        json.put("version", user.version());
        json.put("createdAt", user.createdAt().toString());
        json.put("updatedAt", user.updatedAt().toString());
        json.put("createdBy", user.createdBy());
        json.put("lastLoginAt", user.lastLoginAt() == null ? null : user.lastLoginAt().toString());
        json.put("loginCount", user.loginCount());
        if (user.pendingMail() != User.PendingMail.NONE) json.put("mailPending", user.pendingMail().name());
        return json;
    }

    /**
     * A user as a reader sees them (SPEC X6): the user and {@code allowedActions}, what the caller may do to
     * them now, decided by the policy that enforces it (so a console offers only what will work).
     */
    public static Map<String, Object> seen(UserDirectory.Seen seen) {
        Map<String, Object> json = user(seen.user());
        json.put("allowedActions", seen.allowedActions().stream().map(Policy.Action::jsonName).toList());
        return json;
    }

    public static Map<String, Object> profile(Profile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", profile.id());
        json.put("name", profile.name());
        json.put("version", profile.version());
        json.put("createdAt", profile.createdAt().toString());
        json.put("updatedAt", profile.updatedAt().toString());
        return json;
    }

    /** An audit entry (SPEC X3): who did what when, in which request, and the changed fields before and after. */
    public static Map<String, Object> auditEntry(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", entry.action().name());
        json.put("actorId", entry.actorId());
        json.put("at", entry.at().toString());
        json.put("requestId", entry.requestId());
        Map<String, Object> changes = new LinkedHashMap<>();
        entry.changes().forEach((field, change) -> {
            Map<String, Object> beforeAfter = new LinkedHashMap<>();
            beforeAfter.put("before", change.before());
            beforeAfter.put("after", change.after());
            changes.put(field, beforeAfter);
        });
        json.put("changes", changes);
        json.put("details", new LinkedHashMap<>(entry.details()));
        return json;
    }

    /** A profile with every setting's value (stored or default) by tab: the view and edit forms (SPEC P2, P3). */
    public static Map<String, Object> profileWithSettings(Profile profile) {
        Map<String, Object> json = profile(profile);
        Map<String, Object> tabs = new LinkedHashMap<>();
        profile.effectiveSettings().forEach((key, option) -> {
            int dot = key.indexOf('.');
            @SuppressWarnings("unchecked")
            Map<String, Object> tab = (Map<String, Object>) tabs.computeIfAbsent(key.substring(0, dot), t -> new LinkedHashMap<String, Object>());
            tab.put(key.substring(dot + 1), option);
        });
        json.put("settings", tabs);
        return json;
    }

    /** The settings model (GET /profile-settings): tabs, their settings, options, defaults and roles, in display order. */
    public static Map<String, Object> profileSettings(List<ProfileSettings.Tab> tabs) {
        return Map.of("tabs", tabs.stream().map(tab -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", tab.id());
            json.put("label", tab.label());
            json.put("description", tab.description());
            json.put("settings", tab.settings().stream().map(setting -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", setting.id());
                s.put("key", setting.key());
                s.put("label", setting.label());
                s.put("options", setting.options().stream().map(o -> Map.of("id", o.id(), "label", o.label())).toList());
                s.put("default", setting.defaultOption());
                s.put("roles", setting.roles().stream().sorted().map(Enum::name).toList());
                if (setting.appliesWhen() != null) {
                    s.put("appliesWhen", Map.of("setting", setting.appliesWhen().setting(), "option", setting.appliesWhen().option()));
                }
                return s;
            }).toList());
            return json;
        }).toList());
    }

    public static Map<String, Object> realm(Realm realm) {
        return Map.of("id", realm.id(), "name", realm.displayName());
    }

    public static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> item) {
        Map<String, Object> json = new HashMap<>();
        json.put("items", page.items().stream().map(item).toList());
        json.put("nextCursor", page.nextCursor());
        return json;
    }

    public static <T> Map<String, Object> list(List<T> items, Function<T, Map<String, Object>> item) {
        return page(new Page<>(items, null), item);
    }
}
