package com.peakcommerce.useradmin.functions.impersonation;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.TokenSigner;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

/** A P-256 key in memory, signing as KMS would (the KMS adapter itself has its wire test in shared/kms). */
final class EcSigner implements TokenSigner {
    final KeyPair keys;

    EcSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
    public Map<String, Object> publicJwk() { return Es256.jwk((ECPublicKey) keys.getPublic()); }
}
