package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.ports.Snapshots;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Snapshots} on the table: one strongly consistent BatchGetItem (asked again for unprocessed keys only). */
public final class DynamoSnapshots implements Snapshots {
    private final Table table;

    public DynamoSnapshots(Table table) { this.table = table; }

    @Override
    public Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Keys.tenant(tenantId));
        userIds.forEach(id -> keys.add(Keys.user(tenantId, id)));
        profileIds.forEach(id -> keys.add(Keys.profile(tenantId, id)));

        Optional<Tenant> tenant = Optional.empty();
        Map<String, User> users = new HashMap<>();
        Map<String, Profile> profiles = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table.name(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) { // unprocessed keys come back under throttling; ask again for just those
            var pending = request;
            BatchGetItemResponse response = table.dynamo().batchGetItem(b -> b.requestItems(pending));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table.name(), List.of())) {
                switch (ItemMapper.str(item, ItemMapper.ENTITY)) {
                    case "TENANT" -> tenant = Optional.of(ItemMapper.tenant(item));
                    case "USER" -> users.put(ItemMapper.str(item, "id"), ItemMapper.user(item));
                    case "PROFILE" -> profiles.put(ItemMapper.str(item, "id"), ItemMapper.profile(item));
                    default -> { }
                }
            }
            request = response.unprocessedKeys();
        }
        return new Snapshot(tenant, users, profiles);
    }
}
