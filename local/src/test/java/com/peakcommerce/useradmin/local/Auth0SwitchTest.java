package com.peakcommerce.useradmin.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With Auth0 settings the real Auth0 adapter replaces the stand-in (here against a local Management API stub). */
class Auth0SwitchTest {
    @TempDir
    Path dataDir;

    @Test
    void usesTheAuth0AdapterWhenConfigured() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer auth0 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        auth0.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path + " " + body);
            if (path.equals("/oauth/token")) {
                reply(exchange, 200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":86400}");
            } else if (path.equals("/api/v2/users")) {
                String id = body.replaceAll(".*\"user_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                reply(exchange, 201, "{\"user_id\":\"auth0|" + id + "\",\"email\":\"admin@demo.example\",\"email_verified\":false,\"blocked\":false}");
            } else if (path.equals("/api/v2/connections")) {
                String name = body.replaceAll(".*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                reply(exchange, 201, "{\"id\":\"con_1\",\"name\":\"" + name + "\",\"strategy\":\"auth0\"}");
            } else if (path.startsWith("/api/v2/tickets/")) {
                reply(exchange, 201, "{\"ticket\":\"https://tenant.auth0.test/lo/reset?ticket=abc#\"}");
            } else {
                reply(exchange, 404, "{\"message\":\"no stub for " + path + "\"}");
            }
        });
        auth0.start();
        try {
            var settings = java.util.Map.of("AUTH0_MANAGEMENT_URL", "http://127.0.0.1:" + auth0.getAddress().getPort() + "/api/v2",
                    "AUTH0_CLIENT_ID", "local-client", "AUTH0_CLIENT_SECRET", "local-secret");
            Path template = LocalOptions.findTemplate(Path.of("").toAbsolutePath());
            try (LocalServer server = LocalServer.start(new LocalOptions(0, true, dataDir, template), settings)) {
                assertEquals(null, server.identityProviderStandIn());
                assertTrue(server.banner().contains("Identity provider: Auth0 (http://127.0.0.1:"), server.banner());
                assertTrue(!server.banner().contains("NOT AUTH0"), server.banner());
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /api/v2/users ") && c.contains("admin@demo.example")
                        && c.contains("\"connection\":\"users-demo\"")), calls.toString());
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /api/v2/connections ") && c.contains("\"name\":\"users-acme\"")), calls.toString());
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /api/v2/users ") && c.contains("admin@acme.example")
                        && c.contains("\"connection\":\"users-acme\"")), "each tenant's admin in its own connection: " + calls);
                String mail = server.outbox().mails().getFirst().text();
                assertTrue(mail.contains("https://tenant.auth0.test/lo/reset?ticket=abc#"), "the link comes from Auth0: " + mail);
            }
        } finally {
            auth0.stop(0);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
