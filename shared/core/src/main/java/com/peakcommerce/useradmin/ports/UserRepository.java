package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.AuditEntry;
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
     * consistent read.
     */
    Optional<String> userIdByUsername(String tenantId, String username);

    /*
     * Writes come in two kinds. A change a person (or a service acting for one) makes to a user carries
     * its audit entry (SPEC X3), written in the same transaction: insert, replace, delete. The service's
     * own bookkeeping on a record (leaving PROVISIONING, clearing "login update pending", the owed-mail
     * mark) changes nothing anyone asked for and is not audited: replaceBookkeeping, replacePendingMail.
     */

    /**
     * Writes a new user, its username marker and {@code audit} (its creation) together;
     * {@link UsernameTaken} when the marker exists, and then nothing is written.
     */
    void insert(User user, AuditEntry audit);

    /**
     * Replaces {@code before} with {@code after} if the stored version is still {@code before.version()},
     * and adds {@code audit} (the change) in the same transaction; moves the username marker in it too
     * when the username changed. A refusal writes nothing, the entry included.
     */
    void replace(User before, User after, AuditEntry audit);

    /**
     * Replaces {@code before} with {@code after} as {@link #replace} does, without an audit entry: only
     * for the service's own progress on a record that someone's audited change started (leaving
     * PROVISIONING after a create, clearing "login update pending" after an edit).
     */
    void replaceBookkeeping(User before, User after);

    /**
     * Replaces {@code before} with {@code after}, which differs only in the mail it owes (same version,
     * same username), if the stored record still has both {@code before}'s version and its pending mail:
     * of two writers changing the mark from the same read, only one succeeds ({@code StaleVersion} for
     * the other), though neither bumps the version.
     */
    void replacePendingMail(User before, User after);

    /**
     * Deletes the user and its username marker, and adds {@code audit} (the deletion), together, if the
     * user is still at {@code user.version()}.
     */
    void delete(User user, AuditEntry audit);

    /**
     * Adds {@code audit} on its own: for what is not a write of the table (a mail sent), written right
     * after it happened. One conditional put.
     */
    void audit(AuditEntry audit);

    /**
     * A page of one user's audit trail, newest first. {@code cursor} (from the previous page) is
     * accepted only for this user's trail in this tenant.
     */
    Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor);

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
     */
    Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor);

    void insertProfile(Profile profile);

    Page<Profile> listProfiles(String tenantId, int limit, String cursor);

    // Profiles' edits and deletes (SPEC P2, P4).

    /** Writes a new profile, its name marker and {@code entry} together; a taken name is a {@code Conflict} on {@code name}. */
    void insertProfile(Profile profile, AuditEntry entry);

    /**
     * Replaces {@code before} with {@code after} if the stored version is still {@code before.version()} and no
     * delete is under way ({@code Conflict}); moves the name marker in the same transaction when the name
     * changed ({@code Conflict} on {@code name} when taken), and writes {@code entry} with it.
     */
    void replaceProfile(Profile before, Profile after, AuditEntry entry);

    /**
     * Marks the profile as being deleted ({@link Profile#retiring()} = {@code replacement}, or
     * {@link Profile#NO_REPLACEMENT}) if it exists and, when {@code expectedVersion} is given, is at that
     * version; from then on no user write may give it to anyone. Answers the marked profile. Marking a
     * profile marked already (a retried or concurrent delete) takes it over.
     */
    Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement);

    /** Removes the mark {@code profile} was given by {@link #markProfileRetiring}, if it is still that one. */
    void clearProfileRetiring(Profile profile);

    /** How many users hold the profile, from the byProfile index (eventually consistent; every page counted). */
    long countProfileHolders(String tenantId, String profileId);

    /** A page of the users holding the profile, from the byProfile index (eventually consistent). */
    Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor);

    /**
     * Deletes the profile and its name marker, with {@code entry}, if it still carries the mark
     * {@code profile.retiring()} ({@code Conflict} when another delete took it over).
     */
    void deleteProfile(Profile profile, AuditEntry entry);

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
