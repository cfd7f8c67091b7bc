package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Claimed;
import com.peakcommerce.useradmin.ports.IdempotencyStore.StoredAnswer;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a piece of work at most once per key, without HTTP (SPEC B2): the HTTP mapper runs each keyed
 * request through it (the scope is the caller, the key the {@code Idempotency-Key}), and a queue worker
 * can run each row so (a scope of its own, keys such as {@code <import id>#<row>}).
 *
 * <p>The key is claimed for the work's fingerprint in one conditional write; the work runs only under a
 * claim; its answer is stored (when {@code keep} says so) for every later run with the same key and
 * fingerprint, or the claim is released so that a later run does the work again. Storing or releasing
 * failing is logged and leaves the claim to its lease: the answer in hand still goes out.
 */
public final class Idempotent {
    private final IdempotencyStore store;

    public Idempotent(IdempotencyStore store) { this.store = store; }

    /** What {@link #run} did. */
    public sealed interface Result<T> {
        /** The work ran now and answered {@code value}. */
        record Ran<T>(T value) implements Result<T> {}

        /** The same work answered before under this key: its stored answer. */
        record Replayed<T>(StoredAnswer answer) implements Result<T> {}

        /** The same work is still running under this key (or died less than a lease ago). */
        record InProgress<T>() implements Result<T> {}

        /** The key belongs to other work (another fingerprint). */
        record KeyReused<T>() implements Result<T> {}
    }

    /**
     * Runs {@code work} under {@code key} of {@code scope} in {@code tenantId}, unless the key was claimed
     * already. A value {@code keep} accepts is stored as {@code answer} gives it; any other, and any
     * exception the work throws, gives the key up again.
     */
    public <T> Result<T> run(String tenantId, String scope, String key, String fingerprint, Supplier<T> work,
                             Predicate<T> keep, Function<T, StoredAnswer> answer) {
        Claimed claim;
        switch (store.claim(tenantId, scope, key, fingerprint)) {
            case Claimed claimed -> claim = claimed;
            case IdempotencyStore.Replay replay -> { return new Result.Replayed<>(replay.answer()); }
            case IdempotencyStore.InProgress inProgress -> { return new Result.InProgress<>(); }
            case IdempotencyStore.KeyReused reused -> { return new Result.KeyReused<>(); }
        }
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            settle(claim, null);
            throw e;
        }
        settle(claim, keep.test(value) ? answer.apply(value) : null);
        return new Result.Ran<>(value);
    }

    /** Stores {@code answer}, or (for {@code null}) releases the claim; a failure of either is logged. */
    private void settle(Claimed claim, StoredAnswer answer) {
        try {
            if (answer != null) store.complete(claim, answer);
            else store.release(claim);
        } catch (RuntimeException e) {
            Log.error("idempotency record not settled", e, "stored", answer != null);
        }
    }
}
