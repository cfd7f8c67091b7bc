package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.CrashingRepository;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The create saga under an id its caller chose (an import row's): the same id and body again resume the create or
 * answer the user it made, never a second user, login, mail or entry; another body under that id is refused.
 */
class ProvisioningResumeTest {
    private static final String ID = "import-42-row-7";
    private final World world = World.seeded();

    private static Map<String, Object> row(String username) {
        return Map.of("role", "CUSTOMER", "firstName", "Rita", "lastName", "Row", "username", username,
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", World.PROFILE_ID);
    }

    private long entries(AuditEntry.Action action) {
        return world.repository.auditTrail(World.TENANT, ID, 100, null).items().stream().filter(e -> e.action() == action).count();
    }

    @Test
    void aRowRunTwiceIsOneUserWithOneLoginOneMailAndOneEntry() {
        var first = world.administration.create(world.admin, ID, row("rita@example.com"));
        var again = world.administration.create(world.admin, ID, row("rita@example.com"));

        assertEquals(ID, first.user().id());
        assertEquals(first.user(), again.user(), "the user the first run made");
        assertFalse(again.activationMailed(), "no second activation mail");
        assertEquals(1, world.identityProvider.calls.stream().filter(c -> c.startsWith("createLogin")).count());
        assertEquals(1, world.mailer.sent.size());
        assertEquals(1, entries(AuditEntry.Action.USER_CREATED));
    }

    @Test
    void aRowWhoseRunDiedMidwayIsFinishedByTheRerun() {
        CrashingRepository crashing = new CrashingRepository(world.stores);
        var administration = new UserAdministration(crashing.stores(), world.identityProvider, world.mailer, world.clock, () -> UUID.randomUUID().toString());
        crashing.crashBeforeNext("replaceBookkeeping"); // the login exists, the record is still provisioning
        assertThrows(CrashingRepository.Crash.class, () -> administration.create(world.admin, ID, row("rita@example.com")));
        assertEquals(true, world.stored(ID).provisioning());

        var rerun = administration.create(world.admin, ID, row("rita@example.com"));

        assertFalse(rerun.user().provisioning());
        assertEquals(true, rerun.activationMailed());
        assertEquals(1, world.mailer.sent.size());
        assertEquals(1, entries(AuditEntry.Action.USER_CREATED));
        assertEquals(1, world.identityProvider.logins.values().stream().filter(l -> l.userId().equals(ID)).count());
    }

    @Test
    void anotherBodyUnderATakenIdIsAConflictAndChangesNothing() {
        world.administration.create(world.admin, ID, row("rita@example.com"));

        var refused = assertThrows(DomainException.Conflict.class, () -> world.administration.create(world.admin, ID, row("other@example.com")));

        assertEquals("id", refused.field());
        assertEquals("rita@example.com", world.stored(ID).username());
        assertEquals(1, world.mailer.sent.size());
    }

    @Test
    void theIdentityProviderDownOnTheFirstRunIsResumedByTheSecond() {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertThrows(DomainException.Unavailable.class, () -> world.administration.create(world.admin, ID, row("rita@example.com")));

        var rerun = world.administration.create(world.admin, ID, row("rita@example.com"));

        assertEquals(ID, rerun.user().id());
        assertEquals(1, entries(AuditEntry.Action.USER_CREATED));
        assertEquals(1, world.mailer.sent.size());
    }

    @Test
    void anIdThatIsNoIdIsRefusedNamingIt() {
        var refused = assertThrows(DomainException.Invalid.class, () -> world.administration.create(world.admin, "no spaces/here", row("rita@example.com")));
        assertEquals("id", refused.errors().getFirst().field());
    }
}
