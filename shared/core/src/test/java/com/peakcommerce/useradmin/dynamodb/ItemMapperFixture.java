package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Profile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Items written straight to a test's table, as if they had been there before the test (no audit entry). */
public final class ItemMapperFixture {
    private ItemMapperFixture() {}

    public static void putProfile(DynamoDbClient dynamo, String table, Profile profile) {
        Table t = new Table(dynamo, table);
        t.transact(java.util.List.of(t.putNew(ItemMapper.profileItem(profile), old -> new IllegalStateException("profile exists")),
                t.putNew(ItemMapper.profileNameMarkerItem(profile), old -> new IllegalStateException("profile name taken"))));
    }
}
