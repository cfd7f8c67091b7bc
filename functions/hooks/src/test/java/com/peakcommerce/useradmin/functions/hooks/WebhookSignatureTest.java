package com.peakcommerce.useradmin.functions.hooks;

import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecret;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signature scheme, and that the Action's JavaScript and this service compute it alike. */
class WebhookSignatureTest {

    @Test
    @SuppressWarnings("unchecked")
    void theActionsTestVectorVerifies() throws Exception {
        // auth0/actions/post-login.test.js checks the same vector against the Action's code.
        Map<String, Object> vector = (Map<String, Object>) Json.read(Files.readString(
                Events.repositoryRoot().resolve("auth0/actions/signature-vector.json")));
        String secret = (String) vector.get("secret");
        String timestamp = (String) vector.get("timestamp");
        byte[] body = ((String) vector.get("body")).getBytes(StandardCharsets.UTF_8);

        assertEquals(vector.get("signature"), WebhookSignature.sign(secret, timestamp, body));
        WebhookSignature signature = new WebhookSignature(() -> new PostLoginSecret(List.of(secret)));
        Instant sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        assertEquals(Optional.empty(), signature.refusal(timestamp, (String) vector.get("signature"), body, sentAt.plusSeconds(299)));
        assertTrue(signature.refusal(timestamp, (String) vector.get("signature"), body, sentAt.plusSeconds(301)).isPresent());
        assertTrue(signature.refusal(timestamp, ((String) vector.get("signature")).toUpperCase().replace("V1=", "v1="), body, sentAt).isEmpty(),
                "hex is hex in either case");
    }
}
