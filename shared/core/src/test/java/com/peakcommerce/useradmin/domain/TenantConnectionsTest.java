package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tenant's logins live in its own identity-provider connection (SPEC "Tenant"): one person can be a
 * user of two tenants, and no answer says that an address exists in another tenant.
 */
class TenantConnectionsTest {
    private final World world = World.seeded();

    private static Map<String, Object> admin(String username) {
        return Map.of("firstName", "Sam", "lastName", "Same", "username", username);
    }

    @Test
    void aBootstrapRecordsTheTenantsConnectionAndMakesItInTheIdentityProvider() {
        var created = world.administration.bootstrapTenant("acme", "Acme Portal", null, admin("sam@example.com"));

        Tenant acme = world.repository.fetch("acme", Set.of(), Set.of()).tenant().orElseThrow();
        assertEquals("users-acme", acme.connection());
        assertTrue(world.identityProvider.connections.contains("users-acme"));
        assertEquals("users-acme", world.identityProvider.logins.get(created.user().id()).connection());
    }

    @Test
    void theOperatorMayNameTheConnectionAndASecondBootstrapKeepsTheFirstChoice() {
        world.administration.bootstrapTenant("acme", "Acme Portal", "acme-portal-logins", admin("sam@example.com"));
        assertThrows(Conflict.class, () -> world.administration.bootstrapTenant("acme", "Acme Portal", "another-name", admin("sam@example.com")));

        assertEquals("acme-portal-logins", world.repository.fetch("acme", Set.of(), Set.of()).tenant().orElseThrow().connection());
        assertEquals(List.of("ensureConnection acme-portal-logins", "ensureConnection acme-portal-logins"),
                world.identityProvider.calls.stream().filter(c -> c.startsWith("ensureConnection")).toList(),
                "the retry ensures the recorded connection again, never the other name");
    }

    @Test
    void aConnectionNameTheIdentityProviderCouldNotTakeIsRefusedNamingIt() {
        for (String bad : List.of("has space", "-leading", "double--hyphen", "x".repeat(129), "under_score")) {
            var refused = assertThrows(Invalid.class, () -> world.administration.bootstrapTenant("acme", "Acme", bad, admin("sam@example.com")), bad);
            assertEquals("connection", refused.errors().getFirst().field());
        }
        assertTrue(world.repository.fetch("acme", Set.of(), Set.of()).tenant().isEmpty(), "nothing written");
    }

    @Test
    void aTenantIdMustMakeAConnectionNameToo() {
        for (String bad : List.of("a", "x".repeat(41), "-acme", "acme-", "ac--me", "Acme", "ac_me")) {
            var refused = assertThrows(Invalid.class, () -> world.administration.bootstrapTenant(bad, "Acme", null, admin("sam@example.com")), bad);
            assertEquals("tenantId", refused.errors().getFirst().field(), bad);
        }
        world.administration.bootstrapTenant("x".repeat(40), "Forty", null, admin("sam@example.com"));
        assertTrue(world.identityProvider.connections.contains("users-" + "x".repeat(40)));
    }

    @Test
    void onePersonCanBeAUserOfTwoTenants() {
        world.administration.bootstrapTenant("acme", "Acme Portal", null, admin("ada.admin@example.com")); // the demo admin's address

        var inDemo = world.administration.create(world.admin, CreateUserTest.customer("same.person@example.com"));
        var acmeAdmin = world.repository.list("acme", UserQuery.ALL, 10, null).items().getFirst();
        world.repository.insertProfile(new Profile("acme", "acme-standard", "Standard", 1, World.NOW, World.NOW));
        Map<String, Object> body = new java.util.HashMap<>(CreateUserTest.customer("Same.Person@example.com"));
        body.put("profileId", "acme-standard");
        var inAcme = world.administration.create(new CallerId("acme", acmeAdmin.id()), body);

        assertEquals(UserStatus.ACTIVE_UNVERIFIED, inDemo.user().status());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, inAcme.user().status());
        assertEquals("users-demo", world.identityProvider.logins.get(inDemo.user().id()).connection());
        assertEquals("users-acme", world.identityProvider.logins.get(inAcme.user().id()).connection());
    }
}
