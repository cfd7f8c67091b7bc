package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants in the local run, to try isolation by hand: the seeded {@code acme} beside {@code demo}, the
 * local-only {@code POST /local/tenants} (the operator's bootstrap), and one person a user of both.
 */
class LocalTenantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningLocalServer local = new RunningLocalServer();

    private static String bearer(String token) { return "Bearer " + token; }

    private static String customer(String username, String profileId) {
        return "{\"role\":\"CUSTOMER\",\"firstName\":\"Sam\",\"lastName\":\"Same\",\"username\":\"" + username + "\","
                + "\"accountNumber\":\"A000001212\",\"amendmentDateAlignment\":\"IMMEDIATE\",\"profileId\":\"" + profileId + "\"}";
    }

    @Test
    void acmeIsSeededBesideDemoAndItsAdminSeesOnlyItsOwnTenant() throws Exception {
        LocalServer server = local.server();
        LocalSeed.SeededTenant acme = server.tenant(LocalServer.ACME_TENANT);
        assertNotNull(acme);
        assertTrue(server.banner().contains("export ACME_TOKEN="), "the banner prints the second admin's token");

        String demoToken = server.adminToken();
        HttpResponse<String> created = local.post("/users", customer("sam.local@example.com", server.standardProfile().id()), "Authorization", bearer(demoToken));
        assertEquals(201, created.statusCode(), created.body());
        String demoUserId = JSON.readTree(created.body()).path("id").asText();

        String acmeToken = JSON.readTree(local.post("/local/tokens", "{\"tenantId\":\"acme\",\"userId\":\"" + acme.admin().id() + "\"}").body()).path("token").asText();
        HttpResponse<String> sameAddress = local.post("/users", customer("Sam.Local@example.com", acme.standardProfile().id()), "Authorization", bearer(acmeToken));
        assertEquals(201, sameAddress.statusCode(), "one person can be a user of two tenants: " + sameAddress.body());

        HttpResponse<String> other = local.get("/users/" + demoUserId, "Authorization", bearer(acmeToken));
        assertEquals(404, other.statusCode());
        assertFalse(other.body().contains("sam.local"), "nothing of the other tenant's user");
        JsonNode acmeList = JSON.readTree(local.get("/users", "Authorization", bearer(acmeToken)).body()).path("items");
        acmeList.forEach(u -> assertFalse(u.path("id").asText().equals(demoUserId)));
        assertEquals(2, acmeList.size(), "acme's admin and its Sam");
    }

    @Test
    void postLocalTenantsBootstrapsATenantOnceAndAnswersWithAToken() throws Exception {
        String body = "{\"tenantId\":\"globex\",\"tenantName\":\"Globex\",\"admin\":{\"firstName\":\"Gil\",\"lastName\":\"Globex\",\"username\":\"gil@globex.example\"}}";
        HttpResponse<String> first = local.post("/local/tenants", body);
        assertEquals(201, first.statusCode(), first.body());
        JsonNode tenant = JSON.readTree(first.body());
        assertEquals("globex", tenant.path("tenantId").asText());

        HttpResponse<String> me = local.get("/users/" + tenant.path("adminUserId").asText(), "Authorization", bearer(tenant.path("token").asText()));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("GLOBAL_ADMIN", JSON.readTree(me.body()).path("role").asText());

        HttpResponse<String> again = local.post("/local/tenants", body);
        assertEquals(200, again.statusCode(), "the same bootstrap again finds the same tenant: " + again.body());
        assertEquals(tenant.path("adminUserId").asText(), JSON.readTree(again.body()).path("adminUserId").asText());

        HttpResponse<String> bad = local.post("/local/tenants", "{\"tenantId\":\"Bad Id\",\"tenantName\":\"\",\"admin\":{}}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("tenantId") && bad.body().contains("tenantName"), bad.body());
    }
}
