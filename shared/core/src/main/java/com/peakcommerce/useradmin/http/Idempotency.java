package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.ports.IdempotencyStore.StoredAnswer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HTTP side of {@code Idempotency-Key} (SPEC "The HTTP API", B2), used by {@link Http#respond}:
 * which requests it applies to, the key's form, the request's fingerprint, what is stored of an answer
 * and how a stored answer goes out again.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");
    /** 1 to 255 visible ASCII characters: a UUID, a hash, a job and row number. */
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    /** The headers a replay must repeat; Content-Type and Cache-Control are set on every answer anyway. */
    private static final List<String> KEPT_HEADERS = List.of("Location", "ETag", "Content-Type", "Retry-After");

    private Idempotency() {}

    /** The request's key, or {@code null} when it has none or is no write; a malformed key is a 400 naming the header. */
    static String key(Request request) {
        if (!WRITES.contains(request.method())) return null;
        String key = request.header(HEADER);
        if (key == null) return null;
        if (!KEY.matcher(key).matches()) {
            throw new Invalid(HEADER, HEADER + " must be 1 to 255 visible ASCII characters (no spaces), such as a UUID.");
        }
        return key;
    }

    /**
     * What the request says, hashed: method, path and query, {@code If-Match} (a PATCH means something
     * else with another version) and the body's bytes. The same key with another fingerprint is refused.
     */
    static String fingerprint(Request request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String ifMatch = request.header("If-Match");
            String head = request.method() + "\n" + request.rawTarget() + "\n" + (ifMatch == null ? "" : ifMatch.strip()) + "\n";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(request.rawBody());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Only successes are kept: a refusal changed nothing and a failure is finished by running again. */
    static boolean keep(int status) {
        return status >= 200 && status < 300;
    }

    /** The answer as it went out, with the replay body in place of one shown only once. */
    static StoredAnswer stored(Response response, APIGatewayV2HTTPResponse sent) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = sent.getHeaders() == null ? null : sent.getHeaders().get(name);
            if (value != null) headers.put(name, value);
        }
        String body = response.replayBody() != null ? Json.write(response.replayBody()) : sent.getBody();
        return new StoredAnswer(sent.getStatusCode(), headers, body);
    }

    /** A stored answer sent again, marked as such. */
    static APIGatewayV2HTTPResponse replay(StoredAnswer answer) {
        Map<String, String> headers = new HashMap<>(answer.headers());
        headers.put("Cache-Control", "no-store");
        headers.put(REPLAYED, "true");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.status())
                .withHeaders(headers)
                .withBody(answer.body())
                .build();
    }

    static Response inProgress(String requestId) {
        String detail = "A request with this Idempotency-Key is still in progress; retry shortly.";
        return Problems.problem(409, "idempotency-key-in-progress", "A request with this key is still in progress", detail,
                List.of(new FieldError(HEADER, detail)), requestId).withHeader("Retry-After", "1");
    }

    static Response reused(String requestId) {
        String detail = "This Idempotency-Key was used for a different request (another method, path, If-Match or body); use a new key for a new request.";
        return Problems.problem(422, "idempotency-key-reused", "The key belongs to another request", detail,
                List.of(new FieldError(HEADER, detail)), requestId);
    }
}
