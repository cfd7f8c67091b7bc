package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.functions.hooks.Auth0Events.object;
import static com.peakcommerce.useradmin.functions.hooks.Auth0Events.wholeNumber;

/**
 * The body the post-login Action sends: the parts of Auth0's post-login {@code event} the service needs,
 * under their names there.
 *
 * <pre>{@code
 * {"user": {"user_id": "auth0|<id>", "email": "...", "email_verified": true,
 *           "app_metadata": {"tenant_id": "<tenant>", "user_id": "<id>"}},
 *  "connection": {"name": "users-<tenant>"},
 *  "stats": {"logins_count": 3}, "tenant": {"id": "<auth0 tenant>"},
 *  "request": {"ip": "...", "user_agent": "..."}}
 * }</pre>
 *
 * {@code app_metadata} is what the service wrote when it created the login; it may be missing (a login
 * the service does not know). {@code request} is optional and only logged (the address, masked nowhere
 * else). Anything else in the body is ignored.
 *
 * @param metadataTenantId {@code app_metadata.tenant_id}, or {@code null}
 * @param metadataUserId   {@code app_metadata.user_id}, or {@code null}
 * @param connection       {@code connection.name}: the Auth0 connection the user logged in with; the login counts
 *                         only if it is the tenant's own
 */
record PostLoginReport(String auth0UserId, String email, boolean emailVerified, String metadataTenantId, String metadataUserId,
                       String connection, long loginsCount, String auth0Tenant, String ip) {
    /** Far above what the Action sends; no login's metadata comes near it. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static PostLoginReport parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) throw new Invalid("(body)", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        Map<String, Object> root = Json.object(new String(body, StandardCharsets.UTF_8));
        List<FieldError> errors = new ArrayList<>();

        Map<String, Object> user = object(root.get("user"));
        String auth0UserId = null;
        String email = null;
        Boolean emailVerified = null;
        Map<String, Object> metadata = null;
        if (user == null) {
            errors.add(new FieldError("user", "user must be the event's user object."));
        } else {
            auth0UserId = text(user.get("user_id"));
            if (auth0UserId == null) errors.add(new FieldError("user.user_id", "user.user_id must be the Auth0 user id."));
            email = text(user.get("email"));
            if (email == null) errors.add(new FieldError("user.email", "user.email must be the login's email."));
            if (user.get("email_verified") instanceof Boolean b) emailVerified = b;
            else errors.add(new FieldError("user.email_verified", "user.email_verified must be true or false."));
            Object appMetadata = user.get("app_metadata");
            metadata = object(appMetadata);
            if (appMetadata != null && metadata == null) errors.add(new FieldError("user.app_metadata", "user.app_metadata must be an object."));
        }
        Map<String, Object> connection = object(root.get("connection"));
        String connectionName = connection == null ? null : text(connection.get("name"));
        if (connectionName == null) errors.add(new FieldError("connection.name", "connection.name must be the name of the Auth0 connection the user logged in with."));
        Map<String, Object> stats = object(root.get("stats"));
        Long loginsCount = stats == null ? null : wholeNumber(stats.get("logins_count"));
        if (loginsCount == null || loginsCount < 1) {
            errors.add(new FieldError("stats.logins_count", "stats.logins_count must be the user's number of logins, this one included (1 or more)."));
        }
        Map<String, Object> tenant = object(root.get("tenant"));
        String auth0Tenant = tenant == null ? null : text(tenant.get("id"));
        if (auth0Tenant == null) errors.add(new FieldError("tenant.id", "tenant.id must be the Auth0 tenant's id."));
        Map<String, Object> request = object(root.get("request"));
        if (!errors.isEmpty()) throw new Invalid(errors);

        return new PostLoginReport(auth0UserId, email, emailVerified,
                metadata == null ? null : text(metadata.get("tenant_id")), metadata == null ? null : text(metadata.get("user_id")),
                connectionName, loginsCount, auth0Tenant, request == null ? null : text(request.get("ip")));
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
