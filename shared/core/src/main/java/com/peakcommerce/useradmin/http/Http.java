package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.Idempotent;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdempotencyStore;

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
    private final IdempotencyStore idempotency;
    private final String claimNamespace;

    /** {@code idempotency} holds the keyed requests' answers; {@code claimNamespace} is where the caller's claims are. */
    public Http(IdempotencyStore idempotency, String claimNamespace) {
        this.idempotency = idempotency;
        this.claimNamespace = claimNamespace;
    }

    /**
     * For routes without a verified caller (the Auth0 hooks authenticate their callers themselves): a key is
     * claimed only for a verified caller, so no store is ever asked.
     */
    public static Http withoutCallers(String claimNamespace) {
        return new Http(new IdempotencyStore() {
            @Override public Outcome claim(String tenantId, String callerId, String key, String fingerprint) { throw new IllegalStateException("no caller"); }
            @Override public void complete(Claimed claim, StoredAnswer answer) { throw new IllegalStateException("no caller"); }
            @Override public void release(Claimed claim) { throw new IllegalStateException("no caller"); }
        }, claimNamespace);
    }

    public APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context, Function<Request, Response> operation) {
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : Request.gatewayRequestId(event);
        Request request = new Request(event, claimNamespace, requestId);
        Map<String, Object> logContext = new LinkedHashMap<>();
        logContext.put("requestId", requestId);
        logContext.put("route", event.getRouteKey());
        Log.context(logContext);
        try {
            var caller = safeCaller(request);
            String key = null;
            if (caller != null) {
                Log.put("tenantId", caller.tenantId());
                Log.put("callerId", caller.userId());
                key = Idempotency.key(request);
            }
            if (key == null) return toEvent(answer(operation, request, requestId));
            // One run per caller and key (the transport-free Idempotent: its scope is the caller).
            var result = new Idempotent(idempotency).run(caller.tenantId(), caller.userId(), key, Idempotency.fingerprint(request),
                    () -> Sent.of(answer(operation, request, requestId)),
                    sent -> Idempotency.keep(sent.event().getStatusCode()),
                    sent -> Idempotency.stored(sent.response(), sent.event()));
            return switch (result) {
                case Idempotent.Result.Ran<Sent> ran -> ran.value().event();
                case Idempotent.Result.Replayed<Sent> replay -> {
                    Log.info("idempotent replay", "status", replay.answer().status());
                    yield Idempotency.replay(replay.answer());
                }
                case Idempotent.Result.InProgress<Sent> inProgress -> {
                    Log.info("idempotency key in progress");
                    yield toEvent(Idempotency.inProgress(requestId));
                }
                case Idempotent.Result.KeyReused<Sent> reused -> {
                    Log.info("idempotency key reused for another request");
                    yield toEvent(Idempotency.reused(requestId));
                }
            };
        } catch (DomainException e) {
            return toEvent(refused(e, requestId));
        } catch (RuntimeException e) {
            Log.error("unexpected failure", e);
            return toEvent(Problems.internal(requestId));
        }
    }

    /** An answer and the event it went out as (a replay stores both: the body shown once, the headers sent). */
    private record Sent(Response response, APIGatewayV2HTTPResponse event) {
        static Sent of(Response response) { return new Sent(response, toEvent(response)); }
    }

    /** The operation's answer, or its refusal as a problem document; never an exception. */
    private static Response answer(Function<Request, Response> operation, Request request, String requestId) {
        try {
            return operation.apply(request);
        } catch (DomainException e) {
            return refused(e, requestId);
        } catch (RuntimeException e) {
            Log.error("unexpected failure", e);
            return Problems.internal(requestId);
        }
    }

    private static Response refused(DomainException e, String requestId) {
        Response response = Problems.of(e, requestId);
        Log.info("refused", "status", response.status(), "reason", e.getClass().getSimpleName());
        return response;
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
