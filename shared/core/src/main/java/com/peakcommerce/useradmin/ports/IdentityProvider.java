package com.peakcommerce.useradmin.ports;

import java.net.URI;

/**
 * The identity provider that holds users' credentials (Auth0 in production).
 *
 * <p>Users are addressed by the service's own user id; the adapter maps it to the provider's id. Each
 * tenant's logins live in the tenant's own database connection ({@link com.peakcommerce.useradmin.domain.Tenant#connection()}):
 * a login is created in it, and an email is unique within it only.
 * Every operation is safe to repeat: a retry after a lost answer finishes the work instead of
 * failing or duplicating it. Failures are {@link IdentityProviderException}s.
 */
public interface IdentityProvider {

    /**
     * Makes sure the database connection {@code connection} exists (a tenant's, at bootstrap): creates it
     * when it does not; one that exists already is used as it is.
     */
    void ensureConnection(String connection);

    /**
     * Creates the login in {@code login.connection()}. Creating a login that already exists under the same
     * user id succeeds (a retry after a lost answer); an email held by another login of the same
     * connection is a {@code CONFLICT}. The provider sends no mail of its own.
     */
    void createLogin(NewLogin login);

    /** Changes the login's email and names (in the login's own connection); a changed email is marked unverified. */
    void updateLogin(String userId, LoginUpdate update);

    /** Blocks the login so that it cannot log in. Idempotent. */
    void block(String userId);

    /** Lifts a block. Idempotent. */
    void unblock(String userId);

    /** Deletes the login; a login that is already gone counts as deleted. */
    void deleteLogin(String userId);

    /** A single-use link with which the user sets a new password; following it verifies the email. */
    URI passwordChangeTicket(String userId);

    /** A single-use link that verifies the login's current email. */
    URI emailVerificationTicket(String userId);

    /**
     * A login to create.
     *
     * @param password the initial password, or {@code null} when the user will set their own through
     *                 a password-change link (the adapter then sets an unguessable one no one knows)
     */
    record NewLogin(String userId, String tenantId, String connection, String email, String givenName, String familyName,
                    String password, boolean blocked) {
        @Override
        public String toString() { // never print the password
            return "NewLogin[userId=" + userId + ", tenantId=" + tenantId + ", connection=" + connection + ", blocked=" + blocked + "]";
        }
    }

    /** Changes to a login; a {@code null} component is left as it is. */
    record LoginUpdate(String email, String givenName, String familyName) {}
}
