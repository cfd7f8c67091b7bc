package com.peakcommerce.useradmin.functions.hooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamToken;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /hooks/auth0/log-stream driven by events/log-stream.json (JSON lines of Auth0 log events), against the moto emulator. */
class LogStreamHandlerTest {
    /** The token in events/log-stream.json (and the local run's). */
    static final String TOKEN = "local-log-stream-token-0123456789abcdef0123456789";
    private static final Instant LOGGED_AT = Instant.parse("2026-11-24T15:39:58.706Z");

    private final World world = World.seeded();
    private final LoginEvents logins = new LoginEvents(new DynamoLoginRecorder(world.dynamo.client, world.dynamo.table), world.clock);
    private final LogStreamHandler handler = new LogStreamHandler(logins, () -> new LogStreamToken(List.of(TOKEN)), Clock.systemUTC(), Settings.DEFAULT_CLAIM_NAMESPACE);
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    LogStreamHandlerTest() {
        world.dynamo.resetCalls();
    }

    private Answer send(APIGatewayV2HTTPEvent event) { return Answer.of(handler, event); }

    @Test
    void aSuccessLoginFlipsTheUserAndEveryOtherTypeIsAcknowledged() {
        Answer answer = send(Events.load("log-stream"));

        assertEquals(200, answer.status());
        assertEquals(Map.of("received", 5, "successLogins", 1, "recorded", 1), answer.body());
        assertEquals(List.of("query", "updateItem", "transactWriteItems"), world.dynamo.calls(), "a flip: the update refused as a plain record, then the flip with its audit entry");
        User stored = world.stored(CUSTOMER_ID);
        assertEquals(UserStatus.ACTIVE_VERIFIED, stored.status());
        assertEquals(1, stored.loginCount());
        assertEquals(LOGGED_AT, stored.lastLoginAt());
    }

    @Test
    void theSameBatchSentAgainChangesNothing() {
        send(Events.load("log-stream"));
        User once = world.stored(CUSTOMER_ID);

        Answer again = send(Events.load("log-stream"));

        assertEquals(0, ((Number) again.body().get("recorded")).intValue());
        assertEquals(once, world.stored(CUSTOMER_ID));
    }

    @Test
    void aJsonArrayBatchIsReadTheSameWay() throws IOException {
        APIGatewayV2HTTPEvent event = Events.load("log-stream");
        List<Object> records = new ArrayList<>();
        for (String line : event.getBody().split("\n")) if (!line.isBlank()) records.add(Json.read(line));
        event.setBody(Json.write(records));

        assertEquals(Map.of("received", 5, "successLogins", 1, "recorded", 1), send(event).body());
        assertEquals(UserStatus.ACTIVE_VERIFIED, world.stored(CUSTOMER_ID).status());
    }

    @Test
    void aLoginOfASuspendedUserIsAcknowledgedButNotRecorded() {
        world.administration.suspend(world.admin, CUSTOMER_ID);
        User suspended = world.stored(CUSTOMER_ID);

        Answer answer = send(Events.load("log-stream"));

        assertEquals(200, answer.status());
        assertEquals(0, ((Number) answer.body().get("recorded")).intValue());
        assertEquals(suspended, world.stored(CUSTOMER_ID));
    }

    @Test
    void theBareTokenIsAcceptedToo() {
        APIGatewayV2HTTPEvent event = Events.load("log-stream");
        event.getHeaders().put("authorization", TOKEN);

        assertEquals(200, send(event).status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "Bearer wrong-token-0123456789abcdef0123456789", "Bearer ", "Basic bG9jYWw6bG9jYWw="})
    void withoutTheTokenItIs401AndChangesNothing(String authorization) {
        APIGatewayV2HTTPEvent event = Events.load("log-stream");
        if (authorization.equals("missing")) event.getHeaders().remove("authorization");
        else event.getHeaders().put("authorization", authorization);

        Answer answer = send(event);

        assertEquals(401, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(List.of(), world.dynamo.calls());
        assertEquals(customer, world.stored(CUSTOMER_ID));
    }

    @Test
    void aBodyThatIsNeitherJsonLinesNorAnArrayIs400() {
        APIGatewayV2HTTPEvent event = Events.load("log-stream");
        event.setBody("type=s&user_id=auth0|x");

        Answer answer = send(event);

        assertEquals(400, answer.status());
        assertEquals(List.of("(body)"), answer.errorFields());
    }
}
