package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Profiles and realms handlers, driven by the events in events/, against the moto emulator. */
class ProfilesHandlersTest {
    private final World world = World.seeded();

    @Test
    void createProfileEventAddsAProfileWithJustAName() {
        Answer answer = Answer.of(new CreateProfileHandler(world.profiles, world.http), Events.load("create-profile"));

        assertEquals(201, answer.status());
        assertEquals("Resellers", answer.body().get("name"));
        assertEquals("/profiles/" + answer.body().get("id"), answer.header("Location"));
    }

    @Test
    void profileNamesAreUniqueIgnoringCaseAndOnlyANameIsAccepted() {
        Answer.of(new CreateProfileHandler(world.profiles, world.http), Events.load("create-profile"));
        APIGatewayV2HTTPEvent again = Events.load("create-profile");
        again.setBody("{\"name\":\"RESELLERS\"}");
        Answer conflict = Answer.of(new CreateProfileHandler(world.profiles, world.http), again);
        assertEquals(409, conflict.status());
        assertEquals(List.of("name"), conflict.errorFields());

        APIGatewayV2HTTPEvent bad = Events.load("create-profile");
        bad.setBody("{\"name\":\"\",\"colour\":\"red\"}");
        assertEquals(List.of("colour", "name"), Answer.of(new CreateProfileHandler(world.profiles, world.http), bad).errorFields().stream().sorted().toList());
    }

    @Test
    void listAndGetProfiles() {
        Answer.of(new CreateProfileHandler(world.profiles, world.http), Events.load("create-profile"));

        Answer list = Answer.of(new ListProfilesHandler(world.profiles, world.http), Events.load("list-profiles"));
        assertEquals(List.of("Resellers", "Standard"), list.items().stream().map(p -> p.get("name")).toList());

        Answer one = Answer.of(new GetProfileHandler(world.profiles, world.http), Events.load("get-profile"));
        assertEquals("Standard", one.body().get("name"));
        assertEquals("\"1\"", one.header("ETag"));
    }

    @Test
    void theTwoRealmsExistInEveryTenant() {
        Answer list = Answer.of(new ListRealmsHandler(world.profiles, world.http), Events.load("list-realms"));
        assertEquals(List.of("created-or-assigned", "all-partner-account-executives"), list.items().stream().map(r -> r.get("id")).toList());

        Answer one = Answer.of(new GetRealmHandler(world.profiles, world.http), Events.load("get-realm"));
        assertEquals(Map.of("id", "created-or-assigned", "name", "Partner Account Executives created by or assigned to them"), one.body());

        world.seedUser(World.OTHER_TENANT, "o-admin", Role.GLOBAL_ADMIN, "Olga", "Other", "olga@example.com");
        assertEquals(2, world.profiles.realms(new CallerId(World.OTHER_TENANT, "o-admin")).size());
    }

    @Test
    void portalUsersMayNotReadOrAddProfiles() {
        world.seedUser(World.TENANT, "c-1", Role.CUSTOMER, "Cora", "Client", "cora@example.com");
        CallerId cora = new CallerId(World.TENANT, "c-1");
        assertThrows(com.peakcommerce.useradmin.domain.DomainException.Forbidden.class, () -> world.profiles.list(cora, 10, null));
        assertThrows(com.peakcommerce.useradmin.domain.DomainException.Forbidden.class, () -> world.profiles.create(cora, Map.of("name", "Mine")));
    }
}
