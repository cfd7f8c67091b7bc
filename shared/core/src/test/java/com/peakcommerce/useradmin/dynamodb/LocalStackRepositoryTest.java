package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.testing.RecordingIdentityProvider;
import com.peakcommerce.useradmin.testing.RecordingMailer;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The repository's integration against LocalStack in a container, the stack's optional container
 * backend: where a Docker engine runs. Without one (as on these machines) the class is reported as
 * skipped, and moto (every other integration test) is the emulator.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRepositoryTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4").withServices("dynamodb");

    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .build();
    private final String table = "users-" + UUID.randomUUID();
    private final com.peakcommerce.useradmin.ports.Stores stores;
    private final UserAdministration administration;

    LocalStackRepositoryTest() {
        TableDefinition.createIfMissing(dynamo, table);
        stores = DynamoStores.of(new Table(dynamo, table));
        administration = new UserAdministration(stores, new RecordingIdentityProvider(), new RecordingMailer(),
                Clock.fixed(World.NOW, ZoneOffset.UTC), () -> UUID.randomUUID().toString());
        ItemMapperFixture.putProfile(dynamo, table, new Profile(World.TENANT, World.PROFILE_ID, "Standard", 1, World.NOW, World.NOW));
    }

    @Test
    void usersAreUniqueByUsernameAndListedByName() {
        var admin = administration.bootstrapTenant(World.TENANT, "Demo Portal", null, Map.of("firstName", "Ada", "lastName", "Admin", "username", "ada@example.com")).user();
        CallerId caller = new CallerId(World.TENANT, admin.id());
        for (String[] name : List.of(new String[]{"Pat", "Brownlee"}, new String[]{"Jo", "Brown"})) {
            administration.create(caller, Map.of("role", "GLOBAL_ADMIN", "firstName", name[0], "lastName", name[1],
                    "username", name[0].toLowerCase() + "@example.com"));
        }
        assertThrows(Conflict.class, () -> administration.create(caller, Map.of("role", "GLOBAL_ADMIN", "firstName", "J", "lastName", "B", "username", "JO@example.com")));

        List<String> names = stores.userLists().list(World.TENANT, new UserQuery(Role.GLOBAL_ADMIN, null, null, null, null, null, null, null), 10, null)
                .items().stream().map(User::lastName).toList();
        assertEquals(List.of("Admin", "Brown", "Brownlee"), names);
    }
}
