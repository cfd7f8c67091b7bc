package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.testing.MovableClock;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Claimed;
import com.peakcommerce.useradmin.ports.IdempotencyStore.InProgress;
import com.peakcommerce.useradmin.ports.IdempotencyStore.KeyReused;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Outcome;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Replay;
import com.peakcommerce.useradmin.ports.IdempotencyStore.StoredAnswer;
import com.peakcommerce.useradmin.testing.MotoTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idempotency records on the moto emulator: claims, answers, leases and expiry, one request each. */
class DynamoIdempotencyStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final StoredAnswer CREATED = new StoredAnswer(201, Map.of("Location", "/users/42", "ETag", "\"2\""), "{\"id\":\"42\"}");

    private final MotoTable dynamo = MotoTable.newTable();
    private final MovableClock clock = new MovableClock(T0);
    private final DynamoIdempotencyStore store = new DynamoIdempotencyStore(dynamo.client, dynamo.table, clock);

    private Outcome claim(String key, String fingerprint) { return store.claim("demo", "admin-1", key, fingerprint); }

    @Test
    void aKeyIsClaimedOnceThenItsStoredAnswerIsReplayed() {
        Claimed claim = assertInstanceOf(Claimed.class, claim("k", "f1"));
        store.complete(claim, CREATED);

        Replay replay = assertInstanceOf(Replay.class, claim("k", "f1"));
        assertEquals(CREATED, replay.answer());
    }

    @Test
    void anAnswerWithoutABodyIsReplayedWithout() {
        store.complete(assertInstanceOf(Claimed.class, claim("k", "f1")), new StoredAnswer(204, Map.of(), null));
        assertEquals(new StoredAnswer(204, Map.of(), null), assertInstanceOf(Replay.class, claim("k", "f1")).answer());
    }

    @Test
    void anotherFingerprintIsRefusedWhetherTheKeyIsDoneOrRunning() {
        store.complete(assertInstanceOf(Claimed.class, claim("done", "f1")), CREATED);
        claim("running", "f1");

        assertInstanceOf(KeyReused.class, claim("done", "f2"));
        assertInstanceOf(KeyReused.class, claim("running", "f2"));
        assertInstanceOf(InProgress.class, claim("running", "f1"));
    }

    @Test
    void keysAreScopedByTenantAndCaller() {
        store.complete(assertInstanceOf(Claimed.class, claim("k", "f1")), CREATED);

        assertInstanceOf(Claimed.class, store.claim("demo", "admin-2", "k", "f2"));
        assertInstanceOf(Claimed.class, store.claim("other", "admin-1", "k", "f2"));
    }

    @Test
    void aReleasedKeyIsFreeAgain() {
        store.release(assertInstanceOf(Claimed.class, claim("k", "f1")));
        assertInstanceOf(Claimed.class, claim("k", "f2"));
    }

    @Test
    void aRunningClaimIsTakenOverByTheSameRequestOnlyAfterItsLease() {
        Claimed dead = assertInstanceOf(Claimed.class, claim("k", "f1"));

        clock.set(T0.plus(DynamoIdempotencyStore.LEASE));
        assertInstanceOf(InProgress.class, claim("k", "f1"));
        clock.set(T0.plus(DynamoIdempotencyStore.LEASE).plusSeconds(1));
        assertInstanceOf(KeyReused.class, claim("k", "f2"));
        Claimed takeover = assertInstanceOf(Claimed.class, claim("k", "f1"));

        store.complete(dead, new StoredAnswer(200, Map.of(), "{\"late\":true}"));   // the first run, too late: ignored
        store.release(dead);                                                          // likewise
        assertInstanceOf(InProgress.class, claim("k", "f1"));
        store.complete(takeover, CREATED);
        assertEquals(CREATED, assertInstanceOf(Replay.class, claim("k", "f1")).answer());
    }

    @Test
    void aRecordIsKept24HoursThenIgnoredThoughTtlHasNotDeletedIt() {
        store.complete(assertInstanceOf(Claimed.class, claim("k", "f1")), CREATED);
        Map<String, AttributeValue> item = onlyItem();
        assertEquals(Long.toString(T0.plus(Duration.ofHours(24)).getEpochSecond()), item.get(TableDefinition.TTL_ATTRIBUTE).n());

        clock.set(T0.plus(Duration.ofHours(24)));
        assertInstanceOf(Replay.class, claim("k", "f1"));
        clock.set(T0.plus(Duration.ofHours(24)).plusSeconds(1));
        assertInstanceOf(Claimed.class, claim("k", "f2"));
    }

    @Test
    void theItemNamesTheKeyOnlyByItsHashAndEachCallCostsOneRequest() {
        dynamo.resetCalls();
        Claimed claim = assertInstanceOf(Claimed.class, claim("job-7#row-12 TENANT#other", "f1"));
        store.complete(claim, CREATED);
        claim("job-7#row-12 TENANT#other", "f1");

        assertEquals(List.of("putItem", "updateItem", "putItem"), dynamo.calls());
        Map<String, AttributeValue> item = onlyItem();
        String pk = item.get(Keys.PK).s();
        assertTrue(pk.matches("^TENANT#demo#IDEMPOTENCY#admin-1#[0-9a-f]{64}$"), pk);
        assertEquals("IDEMPOTENCY", item.get(Keys.SK).s());
        assertEquals("DONE", item.get("state").s());
        assertNull(item.get("leaseUntil"));
    }

    private Map<String, AttributeValue> onlyItem() {
        List<Map<String, AttributeValue>> items = dynamo.client.scan(b -> b.tableName(dynamo.table)).items();
        assertEquals(1, items.size());
        return items.getFirst();
    }

}
