package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole local run over HTTP: the real template.yaml, the real handlers, the moto emulator in memory. */
class LocalServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static Path template;
    private static LocalServer server;

    @BeforeAll
    static void start() throws IOException {
        template = LocalOptions.findTemplate(Path.of("").toAbsolutePath());
        server = LocalServer.start(new LocalOptions(0, true, dataDir, template));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void readsEveryRoutedFunctionOfTheRealTemplate() throws IOException {
        // An independent reading of template.yaml: every function with an HttpApi event, and its routes.
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources");
        Set<String> expected = new HashSet<>();
        resources.properties().forEach(resource -> {
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) return;
            resource.getValue().path("Properties").path("Events").forEach(event -> {
                if (!event.path("Type").asText().equals("HttpApi")) return;
                JsonNode p = event.path("Properties");
                expected.add(resource.getKey() + " " + p.path("Method").asText().toUpperCase() + " " + p.path("Path").asText());
            });
        });
        assertFalse(expected.isEmpty(), "template.yaml has HttpApi routes");

        Set<String> read = new HashSet<>();
        server.template().routes().forEach(r -> read.add(r.functionName() + " " + r.method() + " " + r.path()));
        assertEquals(expected, read);
        assertTrue(server.template().functions().stream().anyMatch(f -> f.name().equals("BootstrapTenantFunction") && f.routes().isEmpty()),
                "the operator function is read but has no route");
        assertTrue(server.template().routes().stream().allMatch(r -> r.handlerClass().startsWith("com.peakcommerce.useradmin.")));
        // Every handler on this module's classpath was built; any other may only be missing (a new function
        // module that local/pom.xml does not name yet and whose jar is not built: the run says so at start-up).
        for (SamTemplate.Function function : server.template().functions()) {
            if (function.routes().isEmpty()) continue;
            String failure = server.initFailures().get(function.name());
            if (onClasspath(function.handlerClass())) {
                assertEquals(null, failure, function.name());
            } else if (failure != null) {
                assertTrue(failure.contains("is not on the local server's classpath"), failure);
                System.out.println("NOTE: " + function.name() + " is not runnable locally yet: " + failure);
            }
        }
        assertTrue(server.template().routes().stream().anyMatch(r -> r.routeKey().equals("GET /users")));
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, LocalServerTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void withoutATokenTheAuthorizerAnswers401() throws Exception {
        HttpResponse<String> response = send("GET", "/users", null, null);
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
    }

    @Test
    void theAuthorizerRefusesForgedExpiredAndForeignTokens() throws Exception {
        String valid = server.adminToken();
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", server.tokens().issuer());
        claims.put("aud", LocalTokens.AUDIENCE);
        claims.put("sub", "x");
        claims.put("exp", now - 10);
        claims.put("https://peakcommerce.example/tenant", "demo");
        claims.put("https://peakcommerce.example/user_id", server.admin().id());
        String expired = server.tokens().sign(claims);
        claims.put("exp", now + 600);
        claims.put("iss", "https://someone-else.example/");
        String otherIssuer = server.tokens().sign(claims);
        claims.put("iss", server.tokens().issuer());
        claims.put("aud", "another-api");
        String otherAudience = server.tokens().sign(claims);
        String foreignKey = new LocalTokens(server.tokens().issuer(), "peakcommerce.example", java.time.Clock.systemUTC())
                .mint("demo", server.admin().id());

        for (String token : new String[]{tampered, expired, otherIssuer, otherAudience, foreignKey, "not-a-jwt"}) {
            HttpResponse<String> response = send("GET", "/users", "Bearer " + token, null);
            assertEquals(401, response.statusCode(), token);
            assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        }
        assertEquals(200, send("GET", "/users", "Bearer " + valid, null).statusCode());
        assertEquals(200, send("GET", "/users", valid, null).statusCode(), "API Gateway also takes the token without 'Bearer '");
    }

    @Test
    void thePrintedAdminTokenListsTheSeededAdmin() throws Exception {
        assertTrue(server.banner().contains("export TOKEN="), server.banner());
        String printed = tokenIn(server.banner());
        HttpResponse<String> response = send("GET", "/users", "Bearer " + printed, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode items = JSON.readTree(response.body()).path("items");
        boolean listed = false;
        for (JsonNode user : items) {
            if (user.path("id").asText().equals(server.admin().id())) {
                listed = true;
                assertEquals("GLOBAL_ADMIN", user.path("role").asText());
                assertEquals(LocalServer.DEMO_ADMIN_USERNAME, user.path("username").asText());
            }
        }
        assertTrue(listed, response.body());
    }

    @Test
    void createsACustomerWhoseActivationMailIsInTheLocalOutbox() throws Exception {
        HttpResponse<String> profiles = send("GET", "/profiles", "Bearer " + server.adminToken(), null);
        assertEquals(200, profiles.statusCode(), profiles.body());
        String profileId = null;
        for (JsonNode profile : JSON.readTree(profiles.body()).path("items")) {
            if (profile.path("name").asText().equals("Standard")) profileId = profile.path("id").asText();
        }
        assertNotNull(profileId, profiles.body());

        String body = """
                {"role": "CUSTOMER", "firstName": "Cora", "lastName": "Customer", "username": "cora.customer@example.com",
                 "accountNumber": "A000001212", "amendmentDateAlignment": "IMMEDIATE", "profileId": "%s"}""".formatted(profileId);
        HttpResponse<String> created = send("POST", "/users", "Bearer " + server.adminToken(), body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode customer = JSON.readTree(created.body());
        assertEquals("CUSTOMER", customer.path("role").asText());
        assertEquals("ACTIVE_UNVERIFIED", customer.path("status").asText());
        assertEquals("/users/" + customer.path("id").asText(), created.headers().firstValue("Location").orElseThrow());
        assertTrue(server.identityProviderStandIn().login(customer.path("id").asText()).isPresent(), "the stand-in holds the login");

        HttpResponse<String> mail = send("GET", "/local/mail", null, null);
        assertEquals(200, mail.statusCode());
        JsonNode newest = JSON.readTree(mail.body()).get(0);
        assertEquals("cora.customer@example.com", newest.path("to").asText());
        assertTrue(newest.path("subject").asText().contains("Demo Portal"), newest.toString());
        assertNotNull(newest.path("sentAt").asText(null));
        assertTrue(newest.path("html").asText().contains("<a href=\""), newest.toString());
        Matcher link = Pattern.compile(Pattern.quote(server.baseUrl()) + "/local/tickets/[0-9a-f]+\\?user=" + customer.path("id").asText())
                .matcher(newest.path("text").asText());
        assertTrue(link.find(), newest.toString());

        // The link opens the stand-in's page once.
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link.group())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("not Auth0"), page.body());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(link.group())).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void localTokensWorkForAnyUser() throws Exception {
        String body = """
                {"role": "SYSTEM_ADMIN", "firstName": "Sam", "lastName": "Sysadmin", "username": "sam.sysadmin@example.com"}""";
        HttpResponse<String> created = send("POST", "/users", "Bearer " + server.adminToken(), body);
        assertEquals(201, created.statusCode(), created.body());
        String systemAdminId = JSON.readTree(created.body()).path("id").asText();

        HttpResponse<String> issued = send("POST", "/local/tokens", null, "{\"userId\": \"" + systemAdminId + "\"}");
        assertEquals(200, issued.statusCode(), issued.body());
        String token = JSON.readTree(issued.body()).path("token").asText();
        assertEquals("SYSTEM_ADMIN", JSON.readTree(issued.body()).path("role").asText());

        HttpResponse<String> list = send("GET", "/users", "Bearer " + token, null);
        assertEquals(200, list.statusCode(), list.body());
        Set<String> ids = new HashSet<>();
        JSON.readTree(list.body()).path("items").forEach(u -> ids.add(u.path("id").asText()));
        assertTrue(ids.contains(systemAdminId), list.body());
        assertFalse(ids.contains(server.admin().id()), "a System Admin does not see Global Admins");

        HttpResponse<String> withTenant = send("POST", "/local/tokens", null, "{\"tenantId\": \"demo\", \"userId\": \"" + systemAdminId + "\"}");
        assertEquals(200, withTenant.statusCode());
        assertEquals(404, send("POST", "/local/tokens", null, "{\"userId\": \"nobody\"}").statusCode());
        assertEquals(404, send("POST", "/local/tokens", null, "{\"tenantId\": \"other\", \"userId\": \"" + systemAdminId + "\"}").statusCode());
        assertEquals(400, send("POST", "/local/tokens", null, "{}").statusCode());
    }

    @Test
    void anUnknownRouteIsNotFoundAsApiGatewaySaysIt() throws Exception {
        HttpResponse<String> response = send("GET", "/no-such-route", "Bearer " + server.adminToken(), null);
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
        assertEquals(404, send("DELETE", "/users", "Bearer " + server.adminToken(), null).statusCode(), "no DELETE /users route");
    }

    @Test
    void corsIsAnsweredForTheConsolesOriginOnly() throws Exception {
        // The template allows the console's CloudFront origin only; locally the console's origin is the server's own.
        assertEquals(List.of("https://${ConsoleDistribution.DomainName}"), server.template().cors().allowOrigins());
        HttpResponse<String> console = HTTP.send(preflight(server.baseUrl()), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, console.statusCode());
        assertEquals(server.baseUrl(), console.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(console.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

        HttpResponse<String> other = HTTP.send(preflight("https://elsewhere.example"), HttpResponse.BodyHandlers.ofString());
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no other origin is allowed");
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/users"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .build();
    }

    static String tokenIn(String banner) {
        Matcher m = Pattern.compile("export TOKEN=(\\S+)").matcher(banner);
        assertTrue(m.find(), banner);
        return m.group(1);
    }

    static HttpResponse<String> send(String method, String path, String authorization, String body) throws IOException, InterruptedException {
        return send(server, method, path, authorization, body);
    }

    static HttpResponse<String> send(LocalServer server, String method, String path, String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        if (body != null) request.header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
