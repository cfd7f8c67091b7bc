package com.peakcommerce.useradmin.domain;

import java.util.List;
import java.util.Optional;

/** What a Partner Admin may see (seed 003). The two realms exist in every tenant, so they are code, not data. */
public enum Realm {
    CREATED_OR_ASSIGNED("created-or-assigned", "Partner Account Executives created by or assigned to them"),
    ALL_PARTNER_ACCOUNT_EXECUTIVES("all-partner-account-executives", "All Partner Account Executives");

    public static final List<Realm> ALL = List.of(values());

    private final String id;
    private final String name;

    Realm(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String id() { return id; }

    public String displayName() { return name; }

    public static Optional<Realm> byId(String id) {
        return ALL.stream().filter(realm -> realm.id.equals(id)).findFirst();
    }
}
