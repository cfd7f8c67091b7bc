package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.dynamodb.DynamoResetLimiter;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotency-Key on the caller's own writes: the HTTP layer gives it to every write with a token. */
class SelfServiceIdempotencyTest {
    private final World world = World.seeded();
    private final SelfService self = new SelfService(world.stores, world.administration,
            new DynamoResetLimiter(world.dynamo.client, world.dynamo.table), world.clock);

    SelfServiceIdempotencyTest() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
    }

    private static APIGatewayV2HTTPEvent keyed(String name, String key) {
        APIGatewayV2HTTPEvent event = Events.load(name);
        event.getHeaders().put("idempotency-key", key);
        return event;
    }

    @Test
    void aNameChangeSentAgainIsReplayedAndTheKeyOnAnotherChangeIs422() {
        Answer first = Answer.of(new UpdateMeHandler(self, world.http), keyed("update-me", "me-1"));
        Answer again = Answer.of(new UpdateMeHandler(self, world.http), keyed("update-me", "me-1"));
        APIGatewayV2HTTPEvent other = keyed("update-me", "me-1");
        other.setBody("{\"firstName\":\"Cora\"}");
        Answer otherAnswer = Answer.of(new UpdateMeHandler(self, world.http), other);

        assertEquals(200, first.status());
        assertEquals(first.raw().getBody(), again.raw().getBody());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(422, otherAnswer.status());
        assertEquals("Carol", world.stored(CUSTOMER_ID).firstName());
    }

    @Test
    void anOwnPasswordResetSentAgainMailsOnceAndAMalformedKeyIs400() {
        Answer first = Answer.of(new ResetMyPasswordHandler(self, world.http), keyed("reset-my-password", "r-1"));
        Answer again = Answer.of(new ResetMyPasswordHandler(self, world.http), keyed("reset-my-password", "r-1"));
        Answer malformed = Answer.of(new ResetMyPasswordHandler(self, world.http), keyed("reset-my-password", "r 1"));

        assertEquals(202, first.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1, world.mailer.sent.size());
        assertEquals(400, malformed.status());
        assertEquals(List.of("Idempotency-Key"), malformed.errorFields());
    }
}
