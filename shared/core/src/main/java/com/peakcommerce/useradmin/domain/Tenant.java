package com.peakcommerce.useradmin.domain;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One merchant's portal. Its name appears in every mail the service sends. Its logins live in its own
 * identity-provider database connection ({@code connection}, fixed at bootstrap), so one person can be
 * a user of two tenants, and no answer of the provider is about another tenant's logins.
 */
public record Tenant(String id, String name, String connection, Instant createdAt) {
    /** An Auth0 connection name: letters, digits and inner hyphens, at most 128 characters. */
    private static final Pattern CONNECTION = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,126}[A-Za-z0-9])?$");

    /** The connection a tenant gets when the operator names none: {@code users-<tenant id>}. */
    public static String defaultConnection(String tenantId) {
        return "users-" + tenantId;
    }

    public static boolean isConnectionName(String name) {
        return name != null && CONNECTION.matcher(name).matches() && !name.contains("--");
    }
}
