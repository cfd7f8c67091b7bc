package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The local stand-in for Auth0's tokens and for the HTTP API's JWT authorizer: an RS256 key generated at
 * start-up (so tokens do not outlive the process), tokens carrying the service's namespaced claims, and the
 * checks the authorizer makes (signature with the known key, issuer, audience, expiry, not-before).
 * The verified claims come out as API Gateway hands them to a function: every value a string.
 */
public final class LocalTokens {
    public static final String AUDIENCE = "peakcommerce-local";
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final String KEY_ID = "local-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final String issuer;
    private final String claimNamespace;
    private final Clock clock;

    public LocalTokens(String issuer, String claimNamespace, Clock clock) {
        this.issuer = issuer;
        this.claimNamespace = claimNamespace;
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() { return issuer; }

    /** A token for a user of a tenant, valid for {@link #LIFETIME}. */
    public String mint(String tenantId, String userId) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "local|" + userId);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("https://" + claimNamespace + "/tenant", tenantId);
        claims.put("https://" + claimNamespace + "/user_id", userId);
        return sign(claims);
    }

    /** Signs any claims (tests use it for expired or foreign tokens). */
    public String sign(Map<String, Object> claims) {
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID);
        String signingInput = b64json(header) + "." + b64json(claims);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of the token in an {@code Authorization} header ({@code Bearer } optional, as API Gateway
     * accepts it), if the authorizer would let it through; empty for anything it would answer 401.
     */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || authorization.isBlank()) return Optional.empty();
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).strip();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) return Optional.empty();
            if (header.hasNonNull("kid") && !KEY_ID.equals(header.path("kid").asText())) return Optional.empty();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(parts[2]))) return Optional.empty();

            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            if (!claims.isObject()) return Optional.empty();
            long now = clock.instant().getEpochSecond();
            if (!issuer.equals(claims.path("iss").asText(null))) return Optional.empty();
            if (!audienceMatches(claims)) return Optional.empty();
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) return Optional.empty();
            if (claims.has("nbf") && (!claims.path("nbf").canConvertToLong() || claims.path("nbf").asLong() > now)) return Optional.empty();
            return Optional.of(asStrings(claims));
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean audienceMatches(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual()) return AUDIENCE.equals(aud.asText());
        if (aud.isArray()) return StreamSupport.stream(aud.spliterator(), false).anyMatch(a -> AUDIENCE.equals(a.asText()));
        return AUDIENCE.equals(claims.path("client_id").asText(null)); // the authorizer also accepts client_id
    }

    /** As the HTTP API passes claims on: strings as they are, numbers and booleans as text, lists as {@code [a b]}. */
    static Map<String, String> asStrings(JsonNode claims) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> claim : claims.properties()) {
            JsonNode value = claim.getValue();
            String text;
            if (value.isArray()) {
                List<String> items = StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
                text = "[" + String.join(" ", items) + "]";
            } else if (value.isValueNode()) {
                text = value.asText();
            } else {
                text = value.toString();
            }
            out.put(claim.getKey(), text);
        }
        return out;
    }

    /** The public key as a JSON Web Key Set, for anyone who wants to check a local token themselves. */
    public Map<String, Object> jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", KEY_ID);
        jwk.put("n", B64.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        return Map.of("keys", List.of(jwk));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64json(Object value) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
