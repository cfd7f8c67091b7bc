package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.ports.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Profiles (SPEC P1, P3) and partner admin realms (R1): what the create-user form picks from.
 * Admins who manage users may read and add them.
 */
public final class ProfileCatalog {
    static final int MAX_NAME = 100;

    private final UserRepository repository;
    private final Clock clock;
    private final Supplier<String> ids;

    public ProfileCatalog(UserRepository repository, Clock clock, Supplier<String> ids) {
        this.repository = repository;
        this.clock = clock;
        this.ids = ids;
    }

    /** Adds a profile: a name is all it needs; every setting starts at its default. */
    public Profile create(CallerId caller, Map<String, Object> body) {
        UserInput input = new UserInput();
        body.keySet().stream().filter(key -> !key.equals("name")).forEach(key -> input.error(key, key + " is not a field of a profile."));
        String name = null;
        if (!(body.get("name") instanceof String raw) || raw.isBlank()) input.error("name", "name is required.");
        else if (raw.strip().length() > MAX_NAME) input.error("name", "name must be at most " + MAX_NAME + " characters.");
        else name = raw.strip();
        input.throwIfInvalid();
        Access.userAdministrator(repository.user(caller.tenantId(), caller.userId()));
        Instant now = clock.instant();
        Profile profile = new Profile(caller.tenantId(), ids.get(), name, 1, now, now);
        repository.insertProfile(profile);
        return profile;
    }

    /** One profile: caller and profile in one batched read. */
    public Profile get(CallerId caller, String profileId) {
        var snapshot = repository.fetch(caller.tenantId(), Set.of(caller.userId()), Set.of(profileId));
        Access.userAdministrator(snapshot.user(caller.userId()));
        return Optional.ofNullable(snapshot.profiles().get(profileId)).orElseThrow(() -> new NotFound("No such profile."));
    }

    public Page<Profile> list(CallerId caller, int limit, String cursor) {
        Access.userAdministrator(repository.user(caller.tenantId(), caller.userId()));
        return repository.listProfiles(caller.tenantId(), limit, cursor);
    }

    public List<Realm> realms(CallerId caller) {
        Access.userAdministrator(repository.user(caller.tenantId(), caller.userId()));
        return Realm.ALL;
    }

    public Realm realm(CallerId caller, String realmId) {
        Access.userAdministrator(repository.user(caller.tenantId(), caller.userId()));
        return Realm.byId(realmId).orElseThrow(() -> new NotFound("No such partner admin realm."));
    }
}
