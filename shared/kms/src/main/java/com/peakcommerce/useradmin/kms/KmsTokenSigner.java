package com.peakcommerce.useradmin.kms;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Adapters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

import java.util.Map;

/**
 * The {@link TokenSigner} on an AWS KMS asymmetric key (KeySpec {@code ECC_NIST_P256}, KeyUsage
 * {@code SIGN_VERIFY}): the private key never leaves KMS.
 *
 * <p>{@code kms:Sign} gets the SHA-256 digest of the signing input ({@code MessageType DIGEST}, so the
 * request carries 32 bytes whatever the token's size) with {@code ECDSA_SHA_256}, and answers ASN.1 DER,
 * which is turned into JOSE's R||S. The public key is read once per container ({@code kms:GetPublicKey},
 * SubjectPublicKeyInfo DER) on first use, not at class initialisation, and kept: it is the key's and never
 * changes. Its JWK's {@code kid} is the RFC 7638 thumbprint, so it is stable and derived from the key alone.
 */
public final class KmsTokenSigner implements TokenSigner {
    private final KmsClient kms;
    private final String keyId;
    private volatile Map<String, Object> jwk;

    public KmsTokenSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** The deployed signer: the key in {@code IMPERSONATION_KEY_ID}, the service's one credentials chain. */
    public static KmsTokenSigner fromEnvironment() {
        KmsClient client = KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Settings.environment().required("AWS_REGION")))
                .credentialsProvider(Adapters.awsCredentials())
                .build();
        return new KmsTokenSigner(client, Settings.environment().required("IMPERSONATION_KEY_ID"));
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        byte[] der = kms.sign(r -> r.keyId(keyId)
                .message(SdkBytes.fromByteArray(Es256.sha256(signingInput)))
                .messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        return Es256.derToJose(der);
    }

    @Override
    public Map<String, Object> publicJwk() {
        Map<String, Object> known = jwk;
        if (known == null) {
            byte[] spki = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
            known = Map.copyOf(Es256.jwkFromSpki(spki));
            jwk = known;
        }
        return known;
    }
}
