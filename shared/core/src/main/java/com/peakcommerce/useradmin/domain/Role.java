package com.peakcommerce.useradmin.domain;

/** A user's general experience of the portal. */
public enum Role {
    GLOBAL_ADMIN, SYSTEM_ADMIN, PARTNER_ADMIN, ACCOUNT_EXECUTIVE, PARTNER_ACCOUNT_EXECUTIVE, PARTNER, CUSTOMER;

    public boolean isAdministrator() {
        return this == GLOBAL_ADMIN || this == SYSTEM_ADMIN;
    }
}
