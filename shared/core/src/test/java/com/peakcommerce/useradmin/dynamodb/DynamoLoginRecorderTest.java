package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Login;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The post-login UpdateItem leaves the user's item exactly as the full item of the user it reports would be:
 * status, its index key and every other derived attribute, compared attribute by attribute with {@link ItemMapper#userItem}.
 */
class DynamoLoginRecorderTest {
    private final World world = World.seeded();
    private final DynamoLoginRecorder recorder = new DynamoLoginRecorder(world.dynamo.client, world.dynamo.table);

    private java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored(String id) {
        return world.dynamo.client.getItem(b -> b.tableName(world.dynamo.table).key(Keys.user(World.TENANT, id)).consistentRead(true)).item();
    }

    @Test
    void theFirstLoginSetsWhatTheFullItemOfAVerifiedUserHolds() {
        User before = world.seedUser(World.TENANT, World.CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        Login first = new Login(World.TENANT, World.CUSTOMER_ID, 1, true, "carla@example.com", Instant.parse("2026-11-25T08:00:00Z"));

        var recorded = recorder.record(first);

        assertTrue(recorded.applied() && recorded.verified());
        User expected = DynamoLoginRecorder.after(before, first, true);
        assertEquals(UserStatus.ACTIVE_VERIFIED, expected.status());
        assertEquals(ItemMapper.userItem(expected), stored(World.CUSTOMER_ID), "every attribute, the status index key included");
    }

    @Test
    void aLaterLoginSetsOnlyTheLoginAttributesAndTheItemStaysWhole() {
        world.seedUser(World.TENANT, World.CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        recorder.record(new Login(World.TENANT, World.CUSTOMER_ID, 1, true, "carla@example.com", Instant.parse("2026-11-25T08:00:00Z")));
        User before = world.stored(World.CUSTOMER_ID);
        Login second = new Login(World.TENANT, World.CUSTOMER_ID, 2, true, "carla@example.com", Instant.parse("2026-11-26T08:00:00Z"));

        recorder.record(second);

        User expected = DynamoLoginRecorder.after(before, second, false);
        assertEquals(ItemMapper.userItem(expected), stored(World.CUSTOMER_ID));
        assertEquals(Set.of("lastLoginAt", "loginCount", "version"), ItemMapper.changed(before, expected).set().keySet(),
                "what the blind update sets is what a login changes");
        assertEquals(Set.of(), ItemMapper.changed(before, expected).removed());
    }
}
