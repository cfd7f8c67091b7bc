package com.peakcommerce.useradmin.auth0;

import com.peakcommerce.useradmin.ports.IdentityProvider.NewLogin;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.peakcommerce.useradmin.auth0.Auth0Stub.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate limits, server errors, timeouts and broken connections, on the wire; time is faked. */
class Auth0FailuresTest {
    private static final String USER = reference("mgmt-api_user.json");
    private static final String RATE_LIMITED = reference("mgmt-api_rate_limit_error.json");

    private Auth0Stub auth0;
    private FakeTime time;
    private Auth0IdentityProvider provider;

    @BeforeEach
    void start() throws Exception {
        auth0 = new Auth0Stub();
        time = new FakeTime();
        provider = provider(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        auth0.close();
    }

    private Auth0IdentityProvider provider(Duration rateLimitBudget, Duration readTimeout) {
        return new Auth0IdentityProvider(auth0.settings(null, null, rateLimitBudget),
                Auth0IdentityProvider.httpClient(Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(5)), time, time);
    }

    private static IdentityProviderException failure(Executable call) {
        return assertThrows(IdentityProviderException.class, call);
    }

    private String resetIn(long seconds) {
        return Long.toString(time.epochSecond() + seconds);
    }

    @Test
    void aRateLimitIsWaitedOutUntilTheResetAndTheRequestSentAgain() throws Exception {
        auth0.answer(429, RATE_LIMITED, "x-ratelimit-limit", "10", "x-ratelimit-remaining", "0", "x-ratelimit-reset", resetIn(2))
                .answer(200, USER);

        provider.block("u-1");

        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps);
        assertEquals(Map.of("blocked", true), Auth0Stub.body(auth0.next()));
        assertEquals(Map.of("blocked", true), Auth0Stub.body(auth0.next()));
        assertEquals(0, auth0.apiRequestsLeft());
        assertEquals(1, auth0.tokenRequests.size());
    }

    @Test
    void retryAfterIsHonouredToo() throws Exception {
        auth0.answer(429, RATE_LIMITED, "Retry-After", "3").answer(201, reference("mgmt-api_password_change_ticket.json"));

        provider.passwordChangeTicket("u-1");

        assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps);
        auth0.next();
        auth0.next();
    }

    @Test
    void aRateLimitResettingBeyondTheBudgetIsUnavailableAtOnce() throws Exception {
        auth0.answer(429, RATE_LIMITED, "x-ratelimit-reset", resetIn(6));

        IdentityProviderException e = failure(() -> provider.block("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertEquals(List.of(), time.sleeps, "a wait that cannot end within the budget is not begun");
        auth0.next();
        assertEquals(0, auth0.apiRequestsLeft(), "neither the adapter nor the SDK sent it again");
    }

    @Test
    void repeatedRateLimitsAreWaitedOutOnlyWithinTheBudget() throws Exception {
        for (int i = 0; i < 4; i++) {
            auth0.answer(new MockResponse.Builder().code(429).body(RATE_LIMITED)
                    .setHeader("x-ratelimit-reset", resetIn(2L * (i + 1))).build());
        }

        IdentityProviderException e = failure(() -> provider.deleteLogin("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), time.sleeps); // a third would end at 6 s > 5 s
        for (int i = 0; i < 3; i++) assertEquals("DELETE", auth0.next().getMethod());
        assertEquals(0, auth0.apiRequestsLeft());
    }

    @Test
    void theBudgetSpansAllRequestsOfAnOperation() throws Exception {
        auth0.answer(429, RATE_LIMITED, "x-ratelimit-reset", resetIn(3))
                .answer(409, "{\"statusCode\":409,\"error\":\"Conflict\",\"message\":\"The user already exists.\"}")
                .answer(429, RATE_LIMITED, "x-ratelimit-reset", resetIn(6)); // 3 s more would end at 6 s > 5 s

        IdentityProviderException e = failure(() -> provider.createLogin(
                new NewLogin("u-1", "t-9", Auth0Stub.CONNECTION, "jane.doe@example.com", "Jane", "Doe", null, false)));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps);
        assertEquals("POST", auth0.next().getMethod());
        assertEquals("POST", auth0.next().getMethod());
        assertEquals("GET", auth0.next().getMethod());
        assertEquals(0, auth0.apiRequestsLeft());
    }

    @Test
    void aRateLimitWithoutHintsIsRetriedAfterAShortPause() throws Exception {
        auth0.answer(429, "").answer(200, USER);

        provider.unblock("u-1");

        assertEquals(List.of(Auth0Calls.MIN_RATE_LIMIT_WAIT), time.sleeps);
    }

    @Test
    void aServerErrorIsRetriedOnce() throws Exception {
        auth0.answer(503, "{\"statusCode\":503,\"error\":\"Service Unavailable\",\"message\":\"try later\"}").answer(204, null);

        provider.deleteLogin("u-1");

        assertEquals(List.of(Auth0Calls.SERVER_ERROR_PAUSE), time.sleeps);
        auth0.next();
        auth0.next();
    }

    @Test
    void aServerErrorTwiceIsUnavailable() throws Exception {
        auth0.answer(500, "{\"statusCode\":500,\"error\":\"Internal Server Error\",\"message\":\"boom\"}")
                .answer(500, "<html>proxy error</html>");

        IdentityProviderException e = failure(() -> provider.block("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        auth0.next();
        auth0.next();
        assertEquals(0, auth0.apiRequestsLeft());
    }

    @Test
    void serviceUnavailableTwiceIsUnavailable() {
        auth0.answer(503, "").answer(503, "");

        assertEquals(Reason.UNAVAILABLE, failure(() -> provider.passwordChangeTicket("u-1")).reason());
    }

    @Test
    void aServerErrorIsNotRetriedWhenThePauseWouldExceedTheBudget() throws Exception {
        provider = provider(Duration.ZERO, Duration.ofSeconds(2));
        auth0.answer(500, "{}");

        assertEquals(Reason.UNAVAILABLE, failure(() -> provider.block("u-1")).reason());
        auth0.next();
        assertEquals(0, auth0.apiRequestsLeft());
    }

    @Test
    void aTimeoutIsUnavailable() throws Exception {
        provider = provider(Duration.ofSeconds(5), Duration.ofMillis(300));
        auth0.answer(new MockResponse.Builder().code(200).body(USER).headersDelay(3, TimeUnit.SECONDS).build());

        Instant started = Instant.now();
        IdentityProviderException e = failure(() -> provider.block("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertTrue(Duration.between(started, Instant.now()).toMillis() < 2_500, "gave up at the read timeout");
        auth0.next();
    }

    @Test
    void aBrokenConnectionIsUnavailable() throws Exception {
        auth0.answer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

        IdentityProviderException e = failure(() -> provider.deleteLogin("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        auth0.next();
        assertEquals(0, auth0.apiRequestsLeft(), "not sent again by OkHttp");
    }

    @Test
    void noServerIsUnavailable() {
        auth0.close();

        assertEquals(Reason.UNAVAILABLE, failure(() -> provider.block("u-1")).reason());
    }

    @Test
    void aTokenEndpointRefusalIsUnavailableAndDoesNotShowTheSecret() {
        auth0.tokenAnswer = Auth0Stub.json(401, "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");

        IdentityProviderException e = failure(() -> provider.block("u-1"));

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains(Auth0Stub.CLIENT_SECRET));
        assertEquals(0, auth0.apiRequestsLeft(), "no Management API request without a token");
    }

    @Test
    void forbiddenIsUnavailableNotTheAdminsFault() {
        auth0.answer(403, "{\"statusCode\":403,\"error\":\"Forbidden\",\"message\":\"Insufficient scope, expected any of: update:users\",\"errorCode\":\"insufficient_scope\"}");

        assertEquals(Reason.UNAVAILABLE, failure(() -> provider.block("u-1")).reason());
    }

    @Test
    void rateLimitWaitTakesTheLaterHintAndIgnoresHeaderCase() {
        Instant now = Instant.ofEpochSecond(1_000);
        assertEquals(Duration.ofSeconds(4), Auth0Calls.rateLimitWait(Map.of("X-RATELIMIT-RESET", List.of("1004"), "retry-after", List.of("2")), now));
        assertEquals(Duration.ofSeconds(7), Auth0Calls.rateLimitWait(Map.of("Retry-After", List.of("7"), "x-ratelimit-reset", List.of("1001")), now));
        assertEquals(Auth0Calls.MIN_RATE_LIMIT_WAIT, Auth0Calls.rateLimitWait(Map.of("x-ratelimit-reset", List.of("999")), now));
        assertEquals(Auth0Calls.MIN_RATE_LIMIT_WAIT, Auth0Calls.rateLimitWait(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")), now));
    }
}
