package com.peakcommerce.useradmin.auth0;

import com.fasterxml.jackson.jr.ob.JSON;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A local stand-in for an Auth0 tenant: answers the token endpoint ({@code POST /oauth/token}) with
 * {@code mgmt-token-<n>} for the n-th token request, and every Management API request with the next
 * scripted answer (a 500 when none is left). Records both kinds of request.
 */
final class Auth0Stub implements AutoCloseable {
    static final String CLIENT_ID = "test-client-id";
    static final String CLIENT_SECRET = "test-client-secret-never-printed";
    /** The connection the tests' tenant has (each tenant has its own). */
    static final String CONNECTION = "users-t-9";
    static final String PORTAL_CLIENT_ID = "portal-app-client";

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> apiRequests = new LinkedBlockingQueue<>();
    private final Queue<MockResponse> answers = new ConcurrentLinkedQueue<>();
    volatile long tokenLifetimeSeconds = 86_400;
    volatile MockResponse tokenAnswer;

    Auth0Stub() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if ("/oauth/token".equals(request.getUrl().encodedPath())) {
                    tokenRequests.add(request);
                    if (tokenAnswer != null) return tokenAnswer;
                    return json(200, "{\"access_token\":\"mgmt-token-" + tokenRequests.size()
                            + "\",\"token_type\":\"Bearer\",\"scope\":\"read:users\",\"expires_in\":" + tokenLifetimeSeconds + "}");
                }
                apiRequests.add(request);
                MockResponse answer = answers.poll();
                return answer != null ? answer : json(500, "{\"message\":\"no answer scripted\"}");
            }
        });
        server.start();
    }

    URI managementApiUrl() {
        return server.url("/api/v2").uri();
    }

    Auth0Settings settings(URI ticketResultUrl, Duration ticketTtl, Duration rateLimitBudget) {
        return new Auth0Settings(managementApiUrl(), CLIENT_ID, CLIENT_SECRET, PORTAL_CLIENT_ID, ticketResultUrl, ticketTtl, rateLimitBudget);
    }

    Auth0Stub answer(MockResponse response) {
        answers.add(response);
        return this;
    }

    Auth0Stub answer(int code, String body, String... headerNamesAndValues) {
        MockResponse.Builder response = new MockResponse.Builder().code(code);
        if (body != null) response.setHeader("Content-Type", "application/json; charset=utf-8").body(body);
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) response.addHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        return answer(response.build());
    }

    /** The next Management API request received. */
    RecordedRequest next() throws InterruptedException {
        RecordedRequest request = apiRequests.poll(5, TimeUnit.SECONDS);
        assertNotNull(request, "no further Management API request arrived");
        return request;
    }

    int apiRequestsLeft() {
        return apiRequests.size();
    }

    @Override
    public void close() {
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    /** The request's path with its segments decoded, e.g. {@code /api/v2/users/auth0|u-1}. */
    static String path(RecordedRequest request) {
        return "/" + String.join("/", request.getUrl().pathSegments());
    }

    static Map<String, Object> body(RecordedRequest request) {
        try {
            return JSON.std.mapFrom(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of test resources/auth0 (copied from the shared Auth0 reference data). */
    static String reference(String name) {
        try (InputStream in = Auth0Stub.class.getResourceAsStream("/auth0/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> referenceJson(String name) {
        try {
            return JSON.std.mapFrom(reference(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
