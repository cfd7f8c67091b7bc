package com.peakcommerce.useradmin.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.emulator.MotoServer;
import com.peakcommerce.useradmin.kms.KmsTokenSigner;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import com.peakcommerce.useradmin.wiring.Adapters;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DynamoDB requests of each route, asserted in one place: the route's event from {@code events/}, its real
 * handler built by its function group, the operations the table was sent, in order. A route that starts to cost
 * more fails here, naming what it sends now. {@code bin/bench} prints the same figures.
 */
class RequestBudgetTest {
    /** The log-in-as credentials' signer: the real KMS adapter on a key in the test JVM's moto. */
    private static final TokenSigner SIGNER = signer();

    private static TokenSigner signer() {
        var kms = MotoServer.shared().client(KmsClient.builder());
        String keyId = kms.createKey(k -> k.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
        return new KmsTokenSigner(kms, keyId);
    }

    /** Route event → the DynamoDB operations one request of it sends (the success path of the event as written). */
    private static final Map<String, List<String>> BUDGET = budget();

    private static Map<String, List<String>> budget() {
        Map<String, List<String>> budget = new LinkedHashMap<>();
        budget.put("get-user", List.of("batchGetItem"));
        budget.put("list-users", List.of("getItem", "query"));
        budget.put("get-user-audit", List.of("batchGetItem", "query"));
        budget.put("create-user", List.of("batchGetItem", "transactWriteItems", "putItem"));
        budget.put("update-user", List.of("batchGetItem", "transactWriteItems", "putItem"));
        budget.put("suspend-user", List.of("batchGetItem", "transactWriteItems"));
        budget.put("enable-user", List.of("batchGetItem", "transactWriteItems")); // of a suspended user
        budget.put("reset-password", List.of("batchGetItem", "putItem"));
        budget.put("send-verification-email", List.of("batchGetItem", "putItem"));
        budget.put("delete-user", List.of("batchGetItem", "transactWriteItems"));
        budget.put("create-profile", List.of("getItem", "transactWriteItems"));
        budget.put("list-profiles", List.of("getItem", "query"));
        budget.put("get-profile", List.of("batchGetItem"));
        budget.put("update-profile", List.of("batchGetItem", "transactWriteItems"));
        budget.put("get-profile-settings", List.of("getItem"));
        // Its one holder moves to the replacement, then the profile goes: mark, count, move, count again, delete.
        budget.put("delete-profile", List.of("batchGetItem", "updateItem", "query", "transactWriteItems", "query", "transactWriteItems"));
        budget.put("list-realms", List.of("getItem"));
        budget.put("get-realm", List.of("getItem"));
        budget.put("get-me", List.of("getItem"));
        budget.put("update-me", List.of("batchGetItem", "transactWriteItems", "putItem"));
        budget.put("change-my-email", List.of("batchGetItem", "transactWriteItems", "putItem"));
        budget.put("reset-my-password", List.of("batchGetItem", "putItem"));
        // The first reset of an address opens its rate window (the counter update fails, the window is put).
        budget.put("public-password-reset", List.of("updateItem", "putItem", "getItem", "batchGetItem", "putItem"));
        budget.put("start-impersonation", List.of("batchGetItem", "transactWriteItems"));
        budget.put("get-jwks", List.of());
        return budget;
    }

    @TestFactory
    List<DynamicTest> eachRouteSendsItsBudgetAndNoMore() {
        return BUDGET.entrySet().stream().map(route -> DynamicTest.dynamicTest(route.getKey(), () -> {
            World world = World.seeded();
            world.seedUser(World.TENANT, World.CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
            world.repository.insertProfile(new Profile(World.TENANT, "vip-profile", "VIP", 1, World.NOW, World.NOW));
            Adapters adapters = world.adapters(() -> SIGNER, Adapters.NO_PARAMETERS, Map.of("PUBLIC_RESET_MIN_MILLIS", "0",
                    "IMPERSONATION_ISSUER", "urn:budget-test", "IMPERSONATION_AUDIENCE", "budget-test-portal"));
            APIGatewayV2HTTPEvent event = Events.load(route.getKey());
            String handlerClass = SamTemplate.read(Events.repositoryRoot().resolve("template.yaml")).routes().stream()
                    .filter(r -> r.routeKey().equals(event.getRouteKey())).findFirst().orElseThrow().handlerClass();
            if (route.getKey().equals("update-user") || route.getKey().equals("update-me") || route.getKey().equals("change-my-email")) {
                event.getHeaders().put("if-match", "\"" + world.stored(World.CUSTOMER_ID).version() + "\"");
            }
            if (route.getKey().equals("update-profile")) {
                long version = world.repository.fetch(World.TENANT, Set.of(), Set.of(World.PROFILE_ID)).profiles().get(World.PROFILE_ID).version();
                event.getHeaders().put("if-match", "\"" + version + "\"");
            }
            if (route.getKey().equals("enable-user")) world.administration.suspend(world.admin, World.CUSTOMER_ID);
            @SuppressWarnings("unchecked")
            var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) new LocalFunctionGroups(adapters).handler(Class.forName(handlerClass));
            world.dynamo.resetCalls();

            int status = handler.handleRequest(event, null).getStatusCode();

            assertEquals(2, status / 100, route.getKey() + " succeeds: " + status);
            assertEquals(route.getValue(), world.dynamo.calls(), route.getKey() + ": the DynamoDB requests of one request");
        })).toList();
    }
}
