package com.peakcommerce.useradmin.ports;

import java.util.Map;

/**
 * The key that signs the service's own credentials (the log-in-as credential, SPEC U11) with ES256.
 * The private key never leaves its keeper (AWS KMS in production); the public key is published as a JWK
 * at {@code GET /.well-known/jwks.json}.
 */
public interface TokenSigner {

    /**
     * The ES256 signature of {@code signingInput} (the JWS's {@code header.payload} bytes), in JOSE's
     * form: R||S, 64 bytes.
     */
    byte[] sign(byte[] signingInput);

    /**
     * The public key as a JWK ({@code kty EC, crv P-256, x, y, kid, alg ES256, use sig}); its {@code kid}
     * is stable for the key and goes into the header of every JWS it signs.
     */
    Map<String, Object> publicJwk();
}
