package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.ports.Stores;

/** Every port of the table, on one {@link Table}. */
public final class DynamoStores {
    private DynamoStores() {}

    public static Stores of(Table table) {
        return new Stores(new DynamoSnapshots(table), new DynamoUsers(table), new DynamoUserLists(table), new DynamoProfiles(table),
                new DynamoTenants(table), new DynamoAuditTrail(table), new DynamoPendingUsers(table));
    }
}
