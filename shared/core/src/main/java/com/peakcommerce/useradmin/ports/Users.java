package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.User;

import java.util.Optional;

/**
 * The users of a tenant, with their username markers. Every write is conditional; refusals are the domain's
 * exceptions ({@code StaleVersion}, {@code NotFound}, {@code Conflict}, {@link UsernameTaken}).
 *
 * <p>Writes come in two kinds. A change a person (or a service acting for one) makes carries its audit entry
 * (SPEC X3), written in the same transaction: insert, replace, delete. The service's own bookkeeping on a
 * record (leaving PROVISIONING, clearing "login update pending", the owed-mail mark) changes nothing anyone
 * asked for and is not audited: replaceBookkeeping, replacePendingMail.
 */
public interface Users {

    /** One user, strongly consistent. */
    Optional<User> user(String tenantId, String userId);

    /** The id of the user holding {@code username} (compared ignoring case), from its marker: one strongly consistent read. */
    Optional<String> userIdByUsername(String tenantId, String username);

    /**
     * Writes a new user, its username marker and {@code audit} (its creation) together; {@link UsernameTaken}
     * when the marker exists, a {@code Conflict} on {@code id} when the id does, and then nothing is written.
     */
    void insert(User user, AuditEntry audit);

    /**
     * Replaces {@code before} with {@code after} if the stored version is still {@code before.version()}, and
     * adds {@code audit} in the same transaction; moves the username marker in it too when the username
     * changed. A refusal writes nothing, the entry included.
     */
    void replace(User before, User after, AuditEntry audit);

    /**
     * Replaces {@code before} with {@code after} as {@link #replace} does, without an audit entry: only for the
     * service's own progress on a record that someone's audited change started.
     */
    void replaceBookkeeping(User before, User after);

    /**
     * Replaces {@code before} with {@code after}, which differs only in the mail it owes (same version, same
     * username), if the stored record still has both {@code before}'s version and its pending mail: of two
     * writers changing the mark from the same read, only one succeeds ({@code StaleVersion} for the other).
     */
    void replacePendingMail(User before, User after);

    /** Deletes the user and its username marker, and adds {@code audit}, together, if the user is still at {@code user.version()}. */
    void delete(User user, AuditEntry audit);

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
