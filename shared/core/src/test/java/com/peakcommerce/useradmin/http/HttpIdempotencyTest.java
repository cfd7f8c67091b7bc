package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.MotoTable;
import com.peakcommerce.useradmin.wiring.Settings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic part of Idempotency-Key in {@link Http#respond}: what is kept, what is ignored, what a broken store does. */
class HttpIdempotencyTest {
    private final MotoTable dynamo = MotoTable.newTable();
    private final AtomicInteger runs = new AtomicInteger();

    private Http http = with(new DynamoIdempotencyStore(dynamo.client, dynamo.table, Clock.systemUTC()));

    private static Http with(IdempotencyStore store) { return new Http(store, Settings.DEFAULT_CLAIM_NAMESPACE); }

    private static APIGatewayV2HTTPEvent keyed(String eventName, String key) {
        APIGatewayV2HTTPEvent event = Events.load(eventName);
        event.getHeaders().put("idempotency-key", key);
        return event;
    }

    private Function<Request, Response> counted(Function<Request, Response> operation) {
        return request -> {
            runs.incrementAndGet();
            return operation.apply(request);
        };
    }

    private static final Function<Request, Response> CREATED = request -> Response.created(Map.of("id", "42"), "/users/42").withHeader("X-Not-Kept", "1");

    @Test
    void anUnexpectedFailureGivesTheKeyUpSoTheRetryRuns() {
        var failingOnce = counted(request -> {
            if (runs.get() == 1) throw new IllegalStateException("boom");
            return CREATED.apply(request);
        });

        APIGatewayV2HTTPResponse failed = http.respond(keyed("create-user", "k"), null, failingOnce);
        APIGatewayV2HTTPResponse retried = http.respond(keyed("create-user", "k"), null, failingOnce);
        APIGatewayV2HTTPResponse replayed = http.respond(keyed("create-user", "k"), null, failingOnce);

        assertEquals(500, failed.getStatusCode());
        assertEquals(201, retried.getStatusCode());
        assertEquals(201, replayed.getStatusCode());
        assertEquals(2, runs.get());
        assertEquals("/users/42", replayed.getHeaders().get("Location"));
        assertEquals("application/json", replayed.getHeaders().get("Content-Type"));
        assertEquals("no-store", replayed.getHeaders().get("Cache-Control"));
        assertEquals("true", replayed.getHeaders().get("Idempotent-Replayed"));
        assertFalse(replayed.getHeaders().containsKey("X-Not-Kept"), "only the headers that matter are kept");
    }

    @Test
    void aStoreThatCannotClaimIsA500AndTheOperationDoesNotRun() {
        http = with(new Broken(true, false));

        APIGatewayV2HTTPResponse answer = http.respond(keyed("create-user", "k"), null, counted(CREATED));

        assertEquals(500, answer.getStatusCode());
        assertEquals(0, runs.get());
    }

    @Test
    void aStoreThatCannotKeepTheAnswerStillAnswers() {
        http = with(new Broken(false, true));

        APIGatewayV2HTTPResponse answer = http.respond(keyed("create-user", "k"), null, counted(CREATED));

        assertEquals(201, answer.getStatusCode());
        assertEquals(1, runs.get());
    }

    @Test
    void readsAndRequestsWithoutACallerIgnoreTheKey() {
        http = with(new Broken(true, true));
        APIGatewayV2HTTPEvent anonymous = keyed("create-user", "k");
        anonymous.getRequestContext().setAuthorizer(null);

        assertEquals(200, http.respond(keyed("get-user", "k"), null, counted(request -> Response.ok(Map.of()))).getStatusCode());
        assertEquals(202, http.respond(anonymous, null, counted(request -> Response.accepted(Map.of()))).getStatusCode());
        assertEquals(2, runs.get());
    }

    @Test
    void aBase64BodyHasTheFingerprintOfItsBytes() {
        APIGatewayV2HTTPEvent plain = keyed("create-user", "k");
        APIGatewayV2HTTPEvent encoded = keyed("create-user", "k");
        encoded.setBody(Base64.getEncoder().encodeToString(plain.getBody().getBytes(StandardCharsets.UTF_8)));
        encoded.setIsBase64Encoded(true);

        http.respond(plain, null, counted(CREATED));
        APIGatewayV2HTTPResponse second = http.respond(encoded, null, counted(CREATED));

        assertEquals("true", second.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, runs.get());
    }

    @Test
    void theFingerprintCoversMethodPathQueryIfMatchAndBody() {
        Request base = new Request(keyed("update-user", "k"), "peakcommerce.example", "test-request");
        String fingerprint = Idempotency.fingerprint(base);

        APIGatewayV2HTTPEvent otherIfMatch = keyed("update-user", "k");
        otherIfMatch.getHeaders().put("if-match", "\"99\"");
        APIGatewayV2HTTPEvent otherPath = keyed("update-user", "k");
        otherPath.setRawPath(otherPath.getRawPath() + "x");
        APIGatewayV2HTTPEvent otherQuery = keyed("update-user", "k");
        otherQuery.setRawQueryString("a=1");
        APIGatewayV2HTTPEvent otherBody = keyed("update-user", "k");
        otherBody.setBody(otherBody.getBody() + " ");

        for (APIGatewayV2HTTPEvent other : new APIGatewayV2HTTPEvent[]{otherIfMatch, otherPath, otherQuery, otherBody}) {
            assertFalse(fingerprint.equals(Idempotency.fingerprint(new Request(other, "peakcommerce.example", "test-request"))));
        }
        assertEquals(fingerprint, Idempotency.fingerprint(new Request(keyed("update-user", "other key"), "peakcommerce.example", "test-request")));
    }

    @Test
    void aReplayedAnswerLeavesOutWhatIsShownOnce() {
        Function<Request, Response> withSecret = request -> Response.created(Map.of("id", "42", "secret", "s3cr3t"), "/users/42")
                .replayedAs(Map.of("id", "42"));

        APIGatewayV2HTTPResponse first = http.respond(keyed("create-user", "k"), null, withSecret);
        APIGatewayV2HTTPResponse replayed = http.respond(keyed("create-user", "k"), null, withSecret);

        assertTrue(first.getBody().contains("s3cr3t"));
        assertEquals("{\"id\":\"42\"}", replayed.getBody());
        assertNull(first.getHeaders().get("Idempotent-Replayed"));
    }

    /** A store whose table is unreachable at claim and/or at settling. */
    private record Broken(boolean atClaim, boolean atSettle) implements IdempotencyStore {
        @Override
        public Outcome claim(String tenantId, String callerId, String key, String fingerprint) {
            if (atClaim) throw new IllegalStateException("table unreachable");
            return new Claimed(tenantId, callerId, key, "t");
        }

        @Override
        public void complete(Claimed claim, StoredAnswer answer) { if (atSettle) throw new IllegalStateException("table unreachable"); }

        @Override
        public void release(Claimed claim) { if (atSettle) throw new IllegalStateException("table unreachable"); }
    }
}
