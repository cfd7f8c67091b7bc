package com.peakcommerce.useradmin.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant-defined bundle of permissions, assigned to portal users with their role (seed 002).
 *
 * @param settings the settings set on it, by {@code <tab>.<setting>} ({@link ProfileSettings}); one not
 *                 set reads as its default ({@link #effectiveSettings()})
 * @param retiring set while a delete is under way (the replacement's id, or {@code "-"} for none):
 *                 no user may be given the profile then
 */
public record Profile(String tenantId, String id, String name, long version, Instant createdAt, Instant updatedAt,
                      Map<String, String> settings, String retiring) {

    public static final String NO_REPLACEMENT = "-";

    public Profile {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** A profile with every setting at its default. */
    public Profile(String tenantId, String id, String name, long version, Instant createdAt, Instant updatedAt) {
        this(tenantId, id, name, version, createdAt, updatedAt, Map.of(), null);
    }

    /** Every setting with its value (stored or default), in the order of {@link ProfileSettings#ALL}. */
    public Map<String, String> effectiveSettings() { return ProfileSettings.effective(settings); }

    public Profile edited(String newName, Map<String, String> newSettings, Instant at) {
        return new Profile(tenantId, id, newName, version + 1, createdAt, at, newSettings, retiring);
    }
}
