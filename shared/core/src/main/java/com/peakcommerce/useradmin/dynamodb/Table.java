package com.peakcommerce.useradmin.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import com.peakcommerce.useradmin.domain.Page;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * The service's one table and the writes every adapter makes on it: each conditional, each keeping beside
 * it what its refusal means, so that a transaction turns the item that failed into the domain's refusal
 * from that item's own handler (never from a position in a list).
 */
public record Table(DynamoDbClient dynamo, String name, Duration auditRetention) {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    /** The table {@code name}, its audit entries kept the default {@link AuditItems#DEFAULT_RETENTION}. */
    public Table(DynamoDbClient dynamo, String name) { this(dynamo, name, AuditItems.DEFAULT_RETENTION); }

    /** What a refused condition means, from what the item held (ALL_OLD: no second read; empty when absent). */
    @FunctionalInterface
    public interface Refusal extends Function<Map<String, AttributeValue>, RuntimeException> {}

    /** One item of a transaction and its refusal; {@code refusal} null for an item whose condition cannot fail. */
    public record Write(TransactWriteItem item, Refusal refusal) {}

    /** A put that needs the key free. */
    public Write putNew(Map<String, AttributeValue> item, Refusal refusal) {
        return put(item, "attribute_not_exists(pk)", Map.of(), Map.of(), refusal);
    }

    public Write put(Map<String, AttributeValue> item, String condition, Map<String, String> names, Map<String, AttributeValue> values, Refusal refusal) {
        return new Write(TransactWriteItem.builder().put(Put.builder().tableName(name).item(item).conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(), refusal);
    }

    public Write delete(Map<String, AttributeValue> key, String condition, Map<String, String> names, Map<String, AttributeValue> values, Refusal refusal) {
        return new Write(TransactWriteItem.builder().delete(Delete.builder().tableName(name).key(key).conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(), refusal);
    }

    /** A condition on an item the transaction does not write. */
    public Write check(Map<String, AttributeValue> key, String condition, Map<String, String> names, Refusal refusal) {
        return new Write(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(name).key(key)
                .conditionExpression(condition).expressionAttributeNames(names.isEmpty() ? null : names).build()).build(), refusal);
    }

    /** An audit entry, whose key is new: its condition never fails. */
    public Write audit(com.peakcommerce.useradmin.domain.AuditEntry entry) {
        return new Write(AuditItems.put(name, entry, auditRetention), null);
    }

    /**
     * All of {@code writes} or none. When a condition fails, that item's refusal turns what the item held into
     * the domain's exception.
     */
    public void transact(List<Write> writes) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes.stream().map(Write::item).toList()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
                Refusal refusal = writes.get(i).refusal();
                if (refusal != null && CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) throw refusal.apply(orEmpty(reasons.get(i).item()));
            }
            throw e;
        }
    }

    /**
     * One write on its own (a PutItem or DeleteItem, cheaper than a transaction of one), with the same refusal.
     */
    public void write(Write write) {
        try {
            if (write.item().put() != null) {
                Put put = write.item().put();
                dynamo.putItem(b -> b.tableName(name).item(put.item()).conditionExpression(put.conditionExpression())
                        .expressionAttributeNames(put.expressionAttributeNames().isEmpty() ? null : put.expressionAttributeNames())
                        .expressionAttributeValues(put.expressionAttributeValues().isEmpty() ? null : put.expressionAttributeValues())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            } else {
                throw new IllegalArgumentException("only a put is written on its own");
            }
        } catch (ConditionalCheckFailedException e) {
            if (write.refusal() == null) throw e;
            throw write.refusal().apply(orEmpty(e.item()));
        }
    }

    /** One item, strongly consistent. */
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(name).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** A page of one index partition, in the index's order, with a cursor that only works for that partition. */
    public <T> Page<T> page(Index index, String tenantId, String partition, int limit, String cursor, Function<Map<String, AttributeValue>, T> mapper) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(name).indexName(index.indexName())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", index.partitionKey()))
                .expressionAttributeValues(Map.of(":pk", s(partition)))
                .exclusiveStartKey(Cursors.decode(cursor, index, partition, Keys.tenantPrefix(tenantId)))
                .limit(limit).build());
        return new Page<>(response.items().stream().map(mapper).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(index, response.lastEvaluatedKey()) : null);
    }

    private static Map<String, AttributeValue> orEmpty(Map<String, AttributeValue> item) {
        return item == null ? Map.of() : item;
    }
}
