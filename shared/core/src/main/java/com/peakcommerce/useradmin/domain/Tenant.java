package com.peakcommerce.useradmin.domain;

import java.time.Instant;

/** One merchant's portal. Its name appears in every mail the service sends. */
public record Tenant(String id, String name, Instant createdAt) {}
