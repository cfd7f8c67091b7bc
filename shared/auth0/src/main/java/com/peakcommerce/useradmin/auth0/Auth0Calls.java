package com.peakcommerce.useradmin.auth0;

import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.core.ManagementException;
import com.auth0.client.mgmt.core.OAuthTokenException;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends Management API requests through the SDK, retries the ones worth retrying, and turns every
 * failure into an {@link IdentityProviderException} whose message is safe to show to an admin.
 *
 * <p>Retries (the SDK's own are switched off, see {@link Auth0IdentityProvider}):
 * <ul>
 *   <li>429: after the wait Auth0 names, the later of {@code Retry-After} (seconds) and
 *       {@code x-ratelimit-reset} (UNIX seconds), at least {@link #MIN_RATE_LIMIT_WAIT}; again and again
 *       as long as the operation's waits end within the rate-limit budget, counted from the operation's
 *       start, then {@code UNAVAILABLE}. A wait that would end beyond the budget is not begun.</li>
 *   <li>5xx: once per operation, after {@link #SERVER_ERROR_PAUSE}, if that fits the budget; then
 *       {@code UNAVAILABLE}.</li>
 *   <li>Timeouts, connection failures, and a token that cannot be fetched: not retried, {@code UNAVAILABLE}.</li>
 * </ul>
 * Other statuses: 400 and other 4xx are {@code REJECTED} with Auth0's message, 409 {@code CONFLICT},
 * 401/403 (the adapter's own credentials or scopes are wrong) {@code UNAVAILABLE}.
 */
final class Auth0Calls {
    static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofMillis(100);
    static final Duration SERVER_ERROR_PAUSE = Duration.ofMillis(200);
    private static final int MAX_MESSAGE_LENGTH = 300;

    /** Waits; {@code Thread::sleep} in production, a fake clock's advance in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;

    Auth0Calls(Duration budget, Clock clock, Sleeper sleeper) {
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Starts an operation: its requests share one rate-limit budget and one retry of a 5xx. */
    Operation operation(String name) {
        return new Operation(name, clock.instant().plus(budget));
    }

    /** The requests of one adapter operation (a create and its lookup, say). */
    final class Operation {
        private final String name;
        private final Instant deadline;
        private boolean serverErrorRetried;

        private Operation(String name, Instant deadline) {
            this.name = name;
            this.deadline = deadline;
        }

        /** The answer to {@code request}. */
        <T> T send(Supplier<T> request) {
            return send(request, 0).orElseThrow();
        }

        /**
         * The answer to {@code request}, or empty when Auth0 answered with {@code emptyOn} (404 for a login
         * looked up or deleted, 409 for one created).
         */
        <T> Optional<T> send(Supplier<T> request, int emptyOn) {
            while (true) {
                try {
                    return Optional.of(request.get());
                } catch (ManagementApiException e) {
                    int status = e.statusCode();
                    if (status == emptyOn) return Optional.empty();
                    Duration wait = null;
                    if (status == 429) {
                        wait = rateLimitWait(e.headers(), clock.instant());
                    } else if (status >= 500 && !serverErrorRetried) {
                        wait = SERVER_ERROR_PAUSE;
                        serverErrorRetried = true;
                    }
                    if (wait == null || clock.instant().plus(wait).isAfter(deadline)) throw failure(name, e);
                    Log.warn("auth0 request retried", "operation", name, "status", status, "waitMillis", wait.toMillis());
                    pause(wait);
                } catch (OAuthTokenException e) { // its message is the token endpoint's status line, no secret
                    Log.warn("auth0 token not obtained", "operation", name, "detail", e.getMessage());
                    throw new IdentityProviderException(Reason.UNAVAILABLE, "Auth0 gave no Management API token; try again later.", e);
                } catch (ManagementException e) { // the SDK's wrapper of I/O errors and timeouts
                    Log.warn("auth0 unreachable", "operation", name, "cause", e.getCause() == null ? null : e.getCause().getClass().getSimpleName());
                    throw new IdentityProviderException(Reason.UNAVAILABLE, "Auth0 could not be reached; try again later.", e);
                }
            }
        }
    }

    /** How long Auth0 asks to wait before the next request. */
    static Duration rateLimitWait(Map<String, List<String>> headers, Instant now) {
        long millis = MIN_RATE_LIMIT_WAIT.toMillis();
        Long retryAfter = longHeader(headers, "Retry-After");
        if (retryAfter != null) millis = Math.max(millis, retryAfter * 1000);
        Long reset = longHeader(headers, "X-RateLimit-Reset");
        if (reset != null) millis = Math.max(millis, reset * 1000 - now.toEpochMilli());
        return Duration.ofMillis(millis);
    }

    private IdentityProviderException failure(String operation, ManagementApiException e) {
        int status = e.statusCode();
        Log.warn("auth0 request failed", "operation", operation, "status", status);
        return switch (status) {
            case 401, 403 -> new IdentityProviderException(Reason.UNAVAILABLE,
                    "Auth0 refused the service's credentials (HTTP " + status + "); try again later.", e);
            case 404 -> new IdentityProviderException(Reason.REJECTED, "Auth0 has no such login.", e);
            case 408, 429 -> new IdentityProviderException(Reason.UNAVAILABLE, "Auth0 is busy; try again later.", e);
            case 409 -> new IdentityProviderException(Reason.CONFLICT, "Auth0 reports a conflict: " + message(e), e);
            default -> status >= 500
                    ? new IdentityProviderException(Reason.UNAVAILABLE, "Auth0 is unavailable (HTTP " + status + "); try again later.", e)
                    : new IdentityProviderException(Reason.REJECTED, "Auth0 refused the request: " + message(e), e);
        };
    }

    /** Auth0's own explanation ({@code message} of its error body), which names no secret. */
    private static String message(ManagementApiException e) {
        if (e.body() instanceof Map<?, ?> body && body.get("message") instanceof String message && !message.isBlank()) {
            return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
        }
        return "HTTP " + e.statusCode();
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderException(Reason.UNAVAILABLE, "Interrupted while waiting for Auth0; try again later.", e);
        }
    }

    private static Long longHeader(Map<String, List<String>> headers, String name) {
        if (headers == null) return null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!name.equalsIgnoreCase(header.getKey()) || header.getValue() == null || header.getValue().isEmpty()) continue;
            try {
                return Long.parseLong(header.getValue().getFirst().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
