package com.peakcommerce.useradmin.functions.users;

import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.Reconciler;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scheduled reconcile function, driven by events/reconcile.json. */
class ReconcileHandlerTest {
    private final World world = World.seeded();

    @Test
    void theScheduledRunFinishesAUserLeftProvisioning() throws Exception {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(Events.load("create-user").getBody());
        assertThrows(DomainException.Unavailable.class, () -> world.administration.create(world.admin, body));

        Clock later = Clock.offset(world.clock, Reconciler.GRACE.plusMinutes(1));
        var handler = new ReconcileHandler(new Reconciler(world.stores,
                new UserAdministration(world.stores, world.identityProvider, world.mailer, later, () -> UUID.randomUUID().toString()), later));

        Map<String, Object> report = handler.handleRequest(Events.loadRaw("reconcile"), null);

        assertEquals(Map.of("settled", 1, "rolledBack", 0, "failed", 0, "settledElsewhere", 0), report);
        var users = world.directory.list(world.admin, new UserQuery(null, null, null, null, null, null, "carla.customer@", null), 10, null).items();
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, users.getFirst().status());
        assertEquals("carla.customer@example.com", world.mailer.last().to());
    }
}
