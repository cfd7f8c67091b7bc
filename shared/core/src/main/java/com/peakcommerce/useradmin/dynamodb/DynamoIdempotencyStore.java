package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.wiring.Ids;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.n;
import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * The {@link IdempotencyStore} as one item per caller and key: {@code TENANT#t#IDEMPOTENCY#<caller>#<sha256(key)>}
 * / {@code IDEMPOTENCY}, with {@code fingerprint}, {@code state} ({@code IN_PROGRESS} or {@code DONE}),
 * {@code token} (the claim's), {@code leaseUntil}, {@code expiresAt} (the table's TTL attribute, 24 hours
 * after the claim) and, once done, the answer: {@code status}, {@code headers}, {@code body}.
 *
 * <p>A keyed request costs two writes: the claim (a conditional PutItem) and the answer (UpdateItem)
 * or the release (DeleteItem). A replay costs one: the claim's failed condition returns the record
 * (ALL_OLD), so nothing is read first.
 *
 * <p>TTL deletes expired items only eventually, so expiry is checked in the condition. A claim whose
 * run died (a Lambda timeout, a crash) would block its key for a day; instead it is held for a lease
 * longer than any function's timeout, after which a retry of the same request takes it over. The
 * operations are written so that a retry finishes what a dead run left (see {@code UserAdministration}).
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {
    /** How long a key and its answer are kept. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** How long a run holds its claim: well beyond the functions' timeout (15 s in template.yaml). */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String DONE = "DONE";
    private static final Map<String, String> NAMES = Map.of(
            "#expires", TableDefinition.TTL_ATTRIBUTE, "#state", "state", "#lease", "leaseUntil", "#fingerprint", "fingerprint");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Outcome claim(String tenantId, String callerId, String key, String fingerprint) {
        Instant now = clock.instant();
        Claimed claim = new Claimed(tenantId, callerId, key, Ids.random());
        Map<String, AttributeValue> item = new HashMap<>(recordKey(claim));
        item.put(ItemMapper.ENTITY, s("IDEMPOTENCY"));
        item.put("fingerprint", s(fingerprint));
        item.put("state", s(IN_PROGRESS));
        item.put("token", s(claim.token()));
        item.put("claimedAt", s(now.toString()));
        item.put("leaseUntil", n(now.plus(LEASE).getEpochSecond()));
        item.put(TableDefinition.TTL_ATTRIBUTE, n(now.plus(RETENTION).getEpochSecond()));
        try {
            // Free, expired, or the same request's claim whose run died: take it.
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #expires < :now"
                            + " OR (#state = :inProgress AND #lease < :now AND #fingerprint = :fingerprint)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":inProgress", s(IN_PROGRESS),
                            ":fingerprint", s(fingerprint)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return claim;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> held = e.item();
            if (held == null || held.isEmpty()) return new InProgress(); // gone meanwhile: the retry will claim it
            if (!fingerprint.equals(ItemMapper.str(held, "fingerprint"))) return new KeyReused();
            if (DONE.equals(ItemMapper.str(held, "state"))) return new Replay(answer(held));
            return new InProgress();
        }
    }

    @Override
    public void complete(Claimed claim, StoredAnswer answer) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", s(DONE));
        values.put(":token", s(claim.token()));
        values.put(":status", n(answer.status()));
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, s(value)));
        values.put(":headers", AttributeValue.fromM(headers));
        String update = "SET #state = :done, #status = :status, #headers = :headers";
        if (answer.body() != null) {
            values.put(":body", s(answer.body()));
            update += ", #body = :body";
        }
        String expression = update + " REMOVE #lease";
        Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#status", "status", "#headers", "headers", "#lease", "leaseUntil", "#token", "token"));
        if (answer.body() != null) names.put("#body", "body");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(recordKey(claim))
                    .updateExpression(expression)
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // Taken over after the lease (this run outlived it) or expired: the later claim answers for the key.
            Log.warn("idempotency claim lost before its answer was stored", "status", answer.status());
        }
    }

    @Override
    public void release(Claimed claim) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(recordKey(claim))
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", s(claim.token()))));
        } catch (ConditionalCheckFailedException e) {
            // no longer this run's claim: leave the later one alone
        }
    }

    private static Map<String, AttributeValue> recordKey(Claimed claim) {
        return Keys.idempotencyRecord(claim.tenantId(), claim.callerId(), sha256(claim.key()));
    }

    private static StoredAnswer answer(Map<String, AttributeValue> item) {
        Map<String, String> headers = new LinkedHashMap<>();
        AttributeValue stored = item.get("headers");
        if (stored != null && stored.hasM()) stored.m().forEach((name, value) -> headers.put(name, value.s()));
        AttributeValue body = item.get("body");
        return new StoredAnswer((int) ItemMapper.num(item, "status"), headers, body == null ? null : body.s());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
