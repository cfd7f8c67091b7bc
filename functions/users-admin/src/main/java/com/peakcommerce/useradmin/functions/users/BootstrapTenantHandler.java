package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.log.Log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's way to create a tenant and its first Global Admin in a deployed stack. It has no
 * route: only someone allowed to invoke the function (IAM) can run it, e.g.
 * {@code sam remote invoke BootstrapTenantFunction --event-file events/bootstrap-tenant.json}.
 * Input: {@code {"tenantId", "tenantName", "connection", "admin": {"firstName", "lastName", "username"}}}; {@code connection}
 * (optional) names the Auth0 database connection of the tenant's logins, created if it does not exist
 * (default {@code users-<tenantId>}).
 * The admin receives the activation mail; the answer is the admin's record or the refusal.
 */
public final class BootstrapTenantHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final UserAdministration users;

    public BootstrapTenantHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public BootstrapTenantHandler(AdminFunctions functions) { this(functions.users()); }

    BootstrapTenantHandler(UserAdministration users) { this.users = users; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> admin = input.get("admin") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            var created = users.bootstrapTenant(text(input.get("tenantId")), text(input.get("tenantName")), text(input.get("connection")), admin);
            answer.put("tenantId", created.user().tenantId());
            answer.put("admin", Representations.user(created.user()));
            answer.put("activationMailSent", created.activationMailed());
            Log.info("tenant bootstrapped", "tenantId", created.user().tenantId(), "userId", created.user().id());
        } catch (DomainException e) {
            answer.put("error", e.getClass().getSimpleName());
            answer.put("detail", e.getMessage());
            if (e instanceof DomainException.Invalid invalid) answer.put("errors", invalid.errors().stream().map(err -> Map.of("field", err.field(), "message", err.message())).toList());
        }
        return answer;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
