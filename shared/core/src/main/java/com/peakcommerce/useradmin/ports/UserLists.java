package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;

/** Lists of a tenant's users, each a Query of an index made for it (eventually consistent), sorted by name. */
public interface UserLists {

    /** A page of the tenant's users, sorted by last name then first name. */
    Page<User> list(String tenantId, UserQuery query, int limit, String cursor);

    /**
     * A page of the users created by or assigned to the Partner Admin {@code partnerAdminId} (the "created or
     * assigned" realm, seed 003), sorted by name, narrowed by every filter of {@code query}.
     */
    Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor);

    /** How many users hold the profile (every page counted). */
    long countProfileHolders(String tenantId, String profileId);

    /** A page of the users holding the profile. */
    Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor);
}
