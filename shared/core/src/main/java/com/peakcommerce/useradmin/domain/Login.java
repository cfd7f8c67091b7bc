package com.peakcommerce.useradmin.domain;

import java.time.Instant;

/**
 * One successful login, as the identity provider reports it (the post-login Action or a log stream).
 *
 * @param tenantId      the user's tenant
 * @param userId        the service's user id
 * @param loginsCount   the identity provider's count of the user's logins, this one included. It orders
 *                      the reports of one user: a report whose count is not above the recorded one is
 *                      the same login again (or an older one) and changes nothing.
 * @param emailVerified whether the provider holds the login's email as verified
 * @param email         the login's email, or {@code null} when the report does not carry it
 * @param at            when the login happened
 * @param requestId     the request that reported it (the hook's), for the audit entry of a flip; or null
 */
public record Login(String tenantId, String userId, long loginsCount, boolean emailVerified, String email, Instant at, String requestId) {

    public Login(String tenantId, String userId, long loginsCount, boolean emailVerified, String email, Instant at) {
        this(tenantId, userId, loginsCount, emailVerified, email, at, null);
    }

    /**
     * The flip rule (SPEC V1): a login verifies an unverified user if it is their first one the service
     * records (they set their password through the emailed link, which verifies the address, or were
     * given one by an admin), or if it comes with the login's email verified and that email is the
     * user's current username (after a username change, the new address).
     */
    public boolean verifies(User before) {
        return before.loginCount() == 0 || emailMatches(before);
    }

    /** The login's email is verified and is {@code user}'s username, compared as usernames are. */
    public boolean emailMatches(User user) {
        return emailVerified && email != null && User.usernameKey(email).equals(User.usernameKey(user.username()));
    }
}
