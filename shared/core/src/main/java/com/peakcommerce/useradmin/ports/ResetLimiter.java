package com.peakcommerce.useradmin.ports;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts public password-reset requests per address (SPEC S3), so that the public route cannot be used
 * to flood someone's mailbox. Counting is atomic: concurrent requests never let more through than
 * {@code limit} per window.
 */
public interface ResetLimiter {

    /**
     * Counts one request for {@code email} in {@code tenantId} and says whether it is within
     * {@code limit} requests per {@code window} (a fixed window starting at the first counted request).
     * A refused request is not counted.
     */
    boolean tryCount(String tenantId, String email, int limit, Duration window, Instant now);
}
