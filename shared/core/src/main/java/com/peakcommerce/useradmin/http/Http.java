package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Claimed;
import com.peakcommerce.useradmin.ports.IdempotencyStore.InProgress;
import com.peakcommerce.useradmin.ports.IdempotencyStore.KeyReused;
import com.peakcommerce.useradmin.ports.IdempotencyStore.Replay;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Wiring;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one operation for one HTTP API event: parse, call, map the answer or the refusal.
 *
 * <p>Every {@code POST}, {@code PATCH} and {@code DELETE} with an {@code Idempotency-Key} from a known
 * caller runs at most once per caller and key within 24 hours ({@link IdempotencyStore}): the key is
 * claimed before the operation runs; a retry of the same request gets the first answer again (marked
 * {@code Idempotent-Replayed: true}), the same key on a different request 422, a retry while the first
 * run is still going 409. Only successes are kept: a refusal changed nothing (so running it again does
 * nothing twice) and a 5xx is finished by running again, so both give the key up. Requests without a
 * verified caller (the public routes) ignore the key: scoped by route alone, one anonymous client
 * could replay another's answer, and anyone could write records to the table.
 */
public final class Http {
    private Http() {}

    public static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context, Function<Request, Response> operation) {
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : Request.gatewayRequestId(event);
        Request request = new Request(event, Settings.claimNamespace(), requestId);
        Map<String, Object> logContext = new LinkedHashMap<>();
        logContext.put("requestId", requestId);
        logContext.put("route", event.getRouteKey());
        Log.context(logContext);
        Response response;
        IdempotencyStore store = null;
        Claimed claim = null;
        try {
            var caller = safeCaller(request);
            if (caller != null) {
                Log.put("tenantId", caller.tenantId());
                Log.put("callerId", caller.userId());
                String key = Idempotency.key(request);
                if (key != null) {
                    store = idempotencyStore();
                    switch (store.claim(caller.tenantId(), caller.userId(), key, Idempotency.fingerprint(request))) {
                        case Claimed claimed -> claim = claimed;
                        case Replay replay -> {
                            Log.info("idempotent replay", "status", replay.answer().status());
                            return Idempotency.replay(replay.answer());
                        }
                        case InProgress inProgress -> {
                            Log.info("idempotency key in progress");
                            return toEvent(Idempotency.inProgress(requestId));
                        }
                        case KeyReused reused -> {
                            Log.info("idempotency key reused for another request");
                            return toEvent(Idempotency.reused(requestId));
                        }
                    }
                }
            }
            response = operation.apply(request);
        } catch (DomainException e) {
            response = Problems.of(e, requestId);
            Log.info("refused", "status", response.status(), "reason", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            Log.error("unexpected failure", e);
            response = Problems.internal(requestId);
        }
        APIGatewayV2HTTPResponse sent = toEvent(response);
        if (claim != null) settle(store, claim, response, sent);
        return sent;
    }

    /**
     * Stores a success for replays, or gives the key up. Either failing is logged and leaves the claim
     * to its lease: the caller still gets this answer, and a retry after the lease runs again (which
     * the operations finish rather than repeat).
     */
    private static void settle(IdempotencyStore store, Claimed claim, Response response, APIGatewayV2HTTPResponse sent) {
        try {
            if (Idempotency.keep(sent.getStatusCode())) store.complete(claim, Idempotency.stored(response, sent));
            else store.release(claim);
        } catch (RuntimeException e) {
            Log.error("idempotency record not settled", e, "status", sent.getStatusCode());
        }
    }

    /** Built on the first keyed request only, so functions that only read never build it. */
    private static IdempotencyStore idempotencyStore() {
        return Wiring.idempotencyStore();
    }

    private static com.peakcommerce.useradmin.domain.CallerId safeCaller(Request request) {
        try {
            return request.caller();
        } catch (DomainException e) {
            return null; // the operation refuses it when it asks
        }
    }

    static APIGatewayV2HTTPResponse toEvent(Response response) {
        Map<String, String> headers = new HashMap<>();
        if (response.body() != null) headers.put("Content-Type", "application/json");
        headers.putAll(response.headers());
        // Nothing the API answers is for caches, unless the operation says otherwise on purpose (the
        // public key set, GET /.well-known/jwks.json).
        headers.putIfAbsent("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body() == null ? null : Json.write(response.body()))
                .build();
    }
}
