package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.AuditEntry.Change;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;
import com.peakcommerce.useradmin.ports.Profiles;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.UserLists;
import com.peakcommerce.useradmin.ports.Users;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Profiles (SPEC P1–P4) and partner admin realms (R1): what the create-user form picks from.
 * Global and System Admins manage profiles; Partner Admins may read them (they pick one for the users
 * they create, R4) but never change them; everyone else is refused (403).
 */
public final class ProfileCatalog {
    static final int MAX_NAME = 100;

    private final Snapshots snapshots;
    private final Users users;
    private final UserLists lists;
    private final Profiles profiles;
    private final Clock clock;
    private final Supplier<String> ids;

    public ProfileCatalog(Stores stores, Clock clock, Supplier<String> ids) {
        this.snapshots = stores.snapshots();
        this.users = stores.users();
        this.lists = stores.userLists();
        this.profiles = stores.profiles();
        this.clock = clock;
        this.ids = ids;
    }

    /** Adds a profile (P1): a name is all it needs; every setting starts at its default unless given (validated). */
    public Profile create(CallerId caller, Map<String, Object> body) {
        UserInput input = new UserInput();
        body.keySet().stream().filter(key -> !key.equals("name") && !key.equals("settings"))
                .forEach(key -> input.error(key, key + " is not a field of a profile."));
        String name = name(body, input);
        Map<String, Optional<String>> given = body.containsKey("settings") ? settingsPatch(body.get("settings"), input) : Map.of();
        input.throwIfInvalid();
        manager(users.user(caller.tenantId(), caller.userId()));
        Instant now = clock.instant();
        Map<String, String> settings = new TreeMap<>();
        given.forEach((key, option) -> option.ifPresent(o -> settings.put(key, o)));
        Profile profile = new Profile(caller.tenantId(), ids.get(), name, 1, now, now, settings, null);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("name", new Change(null, name));
        settings.forEach((key, option) -> changes.put(SETTINGS + key, new Change(null, option)));
        profiles.insertProfile(profile, entry(caller, profile.id(), AuditEntry.Action.PROFILE_CREATED, now, changes, Map.of()));
        return profile;
    }

    /** The settings model (P2) for a console to draw the tabs from; readable by whoever may read profiles. */
    public List<ProfileSettings.Tab> settings(CallerId caller) {
        reader(users.user(caller.tenantId(), caller.userId()));
        return List.of(ProfileSettings.Tab.values());
    }

    /** One profile (P3): caller and profile in one batched read. */
    public Profile get(CallerId caller, String profileId) {
        var snapshot = snapshots.fetch(caller.tenantId(), Set.of(caller.userId()), Set.of(profileId));
        reader(snapshot.user(caller.userId()));
        return Optional.ofNullable(snapshot.profiles().get(profileId)).orElseThrow(() -> new NotFound("No such profile."));
    }

    public Page<Profile> list(CallerId caller, int limit, String cursor) {
        reader(users.user(caller.tenantId(), caller.userId()));
        return profiles.listProfiles(caller.tenantId(), limit, cursor);
    }

    /**
     * Edits a profile (P2) as a JSON merge patch: {@code name} and/or {@code settings} ({@code {tab: {setting: option}}};
     * {@code null} puts a setting back to its default). Unknown settings and options are refused naming
     * {@code settings.<tab>.<setting>}; nothing is written then. A rename moves the name marker in the
     * same transaction. A patch that changes no value writes nothing.
     */
    public Profile update(CallerId caller, String profileId, Long expectedVersion, Map<String, Object> body) {
        var snapshot = snapshots.fetch(caller.tenantId(), Set.of(caller.userId()), Set.of(profileId));
        manager(snapshot.user(caller.userId()));
        Profile current = Optional.ofNullable(snapshot.profiles().get(profileId)).orElseThrow(() -> new NotFound("No such profile."));
        if (expectedVersion == null) throw new VersionRequired();

        UserInput input = new UserInput();
        body.keySet().stream().filter(key -> !key.equals("name") && !key.equals("settings"))
                .forEach(key -> input.error(key, key + " is not a field of a profile."));
        String name = body.containsKey("name") ? name(body, input) : current.name();
        Map<String, Optional<String>> patch = body.containsKey("settings") ? settingsPatch(body.get("settings"), input) : Map.of();
        input.throwIfInvalid();
        if (current.version() != expectedVersion) throw new StaleVersion(current.version());
        if (current.retiring() != null) throw new Conflict(null, "The profile is being deleted.");

        Map<String, String> settings = new TreeMap<>(current.settings());
        patch.forEach((key, option) -> {
            if (option.isPresent()) settings.put(key, option.get());
            else settings.remove(key);
        });
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!name.equals(current.name())) changes.put("name", new Change(current.name(), name));
        Map<String, String> before = current.effectiveSettings();
        ProfileSettings.effective(settings).forEach((key, option) -> {
            if (!option.equals(before.get(key))) changes.put(SETTINGS + key, new Change(before.get(key), option));
        });
        if (changes.isEmpty()) return current;
        Instant now = clock.instant();
        Profile after = current.edited(name, settings, now);
        profiles.replaceProfile(current, after, entry(caller, profileId, AuditEntry.Action.PROFILE_UPDATED, now, changes, Map.of()));
        return after;
    }

    /** What a delete did: removed the profile, or refused because users hold it. */
    public sealed interface Deletion {
        record Deleted(long moved) implements Deletion {}

        record InUse(long holders) implements Deletion {}
    }

    /**
     * Deletes a profile (P4). Steps, and what a failure after each leaves:
     * <ol>
     *   <li>the profile is marked {@code retiring} (conditional on {@code If-Match} when sent) — from now on no
     *       user write may give it to anyone (their transactions check the mark);</li>
     *   <li>without a replacement: the holders are counted (byProfile); if any, the mark is cleared again and
     *       the delete refused with their number — a crash before the clear leaves the mark, and the
     *       profile refusing new holders, until the delete is sent again;</li>
     *   <li>with a replacement: every holder is given it, each write conditional on the user's version, with a
     *       USER_UPDATED entry on their trail — a crash leaves some moved, and a retry moves the rest;</li>
     *   <li>profile, name marker and PROFILE_DELETED entry go in one transaction.</li>
     * </ol>
     * The holders come from a GSI, which is eventually consistent: a user given the profile just before the
     * mark may be missed (see docs/table.md).
     */
    public Deletion delete(CallerId caller, String profileId, Long expectedVersion, String replacementId) {
        Set<String> profileIds = replacementId == null || replacementId.equals(profileId) ? Set.of(profileId) : Set.of(profileId, replacementId);
        var snapshot = snapshots.fetch(caller.tenantId(), Set.of(caller.userId()), profileIds);
        manager(snapshot.user(caller.userId()));
        if (!snapshot.profiles().containsKey(profileId)) throw new NotFound("No such profile.");
        if (replacementId != null) {
            Profile replacement = snapshot.profiles().get(replacementId);
            if (replacementId.equals(profileId)) throw new Invalid(REPLACEMENT, "A profile cannot replace itself: the replacement must be another profile.");
            if (replacement == null) throw new Invalid(REPLACEMENT, "No profile " + replacementId + " in this tenant.");
            if (replacement.retiring() != null) throw new Invalid(REPLACEMENT, "The profile " + replacementId + " is being deleted itself.");
        }
        Profile marked = profiles.markProfileRetiring(caller.tenantId(), profileId, expectedVersion,
                replacementId == null ? Profile.NO_REPLACEMENT : replacementId);
        long moved = 0;
        if (replacementId == null) {
            long holders = lists.countProfileHolders(caller.tenantId(), profileId);
            if (holders > 0) {
                profiles.clearProfileRetiring(marked);
                return new Deletion.InUse(holders);
            }
        } else {
            // The index lags the table: a pass may still list users it just moved (their write then fails on
            // the version, and a strong read shows them moved) and, rarely, miss one moved in; a few passes settle it.
            int passes = 0;
            do {
                moved += moveHolders(caller, profileId, replacementId);
            } while (lists.countProfileHolders(caller.tenantId(), profileId) > 0 && ++passes < MAX_PASSES);
            if (passes == MAX_PASSES) throw new DomainException.Unavailable("Users are still being moved to the replacement; send the delete again.");
        }
        Map<String, String> details = replacementId == null ? Map.of() : Map.of(REPLACEMENT, replacementId);
        profiles.deleteProfile(marked, entry(caller, profileId, AuditEntry.Action.PROFILE_DELETED, clock.instant(),
                Map.of("name", new Change(marked.name(), null)), details));
        return new Deletion.Deleted(moved);
    }

    private long moveHolders(CallerId caller, String profileId, String replacementId) {
        long moved = 0;
        String cursor = null;
        do {
            Page<User> page = lists.profileHolders(caller.tenantId(), profileId, PAGE, cursor);
            for (User holder : page.items()) if (move(caller, holder, profileId, replacementId)) moved++;
            cursor = page.nextCursor();
        } while (cursor != null);
        return moved;
    }

    /** Gives one holder the replacement; a holder changed meanwhile is read again (strongly) and moved if it still holds the profile. */
    private boolean move(CallerId caller, User holder, String profileId, String replacementId) {
        User user = holder;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!profileId.equals(user.text(UserField.PROFILE_ID))) return false;
            Map<UserField, Object> fields = new EnumMap<>(user.fields());
            fields.put(UserField.PROFILE_ID, replacementId);
            Instant now = clock.instant();
            User after = user.withFields(fields).nextVersion(now);
            try {
                users.replace(user, after, AuditEntry.ofUser(caller, user.id(), AuditEntry.Action.USER_UPDATED, now,
                        Map.of("profileId", new Change(profileId, replacementId)), Map.of("reason", "profile " + profileId + " deleted")));
                return true;
            } catch (StaleVersion | NotFound changed) {
                Optional<User> fresh = users.user(caller.tenantId(), user.id());
                if (fresh.isEmpty()) return false;
                user = fresh.get();
            } catch (Invalid replacementGone) {
                throw new Invalid(REPLACEMENT, "The replacement profile " + replacementId + " is being deleted or no longer exists.");
            }
        }
        throw new DomainException.Unavailable("A user holding the profile keeps changing; send the delete again.");
    }

    private static final String SETTINGS = "settings.";
    private static final String REPLACEMENT = "replacement";
    private static final int PAGE = 25;
    private static final int MAX_PASSES = 3;

    private static String name(Map<String, Object> body, UserInput input) {
        if (!(body.get("name") instanceof String raw) || raw.isBlank()) input.error("name", "name is required.");
        else if (raw.strip().length() > MAX_NAME) input.error("name", "name must be at most " + MAX_NAME + " characters.");
        else return raw.strip();
        return null;
    }

    /**
     * {@code {tab: {setting: option-or-null}}} as {@code <tab>.<setting>} → option (empty: back to the default),
     * each name and option checked against {@link ProfileSettings}; errors name {@code settings.<tab>.<setting>}.
     */
    static Map<String, Optional<String>> settingsPatch(Object raw, UserInput input) {
        Map<String, Optional<String>> patch = new LinkedHashMap<>();
        if (!(raw instanceof Map<?, ?> tabs)) {
            input.error("settings", "settings must be an object of tabs, such as {\"myAccount\": {\"contactInfo\": \"view\"}}.");
            return patch;
        }
        tabs.forEach((tabId, value) -> {
            String tabField = "settings." + tabId;
            var tab = ProfileSettings.Tab.byId((String) tabId);
            if (tab.isEmpty()) {
                input.error(tabField, "There is no tab " + tabId + "; the tabs are "
                        + java.util.Arrays.stream(ProfileSettings.Tab.values()).map(ProfileSettings.Tab::id).toList() + ".");
                return;
            }
            if (!(value instanceof Map<?, ?> settings)) {
                input.error(tabField, tabField + " must be an object of settings.");
                return;
            }
            settings.forEach((settingId, option) -> {
                String field = tabField + "." + settingId;
                var setting = ProfileSettings.byKey(tabId + "." + settingId);
                if (setting.isEmpty()) {
                    input.error(field, "The tab " + tab.get().label() + " has no setting " + settingId + "; its settings are "
                            + tab.get().settings().stream().map(ProfileSettings.Setting::id).toList() + ".");
                } else if (option == null) {
                    patch.put(setting.get().key(), Optional.empty());
                } else if (!(option instanceof String chosen) || !setting.get().allows(chosen)) {
                    input.error(field, setting.get().label() + " must be one of " + setting.get().optionIds() + " (or null for the default).");
                } else {
                    patch.put(setting.get().key(), Optional.of(chosen));
                }
            });
        });
        return patch;
    }

    /** Who may read profiles: admins, and Partner Admins, who pick a profile for the users they create (R4). */
    private static User reader(Optional<User> caller) {
        return Policy.profileReader(caller);
    }

    /** Who may add, change and delete profiles: Global and System Admins. */
    private static User manager(Optional<User> caller) {
        return Policy.profileManager(caller);
    }

    private static AuditEntry entry(CallerId caller, String profileId, AuditEntry.Action action, Instant at,
                                    Map<String, Change> changes, Map<String, String> details) {
        return new AuditEntry(caller.tenantId(), AuditEntry.Subject.PROFILE, profileId, action, caller.userId(), at, caller.requestId(), changes, details);
    }

    public List<Realm> realms(CallerId caller) {
        Policy.userAdministrator(users.user(caller.tenantId(), caller.userId()));
        return Realm.ALL;
    }

    public Realm realm(CallerId caller, String realmId) {
        Policy.userAdministrator(users.user(caller.tenantId(), caller.userId()));
        return Realm.byId(realmId).orElseThrow(() -> new NotFound("No such partner admin realm."));
    }
}
