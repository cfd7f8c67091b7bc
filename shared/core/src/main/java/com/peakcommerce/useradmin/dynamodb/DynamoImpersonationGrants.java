package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.ports.ImpersonationGrants;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.n;
import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * Log-in-as grants as items of the table ({@code TENANT#t#IMPERSONATION#<jti>}, sk {@code IMPERSONATION}),
 * deleted by TTL at {@code expiresAt} (the credential's {@code exp}, epoch seconds).
 *
 * <p>Issuing is one {@code TransactWriteItems}: the grant ({@code attribute_not_exists(pk)}) and the audit
 * entries. Redeeming is one {@code TransactWriteItems} too: an {@code Update} of the grant that sets
 * {@code redeemedAt} under {@code attribute_exists(pk) AND attribute_not_exists(redeemedAt) AND expiresAt > :now}
 * (and the subject and actor it names), with a {@code ConditionCheck} on each of the two users (exists,
 * not suspended, not provisioning): the one use is decided by DynamoDB, never by a read before the write.
 */
public final class DynamoImpersonationGrants implements ImpersonationGrants {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final int ATTEMPTS = 5;
    private static final String ACTIVE_USER = "attribute_exists(pk) AND #suspended = :false AND #provisioning = :false";

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.time.Duration auditRetention;

    public DynamoImpersonationGrants(DynamoDbClient dynamo, String table) { this(new Table(dynamo, table)); }

    /** On {@code table}, its audit entries kept as long as the table says. */
    public DynamoImpersonationGrants(Table table) {
        this.dynamo = table.dynamo();
        this.table = table.name();
        this.auditRetention = table.auditRetention();
    }

    @Override
    public void issue(Grant grant, List<AuditEntry> audit) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.impersonationGrant(grant.tenantId(), grant.jti()));
        item.put(ItemMapper.ENTITY, s("IMPERSONATION"));
        item.put("tenantId", s(grant.tenantId()));
        item.put("jti", s(grant.jti()));
        item.put("subjectId", s(grant.subjectId()));
        item.put("actorId", s(grant.actorId()));
        item.put("issuedAt", s(grant.issuedAt().toString()));
        item.put("expiresAt", n(grant.expiresAt().getEpochSecond()));
        if (grant.requestId() != null) item.put("requestId", s(grant.requestId()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (AuditEntry entry : audit) writes.add(AuditItems.put(table, entry, auditRetention));
        dynamo.transactWriteItems(t -> t.transactItems(writes));
    }

    @Override
    public Redemption redeem(String tenantId, String jti, String subjectId, String actorId, Instant now) {
        Update markRedeemed = Update.builder().tableName(table).key(Keys.impersonationGrant(tenantId, jti))
                .updateExpression("SET redeemedAt = :at")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(redeemedAt) AND expiresAt > :now"
                        + " AND subjectId = :subject AND actorId = :actor")
                .expressionAttributeValues(Map.of(":at", s(now.toString()), ":now", n(now.getEpochSecond()),
                        ":subject", s(subjectId), ":actor", s(actorId)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().update(markRedeemed).build(),
                        TransactWriteItem.builder().conditionCheck(activeUser(tenantId, subjectId)).build(),
                        TransactWriteItem.builder().conditionCheck(activeUser(tenantId, actorId)).build()));
                return Redemption.REDEEMED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) return why(reasons.get(0).item(), subjectId, actorId, now);
                if (failed(reasons, 1)) return Redemption.SUBJECT_INACTIVE;
                if (failed(reasons, 2)) return Redemption.ACTOR_INACTIVE;
                // Two redeems of one grant at the same instant: DynamoDB cancels one as a TransactionConflict
                // without deciding. Trying again lets the condition decide (it finds the other's redeemedAt).
                if (attempt == ATTEMPTS || !conflict(reasons)) throw e;
            }
        }
    }

    private static boolean conflict(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()));
    }

    private ConditionCheck activeUser(String tenantId, String userId) {
        return ConditionCheck.builder().tableName(table).key(Keys.user(tenantId, userId))
                .conditionExpression(ACTIVE_USER)
                .expressionAttributeNames(Map.of("#suspended", "suspended", "#provisioning", "provisioning"))
                .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false)))
                .build();
    }

    private static boolean failed(List<CancellationReason> reasons, int i) {
        return reasons != null && reasons.size() > i && CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code());
    }

    /** Which part of the grant's condition failed, from the item as it was (ALL_OLD, no second read). */
    private static Redemption why(Map<String, AttributeValue> old, String subjectId, String actorId, Instant now) {
        if (old == null || old.isEmpty()) return Redemption.UNKNOWN;
        if (!subjectId.equals(ItemMapper.str(old, "subjectId")) || !actorId.equals(ItemMapper.str(old, "actorId"))) return Redemption.UNKNOWN;
        if (old.containsKey("redeemedAt")) return Redemption.ALREADY_REDEEMED;
        if (ItemMapper.num(old, "expiresAt") <= now.getEpochSecond()) return Redemption.EXPIRED;
        return Redemption.UNKNOWN;
    }
}
