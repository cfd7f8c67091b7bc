package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.Login;
import com.peakcommerce.useradmin.domain.User;

import java.util.Optional;

/**
 * Where logins are recorded (the users table in production). Each report is one conditional write on
 * the user's record, so that a report delivered twice, or reports racing an admin's edit, cannot undo
 * each other.
 */
public interface LoginRecorder {

    /**
     * Records {@code login} on its user if the user exists, is neither suspended nor still provisioning,
     * and has not recorded a count as high as {@code login.loginsCount()}: last login time and count,
     * the next version, and, where {@link Login#verifies} says so, the flip to verified.
     */
    Recorded record(Login login);

    /**
     * The tenant that holds the user with this id (user ids are unique across tenants, as the identity
     * provider's logins are); empty when none does. For reports that name no tenant (log streams).
     */
    Optional<String> tenantOf(String userId);

    /**
     * The identity-provider connection that holds the tenant's logins ({@link com.peakcommerce.useradmin.domain.Tenant#connection()});
     * empty when there is no such tenant. It is fixed at the tenant's bootstrap, so a caller may keep it.
     */
    Optional<String> connectionOf(String tenantId);

    /**
     * What {@link #record} did.
     *
     * @param applied  whether the login was written
     * @param verified whether this write flipped the user from unverified to verified
     * @param user     when applied, the user as written; otherwise the user as found (empty: no such user)
     */
    record Recorded(boolean applied, boolean verified, Optional<User> user) {}
}
