package com.peakcommerce.useradmin.functions.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.auth0.Auth0Settings;
import com.peakcommerce.useradmin.domain.Reconciler;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.testing.CrashingRepository;
import com.peakcommerce.useradmin.testing.World;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault tests of shared/core's FaultInjectionTest again, but with the faults on the wire: the REAL
 * {@link Auth0IdentityProvider} talks HTTP to a small stateful Auth0 ({@link Auth0Tenant}) that can answer
 * the next matching request with a 500, a 429 whose reset lies beyond the adapter's rate-limit budget, or
 * no answer within the adapter's read timeout (after doing the work: a lost answer); the REAL
 * {@link SesMailer} talks to an SES stub that can fail; the table is the moto emulator, behind a repository
 * that can crash between two writes. After each fault the same request is sent again, or the reconciler
 * runs past its grace period, and the table and the Auth0 stub must agree.
 *
 * <p>The stubs are JDK {@code HttpServer}s (mockwebserver3 is not on this module's test classpath). The
 * adapters are built with their public constructors, so the Auth0 read timeout is the production one
 * (10 s): a timeout scenario costs that long, hence only a few of them.
 */
class WireFaultInjectionTest {
    private static final AtomicInteger INJECTED = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shorter than the adapter's 5xx pause (200 ms) and than any rate-limit wait: every fault fails the operation. */
    private static final Duration RATE_LIMIT_BUDGET = Duration.ofMillis(150);
    private static final Duration BEYOND_READ_TIMEOUT = Duration.ofSeconds(11);

    private enum Recovery { RETRY, RECONCILER }

    private enum Kind { HTTP_500, HTTP_429, TIMEOUT }

    private record Scenario(String name, Consumer<Fixture> inject, Consumer<Fixture> operation, Recovery recovery) {}

    /** A local Auth0 tenant: the token endpoint, users and tickets, with one armed fault at a time. */
    static final class Auth0Tenant implements AutoCloseable {
        final Map<String, Map<String, Object>> logins = new LinkedHashMap<>();
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });
        private final HttpServer server;
        private Kind faultKind;
        private String faultMethod;
        private String faultPath;

        Auth0Tenant() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        URI managementApiUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
        }

        /** The next request of {@code method} whose path starts with {@code pathPrefix} fails so. */
        synchronized void failNext(Kind kind, String method, String pathPrefix) {
            faultKind = kind;
            faultMethod = method;
            faultPath = pathPrefix;
            INJECTED.incrementAndGet();
        }

        private synchronized Kind takeFault(String method, String path) {
            if (faultKind == null || !faultMethod.equals(method) || !path.startsWith(faultPath)) return null;
            Kind kind = faultKind;
            faultKind = null;
            return kind;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath(); // decoded: /api/v2/users/auth0|<id>
            byte[] in = exchange.getRequestBody().readAllBytes();
            Map<String, Object> body = in.length == 0 ? Map.of() : JSON.readValue(in, Map.class);
            Kind fault = path.equals("/oauth/token") ? null : takeFault(method, path);
            if (fault == Kind.HTTP_500) {
                send(exchange, 500, Map.of("statusCode", 500, "error", "Internal Server Error", "message", "injected"));
                return;
            }
            if (fault == Kind.HTTP_429) {
                exchange.getResponseHeaders().add("x-ratelimit-limit", "10");
                exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
                exchange.getResponseHeaders().add("x-ratelimit-reset", Long.toString(System.currentTimeMillis() / 1000 + 60));
                send(exchange, 429, Map.of("statusCode", 429, "error", "Too Many Requests", "message", "Global limit has been reached"));
                return;
            }
            Answer answer;
            synchronized (this) {
                answer = answer(method, path, body);
            }
            if (fault == Kind.TIMEOUT) { // done, but the answer comes too late: the adapter has given up
                try {
                    Thread.sleep(BEYOND_READ_TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                send(exchange, answer.status(), answer.body());
            } catch (IOException gone) {
                // the client hung up (timeout)
            }
        }

        private record Answer(int status, Object body) {}

        private Answer answer(String method, String path, Map<String, Object> body) {
            if (path.equals("/oauth/token")) {
                return new Answer(200, Map.of("access_token", "mgmt-token", "token_type", "Bearer", "expires_in", 86_400));
            }
            if (path.equals("/api/v2/users") && method.equals("POST")) {
                String id = "auth0|" + body.get("user_id");
                String connection = String.valueOf(body.get("connection"));
                if (logins.containsKey(id) || emailHeldByOther(connection, String.valueOf(body.get("email")), null)) return conflict();
                Map<String, Object> login = new LinkedHashMap<>();
                login.put("user_id", id);
                login.put("identities", List.of(identity(connection, body.get("user_id"))));
                login.put("email", body.get("email"));
                login.put("given_name", body.get("given_name"));
                login.put("family_name", body.get("family_name"));
                login.put("blocked", Boolean.TRUE.equals(body.get("blocked")));
                logins.put(id, login);
                return new Answer(201, login);
            }
            if (path.startsWith("/api/v2/users/")) {
                String id = path.substring("/api/v2/users/".length());
                Map<String, Object> login = logins.get(id);
                switch (method) {
                    case "DELETE" -> {
                        logins.remove(id);
                        return new Answer(204, null);
                    }
                    case "GET" -> {
                        return login == null ? notFound() : new Answer(200, login);
                    }
                    case "PATCH" -> {
                        if (login == null) return notFound();
                        // As Auth0: an email change names the login's own database connection.
                        if (body.containsKey("email") && !connectionOf(login).equals(body.get("connection"))) {
                            return new Answer(400, Map.of("statusCode", 400, "error", "Bad Request", "message", "connection is required to change the email", "errorCode", "invalid_body"));
                        }
                        if (body.containsKey("email") && emailHeldByOther(connectionOf(login), String.valueOf(body.get("email")), id)) return conflict();
                        for (String key : List.of("email", "given_name", "family_name", "blocked")) {
                            if (body.containsKey(key)) login.put(key, body.get(key));
                        }
                        return new Answer(200, login);
                    }
                    default -> { }
                }
            }
            if (method.equals("POST") && (path.equals("/api/v2/tickets/password-change") || path.equals("/api/v2/tickets/email-verification"))) {
                if (!logins.containsKey(String.valueOf(body.get("user_id")))) return notFound();
                return new Answer(201, Map.of("ticket", "https://auth.example/lo/ticket?t=" + UUID.randomUUID()));
            }
            return new Answer(404, Map.of("statusCode", 404, "error", "Not Found", "message", "no route " + method + " " + path));
        }

        /** As Auth0: an email is unique within one database connection. */
        private boolean emailHeldByOther(String connection, String email, String exceptId) {
            return logins.values().stream().anyMatch(l -> !l.get("user_id").equals(exceptId) && connectionOf(l).equals(connection)
                    && email.equalsIgnoreCase(String.valueOf(l.get("email"))));
        }

        private static Map<String, Object> identity(String connection, Object userId) {
            return Map.of("provider", "auth0", "connection", connection, "user_id", String.valueOf(userId), "isSocial", false);
        }

        @SuppressWarnings("unchecked")
        private static String connectionOf(Map<String, Object> login) {
            return String.valueOf(((List<Map<String, Object>>) login.get("identities")).getFirst().get("connection"));
        }

        private static Answer conflict() {
            return new Answer(409, Map.of("statusCode", 409, "error", "Conflict", "message", "The user already exists.", "errorCode", "auth0_idp_error"));
        }

        private static Answer notFound() {
            return new Answer(404, Map.of("statusCode", 404, "error", "Not Found", "message", "The user does not exist.", "errorCode", "inexistent_user"));
        }

        synchronized void put(String userId, String email, String first, String last, boolean blocked) {
            Map<String, Object> login = new LinkedHashMap<>();
            login.put("user_id", "auth0|" + userId);
            login.put("identities", List.of(identity(com.peakcommerce.useradmin.domain.Tenant.defaultConnection(World.TENANT), userId)));
            login.put("email", email);
            login.put("given_name", first);
            login.put("family_name", last);
            login.put("blocked", blocked);
            logins.put("auth0|" + userId, login);
        }

        synchronized List<Map<String, Object>> snapshot() {
            return logins.values().stream().map(l -> (Map<String, Object>) new HashMap<>(l)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** SES v2: POST /v2/email/outbound-emails, 500 for the next {@code failures} requests. */
    static final class SesStub implements AutoCloseable {
        private final HttpServer server;
        final AtomicInteger failures = new AtomicInteger();
        final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        SesStub() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v2/email/outbound-emails")) {
                    send(exchange, 404, Map.of("message", "no such route"));
                } else if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "InternalFailure");
                    send(exchange, 500, Map.of("message", "injected"));
                } else {
                    sent.add(body);
                    send(exchange, 200, Map.of("MessageId", "m-" + sent.size()));
                }
            });
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() { server.stop(0); }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] out = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (body != null) exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    /** the moto emulator, the stubs, and the service on the real adapters and a repository that can crash. */
    private static final class Fixture implements AutoCloseable {
        final World world = World.seeded();
        final Auth0Tenant auth0;
        final SesStub ses;
        final SesV2Client sesClient;
        final Auth0IdentityProvider identityProvider;
        final SesMailer mailer;
        final CrashingRepository crashing = new CrashingRepository(world.stores);
        final UserAdministration administration;

        Fixture() {
            try {
                auth0 = new Auth0Tenant();
                ses = new SesStub();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            identityProvider = new Auth0IdentityProvider(new Auth0Settings(auth0.managementApiUrl(), "client-id", "client-secret",
                    "Username-Password-Authentication", null, Duration.ofDays(7), RATE_LIMIT_BUDGET));
            sesClient = SesV2Client.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .httpClient(UrlConnectionHttpClient.builder().build())
                    .endpointOverride(ses.endpoint())
                    .build();
            mailer = new SesMailer(sesClient, "PeakCommerce <no-reply@peakcommerce.example>");
            administration = new UserAdministration(crashing.stores(), identityProvider, mailer, world.clock, () -> UUID.randomUUID().toString());
            world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
            world.identityProvider.logins.values().forEach(l -> auth0.put(l.userId(), l.email(), l.givenName(), l.familyName(), l.blocked()));
        }

        /** Later than the reconciler's grace period, on the same wire adapters, without crashes. */
        Reconciler reconciler() {
            Clock later = Clock.offset(world.clock, Reconciler.GRACE.plusMinutes(1));
            return new Reconciler(world.stores, new UserAdministration(world.stores, identityProvider, mailer, later, () -> UUID.randomUUID().toString()), later);
        }

        @Override
        public void close() {
            sesClient.close();
            ses.close();
            auth0.close();
        }
    }

    private static Map<String, Object> newCustomer() {
        return new HashMap<>(Map.of("role", "CUSTOMER", "firstName", "Nina", "lastName", "New", "username", "nina@example.com",
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", World.PROFILE_ID));
    }

    private static Consumer<Fixture> auth0(Kind kind, String method, String pathPrefix) {
        return f -> f.auth0.failNext(kind, method, pathPrefix);
    }

    private static Consumer<Fixture> crashBefore(String method, int skip) {
        return f -> {
            f.crashing.crashBefore(method, skip);
            INJECTED.incrementAndGet();
        };
    }

    private static final String USERS = "/api/v2/users";
    private static final String CUSTOMER_LOGIN = USERS + "/auth0|" + CUSTOMER_ID;
    private static final Consumer<Fixture> CREATE = f -> f.administration.create(f.world.admin, newCustomer());
    private static final Map<String, Object> NEW_USERNAME = Map.of("username", "carla.new@example.com", "lastName", "Newname");
    private static final Consumer<Fixture> UPDATE = f -> f.administration.update(f.world.admin, CUSTOMER_ID, 2L, NEW_USERNAME);
    private static final Consumer<Fixture> SUSPEND = f -> f.administration.suspend(f.world.admin, CUSTOMER_ID);
    private static final Consumer<Fixture> ENABLE = f -> f.administration.enable(f.world.admin, CUSTOMER_ID);
    private static final Consumer<Fixture> DELETE = f -> f.administration.delete(f.world.admin, CUSTOMER_ID);

    private static Consumer<Fixture> suspendedFirst(Consumer<Fixture> inject) {
        return f -> {
            SUSPEND.accept(f);
            inject.accept(f);
        };
    }

    private static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (Recovery recovery : Recovery.values()) {
            for (Kind kind : List.of(Kind.HTTP_500, Kind.HTTP_429)) {
                all.add(new Scenario("create: Auth0 " + kind + " at POST users", auth0(kind, "POST", USERS), CREATE, recovery));
                all.add(new Scenario("create: Auth0 " + kind + " at the password-change ticket", auth0(kind, "POST", "/api/v2/tickets/password-change"), CREATE, recovery));
                all.add(new Scenario("username change: Auth0 " + kind + " at GET the login", auth0(kind, "GET", CUSTOMER_LOGIN), UPDATE, recovery));
                all.add(new Scenario("username change: Auth0 " + kind + " at PATCH the login", auth0(kind, "PATCH", CUSTOMER_LOGIN), UPDATE, recovery));
            }
            all.add(new Scenario("create: Auth0 TIMEOUT (lost answer) at POST users", auth0(Kind.TIMEOUT, "POST", USERS), CREATE, recovery));
            all.add(new Scenario("create: crash before the record leaves provisioning", crashBefore("replaceBookkeeping", 0), CREATE, recovery));
            all.add(new Scenario("username change: crash before the pending mark is cleared", crashBefore("replaceBookkeeping", 0), UPDATE, recovery));
        }
        for (Kind kind : List.of(Kind.HTTP_500, Kind.HTTP_429)) {
            all.add(new Scenario("suspend: Auth0 " + kind + " at PATCH blocked", auth0(kind, "PATCH", CUSTOMER_LOGIN), SUSPEND, Recovery.RETRY));
            all.add(new Scenario("enable: Auth0 " + kind + " at PATCH blocked", suspendedFirst(auth0(kind, "PATCH", CUSTOMER_LOGIN)), ENABLE, Recovery.RETRY));
            all.add(new Scenario("delete: Auth0 " + kind + " at DELETE users", auth0(kind, "DELETE", CUSTOMER_LOGIN), DELETE, Recovery.RETRY));
        }
        all.add(new Scenario("suspend: crash after the block, before the record", crashBefore("replace", 0), SUSPEND, Recovery.RETRY));
        all.add(new Scenario("enable: crash after the unblock, before the record", suspendedFirst(crashBefore("replace", 0)), ENABLE, Recovery.RETRY));
        all.add(new Scenario("delete: Auth0 TIMEOUT (lost answer) at DELETE users", auth0(Kind.TIMEOUT, "DELETE", CUSTOMER_LOGIN), DELETE, Recovery.RETRY));
        all.add(new Scenario("delete: crash after the login, before the record", crashBefore("delete", 0), DELETE, Recovery.RETRY));
        return all;
    }

    @TestFactory
    List<DynamicTest> everyStepOfEveryOperationRecoversOnTheWire() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name() + " / " + s.recovery(), () -> {
            try (Fixture f = new Fixture()) {
                s.inject().accept(f);
                assertThrows(RuntimeException.class, () -> s.operation().accept(f), "the injected fault fails the request");

                if (s.recovery() == Recovery.RETRY) s.operation().accept(f);
                else assertEquals(0, f.reconciler().run(Duration.ofSeconds(30)).failed());

                assertAgree(f);
            }
        })).toList();
    }

    @Test
    void anActivationMailSesRefusesIsSentOnceByTheReconciler() {
        try (Fixture f = new Fixture()) {
            f.ses.failures.set(100); // SES down for longer than the SDK's attempts
            INJECTED.incrementAndGet();
            var created = f.administration.create(f.world.admin, newCustomer());
            assertFalse(created.activationMailed());
            assertTrue(f.ses.sent.isEmpty());
            assertTrue(f.ses.failures.get() < 100, "SES was asked");
            assertAgree(f);
            f.ses.failures.set(0); // SES is back

            f.reconciler().run(Duration.ofSeconds(30));
            f.reconciler().run(Duration.ofSeconds(30));

            assertEquals(1, f.ses.sent.size(), "the owed mail, once");
            assertTrue(f.ses.sent.getFirst().contains("nina@example.com"));
            assertAgree(f);
        }
    }

    @Test
    void aSesFailureTheSdkRetriesAwayCostsNothing() {
        try (Fixture f = new Fixture()) {
            f.ses.failures.set(2); // within the SDK's own retries
            INJECTED.incrementAndGet();
            assertTrue(f.administration.create(f.world.admin, newCustomer()).activationMailed());
            assertEquals(1, f.ses.sent.size());
            assertAgree(f);
        }
    }

    /** The table and the Auth0 stub agree: every record has its login and vice versa, alike, nothing half-done or doubled. */
    private static void assertAgree(Fixture f) {
        List<User> users = f.world.directory.list(f.world.admin, UserQuery.ALL, 100, null).items();
        List<Map<String, Object>> logins = f.auth0.snapshot();
        for (User user : users) {
            assertFalse(user.provisioning(), user.username() + " left provisioning");
            assertFalse(user.loginUpdatePending(), user.username() + " left with a login update pending");
            Map<String, Object> login = logins.stream().filter(l -> ("auth0|" + user.id()).equals(l.get("user_id"))).findFirst().orElse(null);
            assertNotNull(login, "no login for " + user.username());
            assertTrue(user.username().equalsIgnoreCase(String.valueOf(login.get("email"))), user.username() + " vs " + login.get("email"));
            assertEquals(user.firstName(), login.get("given_name"));
            assertEquals(user.lastName(), login.get("family_name"));
            assertEquals(user.suspended(), Boolean.TRUE.equals(login.get("blocked")), user.username() + " blocked");
        }
        for (Map<String, Object> login : logins) {
            assertTrue(users.stream().anyMatch(u -> ("auth0|" + u.id()).equals(login.get("user_id"))), "a login without a record: " + login.get("email"));
        }
        assertEquals(users.size(), users.stream().map(u -> u.username().toLowerCase()).distinct().count(), "duplicated records");
        assertEquals(logins.size(), logins.stream().map(l -> String.valueOf(l.get("email")).toLowerCase()).distinct().count(), "duplicated logins");
    }

    @AfterAll
    static void printFaults() {
        System.err.println("WireFaultInjectionTest: injected faults: " + INJECTED.get());
    }
}
