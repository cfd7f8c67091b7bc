package com.peakcommerce.useradmin.domain;

/** What the users list shows. Derived from a user's flags, never set directly. */
public enum UserStatus {
    /** The identity-provider side is still being created. */
    PROVISIONING("Provisioning"),
    ACTIVE_UNVERIFIED("Active (unverified)"),
    ACTIVE_VERIFIED("Active (verified)"),
    SUSPENDED("Suspended");

    private final String label;

    UserStatus(String label) { this.label = label; }

    public String label() { return label; }
}
