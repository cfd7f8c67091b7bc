package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.ports.PendingUsers;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/** {@link PendingUsers} on the table: the sparse byPending index, keyed by the time of the last write. */
public final class DynamoPendingUsers implements PendingUsers {
    private final Table table;

    public DynamoPendingUsers(Table table) { this.table = table; }

    @Override
    public List<User> pending(Instant before, User after, int limit) {
        Index index = Index.BY_PENDING;
        // Keys start with an ISO timestamp, so "0" is below them all; "\u0000" makes the lower bound
        // exclusive: it sorts right after the previous page's last key.
        String from = after == null ? "0" : Keys.pendingSince(after.updatedAt(), after.tenantId(), after.id()) + "\u0000";
        return table.dynamo().query(QueryRequest.builder().tableName(table.name()).indexName(index.indexName())
                        .keyConditionExpression("#pk = :pk AND #since BETWEEN :from AND :before")
                        .expressionAttributeNames(Map.of("#pk", index.partitionKey(), "#since", index.sortKey()))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.PENDING), ":from", s(from), ":before", s(before.toString())))
                        .limit(limit).build())
                .items().stream().map(ItemMapper::user).toList();
    }
}
