package com.peakcommerce.useradmin.http;

import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.domain.DomainException.UnsupportedFormat;
import com.peakcommerce.useradmin.domain.DomainException.VersionRequired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place that turns a refusal into an RFC 9457 problem document. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE = "https://peakcommerce.example/problems/";

    private Problems() {}

    public static Response of(DomainException e, String requestId) {
        return switch (e) {
            case Invalid invalid -> problem(400, "invalid-request", "The request is invalid", e.getMessage(), invalid.errors(), requestId);
            case Forbidden f -> problem(403, "forbidden", "Forbidden", e.getMessage(), List.of(), requestId);
            case NotFound n -> problem(404, "not-found", "Not found", e.getMessage(), List.of(), requestId);
            case Conflict c -> problem(409, "conflict", "Conflict", e.getMessage(),
                    c.field() == null ? List.of() : List.of(new FieldError(c.field(), e.getMessage())), requestId);
            case StaleVersion s -> problem(412, "stale-version", "The record has changed", e.getMessage(),
                    List.of(new FieldError("If-Match", e.getMessage())), requestId);
            case VersionRequired v -> problem(428, "version-required", "If-Match is required", e.getMessage(),
                    List.of(new FieldError("If-Match", e.getMessage())), requestId);
            case UnsupportedFormat u -> problem(415, "unsupported-media-type", "Unsupported media type", e.getMessage(),
                    List.of(new FieldError("Content-Type", e.getMessage())), requestId);
            case Unavailable u -> problem(503, "unavailable", "A service the request depends on did not answer", e.getMessage(), List.of(), requestId)
                    .withHeader("Retry-After", "5");
        };
    }

    public static Response unauthenticated(String detail, String requestId) {
        return problem(401, "unauthenticated", "Unauthenticated", detail, List.of(), requestId);
    }

    /** An unexpected failure: the caller learns only the request id; the cause goes to the log. */
    public static Response internal(String requestId) {
        return problem(500, "internal", "Internal error", "Something went wrong on our side. Quote request id " + requestId + " when reporting it.", List.of(), requestId);
    }

    public static Response problem(int status, String slug, String title, String detail, List<FieldError> errors, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        }
        body.put("requestId", requestId);
        return new Response(status, body, Map.of("Content-Type", CONTENT_TYPE));
    }
}
