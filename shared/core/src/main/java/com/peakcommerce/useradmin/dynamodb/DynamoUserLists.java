package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.ports.UserLists;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/** {@link UserLists} on the table: each list one Query of the index made for it; no request path scans. */
public final class DynamoUserLists implements UserLists {
    private final Table table;
    private final DynamoDbClient dynamo;

    public DynamoUserLists(Table table) {
        this.table = table;
        this.dynamo = table.dynamo();
    }

    @Override
    public Page<User> list(String tenantId, UserQuery query, int limit, String cursor) {
        return new UserListQuery(tenantId, query).run(dynamo, table.name(), limit, cursor);
    }

    /**
     * The "created or assigned" realm: two Queries of {@code limit} items, byPartnerAdmin and byCreator of
     * the Partner Admin, both sorted by name key, merged (a user in both counts once). Only what both
     * have read up to is certain, so the page ends at the lower of their {@code LastEvaluatedKey}s; the
     * cursor is that position (a name key), and the next page starts both Queries after it.
     */
    @Override
    public Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor) {
        String after = Cursors.decodeRealm(cursor);
        // DynamoDB orders string keys by their UTF-8 bytes; so does this map.
        java.util.Comparator<String> byBytes = (a, b) -> java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.TreeMap<String, Map<String, AttributeValue>> merged = new java.util.TreeMap<>(byBytes);
        String bound = null;
        boolean anyMore = false;
        for (var source : List.of(Map.entry(Index.BY_PARTNER_ADMIN, "PARTNERADMIN"), Map.entry(Index.BY_CREATOR, "CREATOR"))) {
            Index index = source.getKey();
            String partition = Keys.byUser(tenantId, source.getValue(), partnerAdminId);
            QueryResponse response = dynamo.query(realmQuery(index, partition, tenantId, query, after, limit));
            response.items().forEach(item -> merged.put(ItemMapper.str(item, index.sortKey()), item));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                String last = response.lastEvaluatedKey().get(index.sortKey()).s();
                bound = bound == null || byBytes.compare(last, bound) < 0 ? last : bound;
                anyMore = true;
            }
        }
        var certain = bound == null ? merged : merged.headMap(bound, true);
        List<User> items = certain.values().stream().limit(limit).map(ItemMapper::user).toList();
        String next;
        if (certain.size() > limit) next = certain.keySet().stream().skip(limit - 1).findFirst().orElseThrow();
        else next = anyMore ? bound : null;
        return new Page<>(items, next == null ? null : Cursors.encodeRealm(next));
    }

    private QueryRequest realmQuery(Index index, String partition, String tenantId, UserQuery query, String after, int limit) {
        // Every filter is applied (the partition is the Partner Admin's, none of the filters), so they can only narrow the realm.
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>(Keys.user(tenantId, Keys.idOfNameKey(after)));
            start.put(index.partitionKey(), s(partition));
            start.put(index.sortKey(), s(after));
        }
        return UserListQuery.request(table.name(), index, partition, query, false).exclusiveStartKey(start).limit(limit).build();
    }

    @Override
    public long countProfileHolders(String tenantId, String profileId) {
        Index index = Index.BY_PROFILE;
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            QueryResponse response = dynamo.query(b -> b.tableName(table.name()).indexName(index.indexName())
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", index.partitionKey()))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.byProfile(tenantId, profileId))))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                    .exclusiveStartKey(from));
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Override
    public Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor) {
        return table.page(Index.BY_PROFILE, tenantId, Keys.byProfile(tenantId, profileId), limit, cursor, ItemMapper::user);
    }

    /** Picks the index for a users-list request and builds its Query. */
    private record UserListQuery(String tenantId, UserQuery query) {

        Page<User> run(DynamoDbClient dynamo, String table, int limit, String cursor) {
            Index index = index();
            String partition = partition(index);
            QueryResponse response = dynamo.query(request(table, index, partition, query, true)
                    .exclusiveStartKey(Cursors.decode(cursor, index, partition, Keys.tenantPrefix(tenantId)))
                    .limit(limit).build());
            return new Page<>(response.items().stream().map(ItemMapper::user).toList(),
                    response.hasLastEvaluatedKey() ? Cursors.encode(index, response.lastEvaluatedKey()) : null);
        }

        /**
         * A users-list Query of {@code partition} of {@code index}: the name or username prefix, and every filter
         * of {@code query} as a FilterExpression inside the partition, except the one the partition already is
         * when {@code partitionIsAFilter} (a list picked by its most selective filter; not a realm's partition).
         */
        static QueryRequest.Builder request(String table, Index index, String partition, UserQuery query, boolean partitionIsAFilter) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#pk", index.partitionKey());
            values.put(":pk", s(partition));
            String keyCondition = "#pk = :pk";
            List<String> filters = new ArrayList<>();
            if (query.q() != null) {
                boolean byUsername = query.q().contains("@");
                // q is a username prefix, or a last-name prefix optionally followed by a first-name prefix.
                String[] words = byUsername ? new String[]{User.usernameKey(query.q())} : UserQuery.nameWords(query.q());
                values.put(":q", s(words[0]));
                if (byUsername && index != Index.BY_USERNAME) {
                    names.put("#uk", Index.BY_USERNAME.sortKey());
                    filters.add("begins_with(#uk, :q)");
                } else {
                    names.put("#sk", index.sortKey());
                    keyCondition += " AND begins_with(#sk, :q)";
                }
                if (words.length > 1) {
                    names.put("#fk", ItemMapper.FIRST_NAME_KEY);
                    values.put(":first", s(words[1]));
                    filters.add("begins_with(#fk, :first)");
                }
            }
            Index pinned = partitionIsAFilter ? index : null;
            filter(filters, names, values, pinned != Index.BY_ROLE, "role", query.role() == null ? null : query.role().name());
            filter(filters, names, values, pinned != Index.BY_STATUS, "status", query.status() == null ? null : query.status().name());
            filter(filters, names, values, pinned != Index.BY_ACCOUNT, "accountNumber", query.accountNumber());
            filter(filters, names, values, pinned != Index.BY_PARTNER, "partnerId", query.partnerId());
            filter(filters, names, values, pinned != Index.BY_SALES_REP, "salesRepId", query.salesRepId());
            filter(filters, names, values, pinned != Index.BY_PARTNER_ADMIN, "partnerAdminId", query.partnerAdminId());
            if (query.hiddenRole() != null) {
                names.put("#hidden", "role");
                values.put(":hidden", s(query.hiddenRole().name()));
                filters.add("#hidden <> :hidden");
            }
            return QueryRequest.builder().tableName(table).indexName(index.indexName())
                    .keyConditionExpression(keyCondition)
                    .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                    .expressionAttributeNames(names).expressionAttributeValues(values);
        }

        /** The most selective index the request allows: an association, then role, then status, then all. */
        private Index index() {
            if (query.partnerAdminId() != null) return Index.BY_PARTNER_ADMIN;
            if (query.salesRepId() != null) return Index.BY_SALES_REP;
            if (query.partnerId() != null) return Index.BY_PARTNER;
            if (query.accountNumber() != null) return Index.BY_ACCOUNT;
            if (query.role() != null) return Index.BY_ROLE;
            if (query.status() != null) return Index.BY_STATUS;
            if (query.q() != null && query.q().contains("@")) return Index.BY_USERNAME;
            return Index.BY_NAME;
        }

        private String partition(Index index) {
            return switch (index) {
                case BY_PARTNER_ADMIN -> Keys.byUser(tenantId, "PARTNERADMIN", query.partnerAdminId());
                case BY_SALES_REP -> Keys.byUser(tenantId, "SALESREP", query.salesRepId());
                case BY_PARTNER -> Keys.byUser(tenantId, "PARTNER", query.partnerId());
                case BY_ACCOUNT -> Keys.byAccount(tenantId, query.accountNumber());
                case BY_ROLE -> Keys.byRole(tenantId, query.role());
                case BY_STATUS -> Keys.byStatus(tenantId, query.status());
                case BY_NAME, BY_USERNAME -> Keys.usersList(tenantId);
                case BY_PENDING, BY_PROFILE, BY_CREATOR -> throw new IllegalArgumentException("not a users list index");
            };
        }

        private static void filter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                   boolean needed, String attribute, String value) {
            if (!needed || value == null) return;
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

}
