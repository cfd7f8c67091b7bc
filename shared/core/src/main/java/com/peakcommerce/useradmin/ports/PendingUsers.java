package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.User;

import java.time.Instant;
import java.util.List;

/** The users a request left half-done, for the reconciler: across tenants, by the index of pending work. */
public interface PendingUsers {

    /**
     * Users left provisioning, with a login update pending or owed a mail, last written before {@code before},
     * oldest first, starting after {@code after} (the last one of the previous page, or null).
     */
    List<User> pending(Instant before, User after, int limit);
}
