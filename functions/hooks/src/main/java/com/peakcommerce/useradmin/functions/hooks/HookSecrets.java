package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.wiring.Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The secrets the hooks authenticate their callers with, each an SSM SecureString parameter, never a
 * template value or an environment variable. A parameter is read when the handler is built (so a
 * missing or unreadable one fails the deployment's SnapStart init instead of the first login) and again
 * when the values in hand are older than {@link #MAX_AGE}: a snapshot restored later reads it afresh, and
 * a changed parameter takes effect within minutes without a deployment. A parameter may hold several
 * values separated by white space, any of which is accepted: a secret is rotated by adding the new value,
 * waiting {@link #MAX_AGE}, switching Auth0 to it, then removing the old one.
 */
public final class HookSecrets {
    /** Shorter values are refused at start-up: a guessable secret is no secret. */
    static final int MIN_LENGTH = 32;
    /** How long values read from SSM are used before they are read again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** Where the post-login secret comes from: SSM in production, a fixed value in tests and the local run. */
    public interface PostLoginSecrets extends Supplier<PostLoginSecret> {}

    /** Where the log-stream token comes from. */
    public interface LogStreamTokens extends Supplier<LogStreamToken> {}

    private HookSecrets() {}

    /** The key(s) of the post-login Action's HMAC-SHA256 signature ({@code WEBHOOK_SECRET} in the Action). */
    public record PostLoginSecret(List<String> secrets) {
        public PostLoginSecret {
            secrets = checked(secrets, "the post-login secret");
        }

        @Override
        public String toString() { return "PostLoginSecret[" + secrets.size() + " value(s)]"; }
    }

    /** The token(s) an Auth0 Log Stream (custom webhook) sends in its {@code Authorization} header. */
    public record LogStreamToken(List<String> tokens) {
        public LogStreamToken {
            tokens = checked(tokens, "the log-stream token");
        }

        /**
         * Whether the header carries one of the tokens, as {@code Bearer <token>} or the bare token.
         * Compared in constant time (over SHA-256 digests, so that not even the length leaks), every
         * token compared.
         */
        public boolean admits(String authorization) {
            if (authorization == null) return false;
            String given = authorization.strip();
            if (given.toLowerCase(Locale.ROOT).startsWith("bearer ")) given = given.substring(7).strip();
            byte[] digest = sha256(given);
            boolean match = false;
            for (String token : tokens) match |= MessageDigest.isEqual(digest, sha256(token));
            return match;
        }

        @Override
        public String toString() { return "LogStreamToken[" + tokens.size() + " value(s)]"; }
    }

    /** The post-login secret in the SSM parameter {@code parameterName}, read now and again every {@link #MAX_AGE}. */
    public static PostLoginSecrets postLoginSecrets(Parameters parameters, String parameterName) {
        var values = new Refreshing(parameters, parameterName, Clock.systemUTC());
        return () -> new PostLoginSecret(values.get());
    }

    /** The log stream's token in the SSM parameter {@code parameterName}, read now and again every {@link #MAX_AGE}. */
    public static LogStreamTokens logStreamTokens(Parameters parameters, String parameterName) {
        var values = new Refreshing(parameters, parameterName, Clock.systemUTC());
        return () -> new LogStreamToken(values.get());
    }

    /**
     * One parameter's values: read now, and again on use once older than {@link #MAX_AGE}. If reading
     * again fails, the values in hand stay in use (and the next use tries again): SSM failing for a
     * moment must not lock everyone out.
     */
    static final class Refreshing implements Supplier<List<String>> {
        private final Parameters parameters;
        private final String parameterName;
        private final Clock clock;
        private volatile List<String> values;
        private volatile Instant readAt;

        Refreshing(Parameters parameters, String parameterName, Clock clock) {
            this.parameters = parameters;
            this.parameterName = parameterName;
            this.clock = clock;
            this.values = read(parameters, parameterName);
            this.readAt = clock.instant();
        }

        @Override
        public List<String> get() {
            if (Duration.between(readAt, clock.instant()).compareTo(MAX_AGE) > 0) {
                try {
                    values = read(parameters, parameterName);
                    readAt = clock.instant();
                } catch (IllegalStateException e) {
                    Log.warn("could not read the parameter again; the values read before stay in use", "parameter", parameterName, "error", e.getMessage());
                }
            }
            return values;
        }
    }

    /**
     * The values of one parameter ({@code GetParameter} with decryption).
     *
     * @throws IllegalStateException when it cannot be read or holds no value long enough; the message
     *                               names the parameter, never its value
     */
    static List<String> read(Parameters parameters, String parameterName) {
        String value = parameters.read(parameterName);
        List<String> values = Arrays.stream(value.strip().split("\\s+")).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty() || values.stream().anyMatch(v -> v.length() < MIN_LENGTH)) {
            throw new IllegalStateException("SSM parameter " + parameterName + " must hold values of at least " + MIN_LENGTH + " characters");
        }
        return values;
    }

    private static List<String> checked(List<String> values, String what) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.length() < MIN_LENGTH)) {
            throw new IllegalArgumentException(what + " needs values of at least " + MIN_LENGTH + " characters");
        }
        return List.copyOf(values);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
