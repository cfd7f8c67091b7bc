package com.peakcommerce.useradmin.functions.hooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.dynamodb.DynamoLoginRecorder;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.PostLoginSecret;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /hooks/auth0/post-login driven by events/post-login-hook.json, signed now, against the moto emulator. */
class PostLoginHookHandlerTest {
    static final String SECRET = "test-post-login-secret-0123456789abcdef";
    private static final String NS = "https://peakcommerce.example/";

    private final World world = World.seeded();
    private final LoginEvents logins = new LoginEvents(new DynamoLoginRecorder(world.dynamo.client, world.dynamo.table), world.clock);
    private final PostLoginHookHandler handler = new PostLoginHookHandler(logins, () -> new PostLoginSecret(List.of(SECRET)), Clock.systemUTC(), "peakcommerce.example");
    private final User customer = world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");

    PostLoginHookHandlerTest() {
        world.dynamo.resetCalls();
    }

    /** The event as the Action sends it now: the body of events/, changed by {@code change}, signed with {@code secret}. */
    static APIGatewayV2HTTPEvent event(String secret, Instant sentAt, Consumer<Map<String, Object>> change) {
        APIGatewayV2HTTPEvent event = Events.load("post-login-hook");
        Map<String, Object> body = Json.object(event.getBody());
        change.accept(body);
        String raw = Json.write(body);
        event.setBody(raw);
        String timestamp = Long.toString(sentAt.getEpochSecond());
        event.getHeaders().put("x-signature-timestamp", timestamp);
        event.getHeaders().put("x-signature", WebhookSignature.sign(secret, timestamp, raw.getBytes(StandardCharsets.UTF_8)));
        return event;
    }

    private static APIGatewayV2HTTPEvent signedNow() { return event(SECRET, Instant.now(), body -> { }); }

    private Answer send(APIGatewayV2HTTPEvent event) { return Answer.of(handler, event); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String name) { return (Map<String, Object>) parent.get(name); }

    @Test
    void theFirstLoginIsAllowedWithTheClaimsAndFlipsTheUserToVerified() {
        Answer answer = send(signedNow());

        assertEquals(200, answer.status());
        assertEquals(Map.of("action", "allow", "claims", Map.of(
                NS + "tenant", TENANT, NS + "user_id", CUSTOMER_ID, NS + "role", "CUSTOMER")), answer.body());
        assertEquals(List.of("getItem", "updateItem", "transactWriteItems"), world.dynamo.calls(),
                "the tenant's connection (once per container), the record shape refused, then the flip with its entry");
        User stored = world.stored(CUSTOMER_ID);
        assertEquals(UserStatus.ACTIVE_VERIFIED, stored.status());
        assertEquals(1, stored.loginCount());
        assertEquals(World.NOW, stored.lastLoginAt());
        // the flip is in the user's audit trail, by Auth0 (beside the seed's creation, at the same instant of the fixed clock)
        List<AuditEntry> flips = world.repository.auditTrail(TENANT, CUSTOMER_ID, 10, null).items().stream()
                .filter(e -> e.action() == AuditEntry.Action.FIRST_LOGIN_VERIFIED).toList();
        assertEquals(1, flips.size());
        AuditEntry flip = flips.getFirst();
        assertEquals(AuditEntry.AUTH0, flip.actorId());
        assertEquals(World.NOW, flip.at());
        assertEquals(Events.load("post-login-hook").getRequestContext().getRequestId(), flip.requestId(), "the hook's request");
    }

    @Test
    void aReplayedFirstLoginWritesNoSecondAuditEntryAndALaterLoginNone() {
        APIGatewayV2HTTPEvent event = signedNow();
        send(event);
        send(event);
        world.dynamo.resetCalls();
        send(event(SECRET, Instant.now(), body -> map(body, "stats").put("logins_count", 2)));

        assertEquals(List.of("updateItem"), world.dynamo.calls(), "an ordinary login is one request");
        assertEquals(java.util.Set.of(AuditEntry.Action.FIRST_LOGIN_VERIFIED, AuditEntry.Action.USER_CREATED),
                world.repository.auditTrail(TENANT, CUSTOMER_ID, 10, null).items().stream().map(AuditEntry::action).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, world.repository.auditTrail(TENANT, CUSTOMER_ID, 10, null).items().size(), "the seed's creation and one flip");
    }

    @Test
    void theSameRequestSentAgainWithinTheWindowChangesNothingAndGetsTheSameAnswer() {
        APIGatewayV2HTTPEvent event = signedNow();
        Answer first = send(event);
        User once = world.stored(CUSTOMER_ID);

        Answer replayed = send(event);

        assertEquals(first.body(), replayed.body());
        assertEquals(once, world.stored(CUSTOMER_ID));
    }

    @Test
    void aSuspendedUserAndAnUnknownOneAreDeniedAlikeAndNothingIsWritten() {
        world.administration.suspend(world.admin, CUSTOMER_ID);
        User suspended = world.stored(CUSTOMER_ID);

        Answer forSuspended = send(signedNow());
        Answer forUnknown = send(event(SECRET, Instant.now(), body -> {
            map(body, "user").put("user_id", "auth0|no-such-user");
            map(map(body, "user"), "app_metadata").put("user_id", "no-such-user");
        }));

        assertEquals(200, forSuspended.status());
        assertEquals(Map.of("action", "deny"), forSuspended.body());
        assertEquals(forSuspended.raw().getBody(), forUnknown.raw().getBody(), "the same answer: nothing tells the two apart");
        assertEquals(suspended, world.stored(CUSTOMER_ID));
    }

    @Test
    void aLoginWithoutTheServicesMetadataIsDeniedWithoutTouchingTheTable() {
        Answer answer = send(event(SECRET, Instant.now(), body -> map(body, "user").remove("app_metadata")));

        assertEquals(Map.of("action", "deny"), answer.body());
        assertEquals(List.of(), world.dynamo.calls());
    }

    @Test
    void metadataCopiedOntoAnotherLoginNamesNobody() {
        Answer answer = send(event(SECRET, Instant.now(), body -> map(body, "user").put("user_id", "auth0|someone-else")));

        assertEquals(Map.of("action", "deny"), answer.body());
        assertEquals(List.of(), world.dynamo.calls());
        assertEquals(0, world.stored(CUSTOMER_ID).loginCount());
    }

    @Test
    void aLoginFromAConnectionThatIsNotTheTenantsNamesNobody() {
        // Another tenant's connection (or the shared default one) with this tenant's metadata copied onto its login.
        for (String connection : List.of("users-other", "Username-Password-Authentication")) {
            Answer answer = send(event(SECRET, Instant.now(), body -> map(body, "connection").put("name", connection)));

            assertEquals(Map.of("action", "deny"), answer.body(), connection);
        }
        assertEquals(List.of("getItem"), world.dynamo.calls(), "the tenant's connection is read once per container, and nothing is written");
        assertEquals(0, world.stored(CUSTOMER_ID).loginCount());

        assertEquals("allow", send(signedNow()).body().get("action"), "from users-demo, the tenant's own");
        assertEquals(1, world.stored(CUSTOMER_ID).loginCount());
    }

    @Test
    void aUserIdOfAnotherTenantIsUnknownInTheTenantTheMetadataNames() {
        world.seedUser(OTHER_TENANT, "o-1", Role.CUSTOMER, "Otto", "Other", "otto@example.com");

        Answer answer = send(event(SECRET, Instant.now(), body -> {
            map(body, "user").put("user_id", "auth0|o-1");
            map(map(body, "user"), "app_metadata").put("user_id", "o-1");
        }));

        assertEquals(Map.of("action", "deny"), answer.body());
        assertEquals(0, world.repository.user(OTHER_TENANT, "o-1").orElseThrow().loginCount());
    }

    @Test
    void aBase64EncodedBodyIsVerifiedOverItsBytes() {
        APIGatewayV2HTTPEvent event = signedNow();
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals("allow", send(event).body().get("action"));
    }

    @Test
    void eitherSecretOfARotationIsAccepted() {
        String next = "next-post-login-secret-fedcba9876543210";
        var rotating = new PostLoginHookHandler(logins, () -> new PostLoginSecret(List.of(SECRET, next)), Clock.systemUTC(), "peakcommerce.example");

        assertEquals(200, Answer.of(rotating, event(SECRET, Instant.now(), body -> { })).status());
        assertEquals(200, Answer.of(rotating, event(next, Instant.now(), body -> { })).status());
    }

    @Test
    void aSignatureAFewMinutesOldIsStillAccepted() {
        assertEquals(200, send(event(SECRET, Instant.now().minusSeconds(240), body -> { })).status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no timestamp", "no signature", "another secret", "changed body", "six minutes old", "six minutes ahead",
            "not a v1 signature", "timestamp not seconds"})
    void aRequestThatIsNotAuthenticIs401AndChangesNothing(String forgery) {
        APIGatewayV2HTTPEvent event = switch (forgery) {
            case "another secret" -> event("someone-elses-secret-0123456789abcdef", Instant.now(), body -> { });
            case "six minutes old" -> event(SECRET, Instant.now().minusSeconds(360), body -> { });
            case "six minutes ahead" -> event(SECRET, Instant.now().plusSeconds(360), body -> { });
            default -> signedNow();
        };
        switch (forgery) {
            case "no timestamp" -> event.getHeaders().remove("x-signature-timestamp");
            case "no signature" -> event.getHeaders().remove("x-signature");
            case "changed body" -> event.setBody(event.getBody().replace("\"logins_count\":1", "\"logins_count\":2"));
            case "not a v1 signature" -> event.getHeaders().put("x-signature", event.getHeaders().get("x-signature").substring(3));
            case "timestamp not seconds" -> event.getHeaders().put("x-signature-timestamp", Instant.now().toString());
            default -> { }
        }

        Answer answer = send(event);

        assertEquals(401, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals("https://peakcommerce.example/problems/unauthenticated", answer.body().get("type"));
        assertEquals(List.of(), world.dynamo.calls());
        assertEquals(customer, world.stored(CUSTOMER_ID));
    }

    @Test
    void aBodyNotShapedLikeTheActionsIs400NamingTheFields() {
        Answer answer = send(event(SECRET, Instant.now(), body -> {
            map(body, "user").put("email_verified", "yes");
            map(body, "stats").remove("logins_count");
            body.remove("tenant");
            body.remove("connection");
        }));

        assertEquals(400, answer.status());
        assertEquals(List.of("user.email_verified", "connection.name", "stats.logins_count", "tenant.id"), answer.errorFields());
        assertEquals(List.of(), world.dynamo.calls());
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() {
        APIGatewayV2HTTPEvent event = signedNow();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        event.setBody("user=carla");
        event.getHeaders().put("x-signature-timestamp", timestamp);
        event.getHeaders().put("x-signature", WebhookSignature.sign(SECRET, timestamp, "user=carla".getBytes(StandardCharsets.UTF_8)));

        Answer answer = send(event);

        assertEquals(400, answer.status());
        assertEquals(List.of("(body)"), answer.errorFields());
    }

    @Test
    void theClaimsFollowTheConfiguredNamespace() {
        var handler = new PostLoginHookHandler(logins, () -> new PostLoginSecret(List.of(SECRET)), Clock.systemUTC(), "portal.acme.test");

        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) Answer.of(handler, signedNow()).body().get("claims");

        assertEquals(new LinkedHashMap<>(Map.of("https://portal.acme.test/tenant", TENANT, "https://portal.acme.test/user_id", CUSTOMER_ID,
                "https://portal.acme.test/role", "CUSTOMER")), new LinkedHashMap<>(claims));
        assertTrue(world.stored(CUSTOMER_ID).verified());
    }
}
