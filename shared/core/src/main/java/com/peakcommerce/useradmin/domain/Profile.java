package com.peakcommerce.useradmin.domain;

import java.time.Instant;

/** A tenant-defined bundle of permissions, assigned to portal users with their role (seed 002). */
public record Profile(String tenantId, String id, String name, long version, Instant createdAt, Instant updatedAt) {}
