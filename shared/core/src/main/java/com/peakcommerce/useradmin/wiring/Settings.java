package com.peakcommerce.useradmin.wiring;

import java.util.Optional;

/**
 * Configuration by name: the Lambda environment variable, or else a system property of the same name
 * (which is how the local server configures the handlers it runs in-process). Never secrets: those
 * come from SSM at init.
 */
public final class Settings {
    /** The namespace of the claims the post-login Action puts into access tokens, unless {@code CLAIM_NAMESPACE} names another. */
    public static final String DEFAULT_CLAIM_NAMESPACE = "peakcommerce.example";

    private Settings() {}

    /** {@code CLAIM_NAMESPACE}: the claims are {@code https://<namespace>/tenant}, {@code …/user_id}, {@code …/role}. */
    public static String claimNamespace() {
        return optional("CLAIM_NAMESPACE").orElse(DEFAULT_CLAIM_NAMESPACE);
    }

    public static Optional<String> optional(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) value = System.getProperty(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Setting " + name + " is missing"));
    }
}
