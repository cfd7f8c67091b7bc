package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Log in as in the local run: the routes from template.yaml (two of them public), the
 * real KMS adapter on a key made in moto at start, the README's curl steps over HTTP.
 */
class LocalImpersonationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningLocalServer local = new RunningLocalServer();

    @Test
    void anAdminLogsInAsAUserAndThePortalRedeemsTheCredentialOnce() throws Exception {
        String admin = "Bearer " + local.server().adminToken();
        HttpResponse<String> created = local.post("/users", """
                {"role": "SYSTEM_ADMIN", "firstName": "Ida", "lastName": "Impersonated", "username": "ida@example.com"}""",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();

        assertEquals(401, local.post("/users/" + id + "/impersonation", "").statusCode(), "needs a token");
        HttpResponse<String> issued = local.post("/users/" + id + "/impersonation", "", "Authorization", admin);
        assertEquals(200, issued.statusCode(), issued.body());
        JsonNode credential = JSON.readTree(issued.body());
        assertEquals(id, credential.path("subject").asText());
        assertEquals(local.server().admin().id(), credential.path("actor").asText());
        String token = credential.path("token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(local.server().baseUrl(), claims.path("iss").asText());
        assertEquals(LocalServer.LOCAL_PORTAL_AUDIENCE, claims.path("aud").asText());

        HttpResponse<String> jwks = local.get("/.well-known/jwks.json");
        assertEquals(200, jwks.statusCode(), jwks.body());
        assertEquals("public, max-age=300", jwks.headers().firstValue("Cache-Control").orElse(null));
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertEquals(JSON.readTree(jwks.body()).path("keys").path(0).path("kid").asText(), header.path("kid").asText());

        String redeem = "{\"token\":\"" + token + "\"}";
        HttpResponse<String> first = local.post("/impersonation/redeem", redeem);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(id, JSON.readTree(first.body()).path("subject").asText());
        assertEquals(409, local.post("/impersonation/redeem", redeem).statusCode());
    }
}
