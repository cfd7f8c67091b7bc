package com.peakcommerce.useradmin.bench;

import com.peakcommerce.useradmin.jose.Es256;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * Stand-ins, on one loopback port, for what the measured cold starts talk to besides DynamoDB: Auth0's
 * token endpoint and Management API, SSM GetParameter (the Auth0 credentials), SES SendEmail, and KMS
 * GetPublicKey and Sign (with an EC key made here). They answer as the real services do, so the function
 * under measurement runs its real adapters.
 */
final class LocalStubs implements AutoCloseable {
    private final HttpServer server;
    private final KeyPair kmsKey;

    LocalStubs() throws IOException {
        kmsKey = Es256.newKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("AmazonSSM.GetParameter".equals(target)) {
            reply(exchange, 200, "application/x-amz-json-1.1",
                    "{\"Parameter\":{\"Name\":\"/bench/auth0\",\"Type\":\"SecureString\",\"Value\":\"{\\\"clientId\\\":\\\"bench-client\\\",\\\"clientSecret\\\":\\\"bench-secret\\\"}\",\"Version\":1}}");
        } else if ("TrentService.GetPublicKey".equals(target)) {
            reply(exchange, 200, "application/x-amz-json-1.1", "{\"KeyId\":\"bench-key\",\"KeySpec\":\"ECC_NIST_P256\",\"KeyUsage\":\"SIGN_VERIFY\","
                    + "\"SigningAlgorithms\":[\"ECDSA_SHA_256\"],\"PublicKey\":\"" + Base64.getEncoder().encodeToString(kmsKey.getPublic().getEncoded()) + "\"}");
        } else if ("TrentService.Sign".equals(target)) {
            reply(exchange, 200, "application/x-amz-json-1.1", "{\"KeyId\":\"bench-key\",\"SigningAlgorithm\":\"ECDSA_SHA_256\",\"Signature\":\""
                    + Base64.getEncoder().encodeToString(signDigest(body.replaceAll(".*\"Message\"\\s*:\\s*\"([^\"]+)\".*", "$1"))) + "\"}");
        } else if (path.endsWith("/oauth/token")) {
            reply(exchange, 200, "application/json", "{\"access_token\":\"bench-token\",\"token_type\":\"Bearer\",\"expires_in\":86400,\"scope\":\"create:users\"}");
        } else if (path.endsWith("/api/v2/users")) {
            String id = body.replaceAll(".*\"user_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            reply(exchange, 201, "application/json", "{\"user_id\":\"auth0|" + id + "\",\"email\":\"bench@example.com\",\"email_verified\":false,\"blocked\":false}");
        } else if (path.contains("/api/v2/tickets/")) {
            reply(exchange, 201, "application/json", "{\"ticket\":\"https://bench.auth0.test/lo/reset?ticket=abc#\"}");
        } else if (path.endsWith("/v2/email/outbound-emails")) {
            reply(exchange, 200, "application/json", "{\"MessageId\":\"bench-message\"}");
        } else {
            reply(exchange, 404, "application/json", "{\"message\":\"no stub for " + path + "\"}");
        }
    }

    /** What KMS's Sign does with MessageType DIGEST: ECDSA over the given SHA-256 digest, DER-encoded. */
    private byte[] signDigest(String base64Digest) {
        try {
            Signature ecdsa = Signature.getInstance("NONEwithECDSA");
            ecdsa.initSign(kmsKey.getPrivate());
            ecdsa.update(Base64.getDecoder().decode(base64Digest));
            return ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() { server.stop(0); }
}
