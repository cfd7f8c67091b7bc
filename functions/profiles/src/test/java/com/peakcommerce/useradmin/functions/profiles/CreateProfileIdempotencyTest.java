package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotency-Key needs nothing of a handler: {@code POST /profiles} gets it from the HTTP layer like every write. */
class CreateProfileIdempotencyTest {
    private final World world = World.seeded();

    private Answer create(String key, String body) {
        APIGatewayV2HTTPEvent event = Events.load("create-profile");
        event.getHeaders().put("idempotency-key", key);
        if (body != null) event.setBody(body);
        return Answer.of(new CreateProfileHandler(world.profiles, world.http), event);
    }

    @Test
    void aProfileCreatedTwiceWithOneKeyIsOneProfileAnsweredTwice() {
        Answer first = create("p-1", null);
        Answer second = create("p-1", null);
        Answer otherBody = create("p-1", "{\"name\":\"Partners\"}");

        assertEquals(201, first.status());
        assertEquals(first.raw().getBody(), second.raw().getBody());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(422, otherBody.status());
        assertEquals(List.of("Idempotency-Key"), otherBody.errorFields());
        assertEquals(List.of("Resellers", "Standard"),
                world.repository.listProfiles(World.TENANT, 10, null).items().stream().map(p -> p.name()).toList());
    }
}
