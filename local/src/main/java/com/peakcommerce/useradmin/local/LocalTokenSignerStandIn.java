package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.TokenSigner;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

/**
 * NOT KMS: a stand-in for the KMS key that signs log-in-as credentials, for the local run only. A P-256
 * key made when the server starts (so credentials do not outlive the process), signing ES256 as the KMS
 * adapter does and published the same way at {@code GET /.well-known/jwks.json}.
 */
public final class LocalTokenSignerStandIn implements TokenSigner {
    private final KeyPair keys;
    private final Map<String, Object> jwk;

    public LocalTokenSignerStandIn() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.jwk = Map.copyOf(Es256.jwk((ECPublicKey) keys.getPublic()));
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, Object> publicJwk() { return jwk; }
}
