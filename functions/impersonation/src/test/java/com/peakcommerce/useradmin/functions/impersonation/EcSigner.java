package com.peakcommerce.useradmin.functions.impersonation;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.TokenSigner;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

/** A P-256 key in memory, signing as KMS would (the KMS adapter itself has its wire test in shared/kms). */
final class EcSigner implements TokenSigner {
    final KeyPair keys = Es256.newKeyPair();

    @Override
    public byte[] sign(byte[] signingInput) { return Es256.sign(keys.getPrivate(), signingInput); }

    @Override
    public Map<String, Object> publicJwk() { return Es256.jwk((ECPublicKey) keys.getPublic()); }
}
