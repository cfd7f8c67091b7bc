package com.peakcommerce.useradmin.jose;

import com.peakcommerce.useradmin.json.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ES256 (ECDSA P-256 with SHA-256) compact JWS and JWKs, with the JDK alone (RFC 7515, 7517, 7518, 7638):
 * enough to sign the service's log-in-as credentials and to verify them, without a JWT library.
 */
public final class Es256 {
    public static final String ALG = "ES256";
    private static final int COORDINATE = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Es256() {}

    /** A new P-256 key pair, for stand-ins and tests: the service's own key lives in KMS and never leaves it. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ES256 signature (R||S, 64 bytes) of {@code signingInput} with a key held in this JVM (see {@link #newKeyPair}). */
    public static byte[] sign(PrivateKey key, byte[] signingInput) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(signingInput);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(byte[] bytes) { return B64.encodeToString(bytes); }

    public static byte[] unb64(String text) { return B64D.decode(text); }

    /** {@code BASE64URL(header) "." BASE64URL(claims)}, the bytes that get signed. */
    public static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
        return b64(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "." + b64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An ASN.1 DER ECDSA signature (SEQUENCE of two INTEGERs, as KMS and the JDK give it) as JOSE's
     * fixed-width R||S, 64 bytes for P-256 (RFC 7518 section 3.4).
     */
    public static byte[] derToJose(byte[] der) {
        int[] at = {0};
        expect(der, at, 0x30);
        int sequenceLength = length(der, at);
        if (at[0] + sequenceLength != der.length) throw new IllegalArgumentException("Not a DER ECDSA signature: trailing bytes");
        byte[] r = integer(der, at);
        byte[] s = integer(der, at);
        if (at[0] != der.length) throw new IllegalArgumentException("Not a DER ECDSA signature: extra content");
        byte[] jose = new byte[2 * COORDINATE];
        fixed(r, jose, 0);
        fixed(s, jose, COORDINATE);
        return jose;
    }

    private static void expect(byte[] der, int[] at, int tag) {
        if (at[0] >= der.length || (der[at[0]++] & 0xff) != tag) throw new IllegalArgumentException("Not a DER ECDSA signature");
    }

    private static int length(byte[] der, int[] at) {
        if (at[0] >= der.length) throw new IllegalArgumentException("Not a DER ECDSA signature: truncated");
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) return first;
        if (first != 0x81 || at[0] >= der.length) throw new IllegalArgumentException("Not a DER ECDSA signature: length");
        return der[at[0]++] & 0xff;
    }

    private static byte[] integer(byte[] der, int[] at) {
        expect(der, at, 0x02);
        int length = length(der, at);
        if (length == 0 || at[0] + length > der.length) throw new IllegalArgumentException("Not a DER ECDSA signature: integer");
        byte[] value = Arrays.copyOfRange(der, at[0], at[0] + length);
        at[0] += length;
        return value;
    }

    /** An unsigned big-endian integer, left-padded (or stripped of DER's sign byte) to 32 bytes. */
    private static void fixed(byte[] integer, byte[] out, int offset) {
        int start = 0;
        while (start < integer.length - 1 && integer[start] == 0) start++;
        int length = integer.length - start;
        if (length > COORDINATE) throw new IllegalArgumentException("Not a P-256 signature: integer too long");
        System.arraycopy(integer, start, out, offset + COORDINATE - length, length);
    }

    /** The JWK of a P-256 public key, with {@code kid} its RFC 7638 thumbprint. */
    public static Map<String, Object> jwk(ECPublicKey key) {
        String x = b64(unsigned(key.getW().getAffineX()));
        String y = b64(unsigned(key.getW().getAffineY()));
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", x);
        jwk.put("y", y);
        jwk.put("kid", thumbprint(x, y));
        jwk.put("alg", ALG);
        jwk.put("use", "sig");
        return jwk;
    }

    /** The JWK of a public key given as X.509 SubjectPublicKeyInfo DER (what KMS GetPublicKey answers). */
    public static Map<String, Object> jwkFromSpki(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("Not a P-256 public key");
            }
            return jwk(ec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an EC public key", e);
        }
    }

    /** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
    static String thumbprint(String x, String y) {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        return b64(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The public key a JWK describes; only {@code kty EC, crv P-256}. */
    public static ECPublicKey publicKey(Map<String, Object> jwk) {
        if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) throw new IllegalArgumentException("Not a P-256 JWK");
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(1, unb64((String) jwk.get("x"))), new BigInteger(1, unb64((String) jwk.get("y"))));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a P-256 JWK", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[COORDINATE];
        int start = bytes.length > COORDINATE ? bytes.length - COORDINATE : 0;
        System.arraycopy(bytes, start, out, COORDINATE - (bytes.length - start), bytes.length - start);
        return out;
    }

    /** A compact JWS split and decoded; nothing in it is trusted until {@link #verify} says so. */
    public record Parsed(Map<String, Object> header, Map<String, Object> claims, String signingInput, byte[] signature) {}

    /** The three parts of a compact JWS with JSON-object header and claims, or empty for anything else. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 8192) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        try {
            Object header = Json.read(new String(unb64(parts[0]), StandardCharsets.UTF_8));
            Object claims = Json.read(new String(unb64(parts[1]), StandardCharsets.UTF_8));
            if (!(header instanceof Map<?, ?> h) || !(claims instanceof Map<?, ?> c)) return Optional.empty();
            @SuppressWarnings("unchecked") Map<String, Object> hh = (Map<String, Object>) h;
            @SuppressWarnings("unchecked") Map<String, Object> cc = (Map<String, Object>) c;
            return Optional.of(new Parsed(hh, cc, parts[0] + "." + parts[1], unb64(parts[2])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code signature} (JOSE R||S) is {@code key}'s ES256 signature of {@code signingInput}. */
    public static boolean verify(ECPublicKey key, String signingInput, byte[] signature) {
        if (signature.length != 2 * COORDINATE) return false;
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
