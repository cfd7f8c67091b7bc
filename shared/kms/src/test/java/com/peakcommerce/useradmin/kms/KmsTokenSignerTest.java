package com.peakcommerce.useradmin.kms;

import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.json.Json;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS signer against a MockWebServer standing in for KMS (JSON 1.1 protocol, {@code X-Amz-Target}):
 * the stub holds a local P-256 key, signs the digest it is sent and answers DER, as KMS does.
 */
class KmsTokenSignerTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private MockWebServer server;
    private KmsClient kms;
    private KeyPair key;
    private final List<Map<String, Object>> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean disabled;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        kms = KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .build();
    }

    @AfterEach
    void stop() {
        kms.close();
        server.close();
    }

    /** KMS: Sign of a DIGEST with ECDSA_SHA_256 answers the DER signature; GetPublicKey the SPKI DER. */
    private MockResponse answer(RecordedRequest request) {
        try {
            String target = request.getHeaders().get("X-Amz-Target");
            targets.add(target);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) Json.read(request.getBody().string(StandardCharsets.UTF_8));
            bodies.add(body);
            if (disabled) return json(400, "{\"__type\":\"KMSInvalidStateException\",\"message\":\"key is disabled\"}");
            return switch (target) {
                case "TrentService.Sign" -> {
                    Signature signer = Signature.getInstance("NONEwithECDSA");
                    signer.initSign(key.getPrivate());
                    signer.update(Base64.getDecoder().decode((String) body.get("Message")));
                    yield json(200, Json.write(Map.of("KeyId", KEY_ARN, "SigningAlgorithm", "ECDSA_SHA_256",
                            "Signature", Base64.getEncoder().encodeToString(signer.sign()))));
                }
                case "TrentService.GetPublicKey" -> json(200, Json.write(Map.of("KeyId", KEY_ARN, "KeySpec", "ECC_NIST_P256",
                        "KeyUsage", "SIGN_VERIFY", "SigningAlgorithms", List.of("ECDSA_SHA_256"),
                        "PublicKey", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))));
                default -> json(400, "{\"__type\":\"UnknownOperationException\"}");
            };
        } catch (Exception e) {
            return json(500, "{\"__type\":\"KMSInternalException\",\"message\":\"" + e + "\"}");
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/x-amz-json-1.1")
                .addHeader("x-amzn-RequestId", "req-" + code).body(body).build();
    }

    @Test
    void signSendsTheDigestToKmsAndAnswersJoseRAndSThatVerify() throws Exception {
        KmsTokenSigner signer = new KmsTokenSigner(kms, KEY_ARN);
        byte[] input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI0MiJ9".getBytes(StandardCharsets.US_ASCII);

        byte[] signature = signer.sign(input);

        assertEquals(List.of("TrentService.Sign"), targets);
        Map<String, Object> request = bodies.getFirst();
        assertEquals(Map.of("KeyId", KEY_ARN, "SigningAlgorithm", "ECDSA_SHA_256", "MessageType", "DIGEST",
                "Message", Base64.getEncoder().encodeToString(Es256.sha256(input))), request);
        assertEquals(64, signature.length);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update(input);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void everySignatureConvertsWhateverTheLengthsOfRAndS() {
        // DER integers are 33 bytes with the high bit set, 32 or fewer otherwise; 64 signatures meet both.
        KmsTokenSigner signer = new KmsTokenSigner(kms, KEY_ARN);
        ECPublicKey publicKey = (ECPublicKey) key.getPublic();
        for (int i = 0; i < 64; i++) {
            String input = "header.payload-" + i;
            assertTrue(Es256.verify(publicKey, input, signer.sign(input.getBytes(StandardCharsets.US_ASCII))), "signature " + i);
        }
    }

    @Test
    void thePublicKeyIsReadOnceAndAnsweredAsAJwkWithAStableKid() {
        KmsTokenSigner signer = new KmsTokenSigner(kms, KEY_ARN);

        Map<String, Object> jwk = signer.publicJwk();
        Map<String, Object> again = signer.publicJwk();

        assertEquals(List.of("TrentService.GetPublicKey"), targets, "one GetPublicKey per container");
        assertEquals(Map.of("KeyId", KEY_ARN), bodies.getFirst());
        assertEquals(jwk, again);
        assertEquals("EC", jwk.get("kty"));
        assertEquals("P-256", jwk.get("crv"));
        assertEquals("ES256", jwk.get("alg"));
        assertEquals("sig", jwk.get("use"));
        assertEquals(Es256.jwk((ECPublicKey) key.getPublic()), jwk);
        assertArrayEquals(key.getPublic().getEncoded(), Es256.publicKey(jwk).getEncoded(), "the JWK is the key KMS holds");
        assertEquals(jwk.get("kid"), new KmsTokenSigner(kms, KEY_ARN).publicJwk().get("kid"), "the kid is derived from the key alone");
    }

    @Test
    void aKmsRefusalReachesTheCaller() {
        disabled = true;
        KmsTokenSigner signer = new KmsTokenSigner(kms, KEY_ARN);
        assertThrows(KmsInvalidStateException.class, () -> signer.sign(new byte[]{1}));
    }

    @Test
    void derWithShortIntegersIsLeftPadded() {
        // r = 1, s = 0x80 (needs a sign byte in DER)
        byte[] der = {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, (byte) 0x80};
        byte[] jose = Es256.derToJose(der);
        assertEquals(64, jose.length);
        assertEquals(1, jose[31]);
        assertEquals((byte) 0x80, jose[63]);
        for (int i = 0; i < 31; i++) assertEquals(0, jose[i]);
        assertThrows(IllegalArgumentException.class, () -> Es256.derToJose(new byte[]{0x30, 0x03, 0x02, 0x01}));
    }
}
