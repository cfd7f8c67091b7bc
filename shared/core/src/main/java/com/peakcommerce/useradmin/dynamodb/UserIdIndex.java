package com.peakcommerce.useradmin.dynamodb;

/**
 * The one index that is not a list (hence not an {@link Index}): every item that has an {@code id}
 * (users, profiles, tenants), keyed by that id and its {@code entity}, across tenants. It answers one
 * question: which tenant holds the user with this id, when only the id is known (an Auth0 log stream
 * names the login, not the tenant). It projects the keys only, so it costs an index write when such
 * an item is created or deleted and nothing when one is updated; {@code id} and {@code entity} must
 * stay strings on every item. {@link TableDefinition} and {@code template.yaml} declare it.
 */
public final class UserIdIndex {
    public static final String NAME = "byUserId";
    public static final String PARTITION_KEY = "id";
    public static final String SORT_KEY = ItemMapper.ENTITY;

    private UserIdIndex() {}
}
