package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.TokenSigner;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

/**
 * NOT KMS: a stand-in for the KMS key that signs log-in-as credentials, for the local run only. A P-256
 * key made when the server starts (so credentials do not outlive the process), signing ES256 as the KMS
 * adapter does and published the same way at {@code GET /.well-known/jwks.json}.
 */
public final class LocalTokenSignerStandIn implements TokenSigner {
    private final KeyPair keys = Es256.newKeyPair();
    private final Map<String, Object> jwk = Map.copyOf(Es256.jwk((ECPublicKey) keys.getPublic()));

    @Override
    public byte[] sign(byte[] signingInput) { return Es256.sign(keys.getPrivate(), signingInput); }

    @Override
    public Map<String, Object> publicJwk() { return jwk; }
}
