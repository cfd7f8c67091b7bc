package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The post-login Action's signature: {@code X-Signature-Timestamp} is the time of sending in UNIX
 * seconds, {@code X-Signature} is {@code v1=} and the hex HMAC-SHA256, keyed with the shared secret, of
 * {@code <timestamp>.<raw body>}. A request is authentic if one of the secrets gives that signature
 * (compared in constant time) and the timestamp is within {@link #TOLERANCE} of now.
 *
 * <p>Replays: outside the tolerance a captured request is refused; within it, the same login again
 * changes nothing (the login count only moves forward) and answers what the first one did, to the
 * sender, who learns nothing new.
 */
final class WebhookSignature {
    static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";
    static final String SIGNATURE_HEADER = "X-Signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SCHEME = "v1=";
    private static final Pattern SECONDS = Pattern.compile("^[0-9]{1,12}$");
    private static final Pattern HEX_SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");

    private final PostLoginSecrets secret;

    WebhookSignature(PostLoginSecrets secret) { this.secret = secret; }

    /** Empty if the request is authentic; otherwise why not, in words fit for the 401's detail. */
    Optional<String> refusal(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || timestamp.isBlank()) return Optional.of(TIMESTAMP_HEADER + " is missing.");
        if (signature == null || signature.isBlank()) return Optional.of(SIGNATURE_HEADER + " is missing.");
        timestamp = timestamp.strip();
        if (!SECONDS.matcher(timestamp).matches()) return Optional.of(TIMESTAMP_HEADER + " must be UNIX seconds.");
        long age = now.getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            return Optional.of("The signature's timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now.");
        }
        String given = signature.strip();
        byte[] givenMac = given.startsWith(SCHEME) && HEX_SHA256.matcher(given.substring(SCHEME.length())).matches()
                ? HexFormat.of().parseHex(given.substring(SCHEME.length())) : new byte[32];
        boolean match = false;
        for (String key : secret.get().secrets()) match |= MessageDigest.isEqual(mac(key, timestamp, body), givenMac);
        return match ? Optional.empty() : Optional.of("The signature does not match.");
    }

    /** The {@code X-Signature} value for {@code body} sent at {@code timestamp}. */
    static String sign(String key, String timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(mac(key, timestamp, body));
    }

    private static byte[] mac(String key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
