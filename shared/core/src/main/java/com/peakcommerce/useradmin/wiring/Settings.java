package com.peakcommerce.useradmin.wiring;

import java.util.Map;
import java.util.Optional;

/**
 * Configuration by name: the Lambda environment variable, or else a system property of the same name, or
 * else a default this composition was given ({@link #withDefaults}: how the local server configures what it
 * runs, without changing the process). Never secrets: those come from SSM.
 */
public final class Settings {
    /** The namespace of the claims the post-login Action puts into access tokens, unless {@code CLAIM_NAMESPACE} names another. */
    public static final String DEFAULT_CLAIM_NAMESPACE = "peakcommerce.example";
    private static final Settings ENVIRONMENT = new Settings(Map.of());

    private final Map<String, String> defaults;
    private final boolean environment;

    private Settings(Map<String, String> defaults) { this(defaults, true); }

    private Settings(Map<String, String> defaults, boolean environment) {
        this.defaults = Map.copyOf(defaults);
        this.environment = environment;
    }

    /** Exactly {@code values}, whatever the environment holds: a test's settings. */
    public static Settings of(Map<String, String> values) { return new Settings(values, false); }

    /** The process's environment. */
    public static Settings environment() { return ENVIRONMENT; }

    /** These settings, with {@code defaults} for the names they do not have. */
    public Settings withDefaults(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(more);
        all.putAll(defaults);
        return new Settings(all, environment);
    }

    /** {@code CLAIM_NAMESPACE}: the claims are {@code https://<namespace>/tenant}, {@code …/user_id}, {@code …/role}. */
    public String claimNamespace() {
        return optional("CLAIM_NAMESPACE").orElse(DEFAULT_CLAIM_NAMESPACE);
    }

    public Optional<String> optional(String name) {
        String value = environment ? System.getenv(name) : null;
        if (environment && (value == null || value.isBlank())) value = System.getProperty(name);
        if (value == null || value.isBlank()) value = defaults.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Setting " + name + " is missing"));
    }
}
