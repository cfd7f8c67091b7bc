package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.User;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local-only routes under {@code /local} (see {@link LocalServer}): what runs, the mail outbox, tokens
 * for any user, the operator's tenant bootstrap, the stand-in's ticket pages and the signing key.
 */
final class LocalRoutes {
    private final LocalServer server;

    LocalRoutes(LocalServer server) { this.server = server; }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        switch (method + " " + path) {
            case "GET /local", "GET /local/" -> LocalHttp.json(exchange, 200, about());
            case "GET /local/mail" -> {
                if (server.outbox == null) LocalHttp.json(exchange, 404, Map.of("message", "Mail goes to SES in this run (" + server.mailerDescription + ")"));
                else LocalHttp.json(exchange, 200, server.outbox.json());
            }
            case "DELETE /local/mail" -> {
                if (server.outbox != null) server.outbox.clear();
                LocalHttp.send(exchange, 204, new byte[0]);
            }
            case "POST /local/tokens" -> issueToken(exchange);
            case "POST /local/tenants" -> bootstrapTenant(exchange);
            case "GET /local/jwks.json" -> LocalHttp.json(exchange, 200, server.tokens.jwks());
            default -> {
                if (method.equals("GET") && path.startsWith("/local/tickets/") && server.standIn != null) ticket(exchange, path.substring("/local/tickets/".length()));
                else LocalHttp.json(exchange, 404, Map.of("message", "Not Found", "localRoutes",
                        List.of("GET /local", "GET /local/mail", "DELETE /local/mail", "POST /local/tokens", "POST /local/tenants", "GET /local/tickets/{ticket}", "GET /local/jwks.json")));
            }
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        Object parsed;
        try {
            parsed = LocalHttp.parse(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            LocalHttp.json(exchange, 400, Map.of("message", "The body must be JSON: {\"userId\": \"...\"} or {\"tenantId\": \"...\", \"userId\": \"...\"}"));
            return;
        }
        if (!(parsed instanceof Map<?, ?> body) || !(body.get("userId") instanceof String userId) || userId.isBlank()
                || (body.get("tenantId") != null && !(body.get("tenantId") instanceof String))) {
            LocalHttp.json(exchange, 400, Map.of("message", "The body must be {\"userId\": \"...\"} or {\"tenantId\": \"...\", \"userId\": \"...\"}"));
            return;
        }
        String tenantId = body.get("tenantId") == null ? LocalServer.DEMO_TENANT : (String) body.get("tenantId");
        Optional<User> user;
        try {
            user = server.stores.users().user(tenantId, userId);
        } catch (RuntimeException e) {
            user = Optional.empty();
        }
        if (user.isEmpty()) {
            LocalHttp.json(exchange, 404, Map.of("message", "No user " + userId + " in tenant " + tenantId));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", server.tokens.mint(tenantId, userId));
        answer.put("tenantId", tenantId);
        answer.put("userId", userId);
        answer.put("role", user.get().role().name());
        answer.put("expiresIn", LocalTokens.LIFETIME.toSeconds());
        LocalHttp.json(exchange, 200, answer);
    }

    /**
     * {@code POST /local/tenants}: the operator's bootstrap (BootstrapTenantFunction in AWS, which has no
     * route) for the local run: {@code {"tenantId", "tenantName", "connection"?, "admin": {"firstName",
     * "lastName", "username"}}}. Answers 201 with the admin, a token for them and the tenant's Standard
     * profile; the same request again answers 200 with the same tenant; a refusal is 400 naming the fields.
     */
    private void bootstrapTenant(HttpExchange exchange) throws IOException {
        Object parsed;
        try {
            parsed = LocalHttp.parse(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> body) || !(body.get("admin") instanceof Map<?, ?> adminFields)) {
            LocalHttp.json(exchange, 400, Map.of("message", "The body must be {\"tenantId\": \"...\", \"tenantName\": \"...\", "
                    + "\"admin\": {\"firstName\": \"...\", \"lastName\": \"...\", \"username\": \"...\"}}"));
            return;
        }
        String tenantId = body.get("tenantId") instanceof String t ? t : null;
        String name = body.get("tenantName") instanceof String n ? n : null;
        String connection = body.get("connection") instanceof String c ? c : null;
        @SuppressWarnings("unchecked") Map<String, Object> fields = (Map<String, Object>) adminFields;
        LocalSeed.SeededTenant seeded;
        boolean existed;
        try {
            existed = tenantId != null && tenantId.matches("^[a-z0-9-]{1,40}$")
                    && server.stores.snapshots().tenant(tenantId).isPresent();
            seeded = server.seed.tenant(tenantId, name, connection, fields);
            server.tenants.put(seeded.tenantId(), seeded);
        } catch (DomainException.Invalid invalid) {
            LocalHttp.json(exchange, 400, Map.of("message", invalid.getMessage(), "errors",
                    invalid.errors().stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList()));
            return;
        } catch (DomainException | IllegalStateException refused) {
            LocalHttp.json(exchange, 409, Map.of("message", refused.getMessage()));
            return;
        }
        LocalHttp.json(exchange, existed ? 200 : 201, tenantAnswer(seeded));
    }

    /** A seeded tenant as {@code GET /local} and {@code POST /local/tenants} show it. */
    private static Map<String, Object> tenantJson(LocalSeed.SeededTenant seeded) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenantId", seeded.tenantId());
        json.put("tenantName", seeded.name());
        json.put("adminUserId", seeded.admin().id());
        json.put("adminUsername", seeded.admin().username());
        json.put("standardProfileId", seeded.standardProfile().id());
        json.put("users", seeded.users().stream().map(u -> Map.of("userId", u.id(), "username", u.username(), "role", u.role().name(),
                "name", u.firstName() + " " + u.lastName())).toList());
        return json;
    }

    private Map<String, Object> tenantAnswer(LocalSeed.SeededTenant seeded) {
        Map<String, Object> answer = tenantJson(seeded);
        answer.put("token", server.tokens.mint(seeded.tenantId(), seeded.admin().id()));
        return answer;
    }

    /** The page a mailed link opens: what Auth0's page would do, done at once. */
    private void ticket(HttpExchange exchange, String ticketId) throws IOException {
        var ticket = server.standIn.redeem(ticketId);
        String message = ticket.map(t -> (t.purpose().equals("password-change")
                        ? "Auth0 would now ask user " + t.userId() + " for a new password. The stand-in takes it as set, and the email as verified."
                        : "Auth0 would now mark the email of user " + t.userId() + " as verified. The stand-in has done so."))
                .orElse("This link has been used already or is not one this server handed out (tickets are kept in memory).");
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Local identity-provider stand-in</title></head><body>"
                + "<h1>Local identity-provider stand-in (not Auth0)</h1><p>" + escape(message) + "</p>"
                + "<p>In the local run, the user's status changes with their first login (the post-login hook), not with this page.</p>"
                + "</body></html>";
        LocalHttp.send(exchange, ticket.isPresent() ? 200 : 404, Map.of("Content-Type", "text/html; charset=utf-8"), html);
    }

    private Map<String, Object> about() {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("baseUrl", server.baseUrl);
        about.put("database", server.aws.databaseDescription());
        about.put("aws", server.aws.servicesDescription());
        about.put("table", server.settings.required("TABLE_NAME"));
        about.put("mail", server.mailerDescription);
        about.put("identityProvider", server.identityProviderDescription);
        Map<String, Object> tokenInfo = new LinkedHashMap<>();
        tokenInfo.put("issuer", server.tokens.issuer());
        tokenInfo.put("audience", LocalTokens.AUDIENCE);
        tokenInfo.put("new", "POST " + server.baseUrl + "/local/tokens {\"userId\": \"...\"} or {\"tenantId\": \"...\", \"userId\": \"...\"}");
        about.put("tokens", tokenInfo);
        about.put("demo", tenantJson(server.tenant(LocalServer.DEMO_TENANT)));
        about.put("tenants", server.tenants.values().stream().sorted(java.util.Comparator.comparing(LocalSeed.SeededTenant::tenantId))
                .map(LocalRoutes::tenantJson).toList());
        List<Map<String, Object>> routes = new ArrayList<>();
        for (SamTemplate.Route route : server.template.routes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("route", route.routeKey());
            r.put("function", route.functionName());
            r.put("handler", route.handlerClass());
            r.put("auth", route.authorized() ? "JWT" : "none");
            if (server.initFailures.containsKey(route.functionName())) r.put("notRunnable", server.initFailures.get(route.functionName()));
            routes.add(r);
        }
        about.put("routes", routes);
        return about;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
