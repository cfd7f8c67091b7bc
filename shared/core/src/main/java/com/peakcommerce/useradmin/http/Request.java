package com.peakcommerce.useradmin.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.UnsupportedFormat;
import com.peakcommerce.useradmin.domain.Identifiers;
import com.peakcommerce.useradmin.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One API Gateway HTTP API (payload 2.0) request, read the way every handler needs it. */
public final class Request {
    /** Larger bodies are refused before parsing; no user record comes near it. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?([0-9]{1,18})\"?$");

    private final APIGatewayV2HTTPEvent event;
    private final String claimNamespace;
    private final String requestId;

    Request(APIGatewayV2HTTPEvent event, String claimNamespace, String requestId) {
        this.event = event;
        this.claimNamespace = claimNamespace;
        this.requestId = requestId;
    }

    /** The caller, from the claims the JWT authorizer verified; the tenant never comes from anywhere else. */
    public CallerId caller() {
        Map<String, String> claims = claims();
        String tenant = claims.get("https://" + claimNamespace + "/tenant");
        String user = claims.get("https://" + claimNamespace + "/user_id");
        if (tenant == null || user == null || !Identifiers.isId(tenant) || !Identifiers.isId(user)) {
            throw new Forbidden("The token does not name a tenant and a user of this service.");
        }
        return new CallerId(tenant, user, requestId);
    }

    private Map<String, String> claims() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) return Map.of();
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Map.of() : claims;
    }

    /** A path id; one that could not be an id is simply not found. */
    public String pathId(String name) {
        String value = event.getPathParameters() == null ? null : event.getPathParameters().get(name);
        if (value == null || !Identifiers.isId(value)) throw new NotFound("Not found.");
        return value;
    }

    /**
     * The body as one JSON object. It must come as {@code application/json} ({@code PATCH} also takes
     * {@code application/merge-patch+json}), with no charset or UTF-8: anything else is a 415, and so is
     * a body without a {@code Content-Type}.
     */
    public Map<String, Object> body() {
        String body = event.getBody();
        requireJsonContentType(body == null || body.isEmpty());
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Invalid("(body)", "The body is not valid base64.");
            }
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new Invalid("(body)", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        return Json.object(body);
    }

    private void requireJsonContentType(boolean emptyBody) {
        String contentType = header("Content-Type");
        if (contentType == null && emptyBody) return; // no body at all: Json.object names the missing body
        String[] parts = contentType == null ? new String[]{""} : contentType.split(";");
        String media = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = media.equals("application/json") || (media.equals("application/merge-patch+json") && method().equals("PATCH"));
        for (int i = 1; i < parts.length && json; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                json = parameter.length == 2 && parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw new UnsupportedFormat((contentType == null ? "The body has no Content-Type" : "The body is " + contentType.strip())
                    + "; send it as application/json" + (method().equals("PATCH") ? " or application/merge-patch+json" : "") + " (UTF-8).");
        }
    }

    /** The body's bytes as sent (base64 decoded when it can be), empty for none; for the idempotency fingerprint. */
    byte[] rawBody() {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                // refused by body(); fingerprint it as it came
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The HTTP method, upper case. */
    String method() {
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        String routeKey = event.getRouteKey();
        return routeKey == null ? "" : routeKey.split(" ", 2)[0].toUpperCase(Locale.ROOT);
    }

    /** The path as the client sent it, and the query string. */
    String rawTarget() {
        String path = event.getRawPath();
        if (path == null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            path = event.getRequestContext().getHttp().getPath();
        }
        String query = event.getRawQueryString();
        return (path == null ? "" : path) + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return null;
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) return value;
        for (var entry : headers.entrySet()) if (entry.getKey().equalsIgnoreCase(name)) return entry.getValue();
        return null;
    }

    /** The version in {@code If-Match} ({@code "3"}, {@code W/"3"} or {@code 3}), or {@code null} when absent. */
    public Long ifMatch() {
        String value = header("If-Match");
        if (value == null) return null;
        var matcher = VERSION.matcher(value.strip());
        if (!matcher.matches()) throw new Invalid("If-Match", "If-Match must carry the version (the ETag) you read, such as \"3\".");
        return Long.parseLong(matcher.group(1));
    }

    public String query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        String value = query == null ? null : query.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Refuses query parameters the route does not know, naming them. */
    public void onlyQuery(Set<String> known) {
        Map<String, String> query = event.getQueryStringParameters();
        if (query == null) return;
        for (String name : query.keySet()) {
            if (!known.contains(name)) throw new Invalid(name, name + " is not a parameter of this list; the parameters are " + known + ".");
        }
    }

    public int limit() {
        String value = query("limit");
        if (value == null) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) return limit;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    public String cursor() { return query("cursor"); }

    public <E extends Enum<E>> E queryEnum(String name, Class<E> type) {
        String value = query(name);
        if (value == null) return null;
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(name, name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    /** The id every log line, problem document and audit entry of this request carries. */
    public String requestId() { return requestId; }

    /** API Gateway's id of the request, for when Lambda's context gives none. */
    static String gatewayRequestId(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "local" : context.getRequestId();
    }

    public APIGatewayV2HTTPEvent event() { return event; }
}
