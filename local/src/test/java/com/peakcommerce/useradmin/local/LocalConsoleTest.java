package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcommerce.useradmin.domain.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's files at {@code /} beside the API, and the seeded user of every role its sign-in page offers. */
class LocalConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningLocalServer local = new RunningLocalServer();

    @Test
    void theConsoleIsServedAtTheRootAndItsAssetsBesideTheApi() throws Exception {
        HttpResponse<String> index = local.get("/");
        assertEquals(200, index.statusCode());
        assertEquals(RunningLocalServer.CONSOLE_INDEX, index.body());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow(), "the index is asked for again");

        HttpResponse<String> asset = local.get("/assets/app-1234.js");
        assertEquals(200, asset.statusCode());
        assertTrue(asset.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(asset.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));

        assertEquals(401, local.get("/users").statusCode(), "an API path is still the API's");
        assertEquals(404, local.get("/assets/../../console/index.html").statusCode(), "nothing outside the console's folder");
    }

    @Test
    void getLocalListsAUserOfEveryRoleAndEachCanSignIn() throws Exception {
        JsonNode demo = null;
        for (JsonNode tenant : JSON.readTree(local.get("/local").body()).path("tenants")) {
            if (tenant.path("tenantId").asText().equals(LocalServer.DEMO_TENANT)) demo = tenant;
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode user : demo.path("users")) {
            roles.add(user.path("role").asText());
            HttpResponse<String> token = local.post("/local/tokens", "{\"tenantId\":\"demo\",\"userId\":\"" + user.path("userId").asText() + "\"}");
            assertEquals(200, token.statusCode(), token.body());
            HttpResponse<String> me = local.get("/me", "Authorization", "Bearer " + JSON.readTree(token.body()).path("token").asText());
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(user.path("username").asText(), JSON.readTree(me.body()).path("username").asText());
        }
        assertEquals(Arrays.stream(Role.values()).map(Role::name).sorted().toList(), roles.stream().sorted().toList());
    }
}
