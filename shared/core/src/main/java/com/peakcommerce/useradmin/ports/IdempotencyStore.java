package com.peakcommerce.useradmin.ports;

import java.util.Map;

/**
 * Remembers, per caller and {@code Idempotency-Key}, which request was sent under the key and the
 * answer it got (one DynamoDB item per key in production), so that a retry gets the first answer
 * instead of running the operation again (SPEC B2, "The HTTP API").
 *
 * <p>A key is first <em>claimed</em> for a request, identified by its fingerprint (a hash of what
 * the request says); the HTTP layer then runs the operation and either {@linkplain #complete stores
 * the answer} or {@linkplain #release releases the claim} so that a retry runs again. Records expire
 * 24 hours after the claim; an expired one counts as absent.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code key} of caller {@code callerId} in {@code tenantId} for the request with
     * {@code fingerprint}, in one conditional write, or says why not: the answer to replay, another
     * request with this key still running, or the key taken by a different request.
     */
    Outcome claim(String tenantId, String callerId, String key, String fingerprint);

    /** Stores the answer of the claimed request, to be replayed to every retry with its key. */
    void complete(Claimed claim, StoredAnswer answer);

    /** Gives the key up again (the operation failed in a way a retry may finish); only if still this claim's. */
    void release(Claimed claim);

    /** What {@link #claim} found. */
    sealed interface Outcome permits Claimed, Replay, InProgress, KeyReused {}

    /** The key is this request's now: run the operation. {@code token} tells this claim from a later one of the same key. */
    record Claimed(String tenantId, String callerId, String key, String token) implements Outcome {}

    /** The same request was answered before under this key: send that answer again. */
    record Replay(StoredAnswer answer) implements Outcome {}

    /** The same request is still running under this key (or its run died less than a lease ago). */
    record InProgress() implements Outcome {}

    /** The key was used for a different request (another method, path, If-Match or body). */
    record KeyReused() implements Outcome {}

    /** An answer as it went out: status, the headers that matter to a replay, and the body ({@code null} for none). */
    record StoredAnswer(int status, Map<String, String> headers, String body) {
        public StoredAnswer {
            headers = Map.copyOf(headers);
        }
    }
}
