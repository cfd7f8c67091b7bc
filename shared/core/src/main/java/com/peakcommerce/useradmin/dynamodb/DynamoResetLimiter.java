package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.ports.ResetLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.n;
import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * The reset counter as one item per address ({@code TENANT#t#RESET#<lower-cased email>} / {@code RESET}):
 * {@code count} and {@code expiresAt} (epoch seconds, the table's TTL attribute: the end of the window).
 *
 * <p>TTL deletes an expired item only eventually (up to days later), so the window's end is checked
 * in the conditions, never left to TTL. A request is one UpdateItem when the window is open, two
 * (the failed update, then a conditional Put that opens a new window) for the first of a window. A Put
 * that loses the race to open the window counts in the window the winner opened.
 */
public final class DynamoResetLimiter implements ResetLimiter {
    private static final Map<String, String> NAMES = Map.of("#count", "count", "#expires", TableDefinition.TTL_ATTRIBUTE);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoResetLimiter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean tryCount(String tenantId, String email, int limit, Duration window, Instant now) {
        var key = Keys.resetCounter(tenantId, email);
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> current;
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("ADD #count :one")
                        .conditionExpression("#expires > :now AND #count < :limit")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":one", n(1), ":now", n(now.getEpochSecond()), ":limit", n(limit)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return true;
            } catch (ConditionalCheckFailedException e) {
                current = e.item();
            }
            boolean windowOpen = current != null && !current.isEmpty() && ItemMapper.num(current, TableDefinition.TTL_ATTRIBUTE) > now.getEpochSecond();
            if (windowOpen) return false; // open and full
            if (openWindow(key, window, now)) return true;
            // another request opened the window first: count in it
        }
        return false;
    }

    /** Starts a new window with this request counted, unless another request has just started one. */
    private boolean openWindow(Map<String, AttributeValue> key, Duration window, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(ItemMapper.ENTITY, s("RESET_COUNTER"));
        item.put("count", n(1));
        item.put(TableDefinition.TTL_ATTRIBUTE, n(now.plus(window).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#expires", TableDefinition.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
