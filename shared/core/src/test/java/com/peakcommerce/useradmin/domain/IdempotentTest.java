package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.ports.IdempotencyStore.StoredAnswer;
import com.peakcommerce.useradmin.testing.MotoTable;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Work run at most once per key without HTTP, as a queue worker would (keys such as {@code <import id>#<row>}),
 * through the real DynamoDB store on moto.
 */
class IdempotentTest {
    private final MotoTable table = MotoTable.newTable();
    private final Idempotent idempotent = new Idempotent(new DynamoIdempotencyStore(table.client, table.table, Clock.fixed(World.NOW, ZoneOffset.UTC)));
    private final AtomicInteger runs = new AtomicInteger();

    private Idempotent.Result<String> row(String key, String fingerprint, String outcome) {
        return idempotent.run(World.TENANT, "import#imp-1", key, fingerprint, () -> {
            runs.incrementAndGet();
            return outcome;
        }, outcome::equals, value -> new StoredAnswer(201, Map.of(), value));
    }

    @Test
    void aRowRunsOnceAndItsRedeliveryGetsTheStoredAnswer() {
        assertEquals(new Idempotent.Result.Ran<>("created u-7"), row("imp-1#7", "fp-7", "created u-7"));
        var again = row("imp-1#7", "fp-7", "created u-7");

        assertInstanceOf(Idempotent.Result.Replayed.class, again);
        assertEquals("created u-7", ((Idempotent.Result.Replayed<String>) again).answer().body());
        assertEquals(1, runs.get(), "the redelivery did not run the work");
        assertInstanceOf(Idempotent.Result.KeyReused.class, row("imp-1#7", "another row", "created u-8"));
        assertEquals(new Idempotent.Result.Ran<>("created u-9"), row("imp-1#9", "fp-9", "created u-9"), "another key runs");
    }

    @Test
    void workThatFailsOrIsNotKeptGivesTheKeyUpForTheNextRun() {
        assertThrows(IllegalStateException.class, () -> idempotent.run(World.TENANT, "import#imp-1", "imp-1#3", "fp-3",
                () -> { throw new IllegalStateException("Auth0 answered 429"); }, v -> true, v -> new StoredAnswer(201, Map.of(), "x")));
        idempotent.run(World.TENANT, "import#imp-1", "imp-1#3", "fp-3", () -> "not kept", v -> false, v -> new StoredAnswer(201, Map.of(), v));

        assertEquals(new Idempotent.Result.Ran<>("created u-3"), row("imp-1#3", "fp-3", "created u-3"), "the retry runs the work");
    }
}
