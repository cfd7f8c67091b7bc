package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.ports.AuditTrail;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/** {@link AuditTrail} on the table: a partition per subject, entries sorted by time. */
public final class DynamoAuditTrail implements AuditTrail {
    private final Table table;

    public DynamoAuditTrail(Table table) { this.table = table; }

    @Override
    public void audit(AuditEntry audit) {
        table.write(table.audit(audit));
    }

    @Override
    public Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor) {
        String trail = Keys.auditTrail(tenantId, AuditEntry.Subject.USER, userId);
        QueryResponse response = table.dynamo().query(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", s(trail)))
                .scanIndexForward(false) // newest first: the sort key orders entries by time
                .exclusiveStartKey(Cursors.decodeTableKey(cursor, trail))
                .limit(limit).build());
        return new Page<>(response.items().stream().map(AuditItems::entry).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encodeTableKey(response.lastEvaluatedKey()) : null);
    }
}
