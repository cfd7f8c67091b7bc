package com.peakcommerce.useradmin.domain;

import java.util.regex.Pattern;

/** The shape of every id the service issues or accepts (users, profiles, tenants in claims): anything else names no record. */
public final class Identifiers {
    /** Letters, digits, {@code -} and {@code _}, 1 to 64 of them (the service's ids are UUIDs). */
    public static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern ID = Pattern.compile("^" + ID_PATTERN + "$");

    private Identifiers() {}

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
