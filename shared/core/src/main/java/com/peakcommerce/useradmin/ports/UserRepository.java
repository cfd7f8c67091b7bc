package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service's records (one DynamoDB table in production). Every method works inside one tenant;
 * every write is conditional. Domain refusals ({@code StaleVersion}, {@code NotFound}, {@code Conflict})
 * are thrown as the domain's own exceptions.
 */
public interface UserRepository {

    /** In one round trip, strongly consistent: the tenant and the users and profiles asked for; missing ones are left out. */
    Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds);

    record Snapshot(Optional<Tenant> tenant, Map<String, User> users, Map<String, Profile> profiles) {
        public Optional<User> user(String id) { return Optional.ofNullable(users.get(id)); }
    }

    /** One user, strongly consistent. */
    Optional<User> user(String tenantId, String userId);

    /**
     * The id of the user holding {@code username} (compared ignoring case), from its marker: one strongly
     * consistent read. (A default only so that decorators written before it still compile.)
     */
    default Optional<String> userIdByUsername(String tenantId, String username) {
        throw new UnsupportedOperationException("userIdByUsername");
    }

    /** Writes a new user and its username marker together; {@link UsernameTaken} when the marker exists. */
    void insert(User user);

    /**
     * Replaces {@code before} with {@code after} if the stored version is still {@code before.version()};
     * moves the username marker in the same transaction when the username changed.
     */
    void replace(User before, User after);

    /**
     * Replaces {@code before} with {@code after}, which differs only in the mail it owes (same version,
     * same username), if the stored record still has both {@code before}'s version and its pending mail:
     * of two writers changing the mark from the same read, only one succeeds ({@code StaleVersion} for
     * the other), though neither bumps the version.
     */
    void replacePendingMail(User before, User after);

    /** Deletes the user and its username marker together, if it is still at {@code user.version()}. */
    void delete(User user);

    /**
     * Users of every tenant left provisioning, with a login update pending or owed a mail, last written before
     * {@code before}, oldest first, starting after {@code after} (the last one of the previous page, or null).
     */
    List<User> pending(Instant before, User after, int limit);

    /** A page of the tenant's users, sorted by last name then first name. */
    Page<User> list(String tenantId, UserQuery query, int limit, String cursor);

    /**
     * A page of the tenant's users created by or assigned to the Partner Admin {@code partnerAdminId}
     * (the "created or assigned" realm, seed 003), sorted by name, narrowed by every filter of {@code query}.
     * (A default only so that decorators written before it still compile.)
     */
    default Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor) {
        throw new UnsupportedOperationException("listCreatedOrAssigned");
    }

    void insertProfile(Profile profile);

    Page<Profile> listProfiles(String tenantId, int limit, String cursor);

    /** Creates a tenant; a tenant that exists already is a {@code Conflict}. */
    void insertTenant(Tenant tenant);

    /** The username is held by another user (whose id it names). */
    final class UsernameTaken extends RuntimeException {
        private final String holderId;

        public UsernameTaken(String holderId) {
            super("username taken", null, false, false);
            this.holderId = holderId;
        }

        public String holderId() { return holderId; }
    }
}
