package com.peakcommerce.useradmin.functions.impersonation;

import com.peakcommerce.useradmin.testing.MovableClock;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.dynamodb.DynamoImpersonationGrants;
import com.peakcommerce.useradmin.dynamodb.Keys;
import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.peakcommerce.useradmin.testing.World.ADMIN_ID;
import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.NOW;
import static com.peakcommerce.useradmin.testing.World.OTHER_TENANT;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log in as (U11): the three handlers, driven by the events in events/, against the moto emulator. */
class ImpersonationHandlersTest {
    private static final String ISSUER = "https://api.peakcommerce.example";
    private static final String AUDIENCE = "peakcommerce-portal";
    private static final String SYSTEM_ADMIN_ID = "00000000-0000-4000-8000-000000000003";
    private static final String OTHER_GA_ID = "00000000-0000-4000-8000-000000000004";

    private final World world = World.seeded();
    private final EcSigner signer = new EcSigner();
    private final MovableClock clock = new MovableClock(NOW);
    private final Impersonation impersonation = service(AUDIENCE);

    ImpersonationHandlersTest() {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
    }

    private Impersonation service(String audience) {
        return new Impersonation(world.stores, new DynamoImpersonationGrants(world.dynamo.client, world.dynamo.table), signer, clock,
                () -> UUID.randomUUID().toString(), new Impersonation.Config(ISSUER, audience, "peakcommerce.example"));
    }

    // ---- issuing ---------------------------------------------------------------------------------------

    private Answer start(String callerId, String userId) {
        APIGatewayV2HTTPEvent event = Events.load("start-impersonation");
        event.getRequestContext().getAuthorizer().getJwt().getClaims().put("https://peakcommerce.example/user_id", callerId);
        event.getPathParameters().put("userId", userId);
        return Answer.of(new StartImpersonationHandler(impersonation, world.http), event);
    }

    private Answer start() { return Answer.of(new StartImpersonationHandler(impersonation, world.http), Events.load("start-impersonation")); }

    private Answer jwks() { return Answer.of(new JwksHandler(signer, world.http), Events.load("get-jwks")); }

    private Answer redeem(String token) { return redeem(impersonation, token); }

    private Answer redeem(Impersonation service, String token) {
        APIGatewayV2HTTPEvent event = Events.load("redeem-impersonation");
        event.setBody(Json.write(Map.of("token", token)));
        return Answer.of(new RedeemImpersonationHandler(service, world.http), event);
    }

    @Test
    void theCredentialVerifiesWithTheKeyTheJwksRouteServes() throws Exception {
        Answer answer = start();
        assertEquals(200, answer.status());
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals(CUSTOMER_ID, answer.body().get("subject"));
        assertEquals(ADMIN_ID, answer.body().get("actor"));
        String token = (String) answer.body().get("token");

        Answer keys = jwks();
        assertEquals(200, keys.status());
        assertEquals("public, max-age=300", keys.header("Cache-Control"));
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = ((List<Map<String, Object>>) keys.body().get("keys")).getFirst();

        // Verified as a portal would: the header, then the signature with the JWK (java.security only), then the claims.
        String[] parts = token.split("\\.");
        Map<String, Object> header = decode(parts[0]);
        assertEquals("ES256", header.get("alg"));
        assertEquals("log-in-as+jwt", header.get("typ"));
        assertEquals(jwk.get("kid"), header.get("kid"));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey(jwk));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "the signature verifies with the published key");

        Map<String, Object> claims = decode(parts[1]);
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(AUDIENCE, claims.get("aud"));
        assertEquals(CUSTOMER_ID, claims.get("sub"));
        assertEquals(Map.of("sub", ADMIN_ID), claims.get("act"));
        assertEquals(TENANT, claims.get("https://peakcommerce.example/tenant"));
        assertEquals("log-in-as", claims.get("purpose"));
        long iat = ((Number) claims.get("iat")).longValue();
        long exp = ((Number) claims.get("exp")).longValue();
        assertEquals(NOW.getEpochSecond(), iat);
        assertTrue(exp - iat <= 300 && exp > iat, "valid at most five minutes");
        assertEquals(Instant.ofEpochSecond(exp).toString(), answer.body().get("expiresAt"));
        assertTrue(claims.get("jti") instanceof String jti && !jti.isBlank());
    }

    @Test
    void theGrantAndTheAuditEntryAreWrittenOnSuccessOnTheTargetsTrail() {
        Answer answer = start();
        Map<String, Object> claims = decode(((String) answer.body().get("token")).split("\\.")[1]);
        String jti = (String) claims.get("jti");

        Map<String, AttributeValue> grant = world.dynamo.client.getItem(r -> r.tableName(world.dynamo.table)
                .key(Keys.impersonationGrant(TENANT, jti)).consistentRead(true)).item();
        assertEquals(CUSTOMER_ID, grant.get("subjectId").s());
        assertEquals(ADMIN_ID, grant.get("actorId").s());
        assertEquals(String.valueOf(claims.get("exp")), grant.get("expiresAt").n(), "deleted by TTL when the credential expires");
        assertNull(grant.get("redeemedAt"));

        List<Map<String, AttributeValue>> trail = trail(CUSTOMER_ID);
        assertEquals(1, trail.size());
        Map<String, AttributeValue> entry = trail.getFirst();
        assertEquals("LOGGED_IN_AS", entry.get("action").s());
        assertEquals(ADMIN_ID, entry.get("actorId").s());
        assertEquals(jti, entry.get("details").m().get("jti").s());
        assertEquals(answer.body().get("expiresAt"), entry.get("details").m().get("expiresAt").s());
        assertEquals("Vx7kQj41FiAEMbQ=", entry.get("requestId").s());
        assertEquals(List.of(), trail(ADMIN_ID), "the admin's own trail records changes to the admin, not this");
    }

    @Test
    void eachCredentialHasItsOwnJti() {
        String first = (String) decode(((String) start().body().get("token")).split("\\.")[1]).get("jti");
        String second = (String) decode(((String) start().body().get("token")).split("\\.")[1]).get("jti");
        assertNotEquals(first, second);
        assertEquals(2, count("IMPERSONATION"));
    }

    @Test
    void refusalsWriteNoGrantAndNoAuditEntry() {
        world.seedUser(TENANT, SYSTEM_ADMIN_ID, Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        world.seedUser(TENANT, OTHER_GA_ID, Role.GLOBAL_ADMIN, "Gil", "Global", "gil@example.com");
        world.seedUser(OTHER_TENANT, "00000000-0000-4000-8000-000000000009", Role.CUSTOMER, "Olga", "Other", "olga@example.com");
        User suspended = world.seedUser(TENANT, "00000000-0000-4000-8000-000000000005", Role.CUSTOMER, "Sue", "Suspended", "sue@example.com");
        User suspendedNow = suspended.suspended(true).nextVersion(NOW);
        world.repository.replace(suspended, suspendedNow, World.seedEntry(suspendedNow));
        User provisioning = User.created(TENANT, "00000000-0000-4000-8000-000000000006",
                World.fieldsFor(Role.CUSTOMER, "Pat", "Provisioning", "pat@example.com"), false, ADMIN_ID, NOW);
        world.repository.insert(provisioning, World.seedEntry(provisioning));

        Answer self = start(ADMIN_ID, ADMIN_ID);
        assertEquals(403, self.status());
        Answer systemAdminOnGlobalAdmin = start(SYSTEM_ADMIN_ID, OTHER_GA_ID);
        assertEquals(403, systemAdminOnGlobalAdmin.status());
        Answer customerCaller = start(CUSTOMER_ID, SYSTEM_ADMIN_ID);
        assertEquals(403, customerCaller.status());
        Answer otherTenantsUser = start(ADMIN_ID, "00000000-0000-4000-8000-000000000009");
        assertEquals(404, otherTenantsUser.status());
        Answer unknown = start(ADMIN_ID, "00000000-0000-4000-8000-00000000abcd");
        assertEquals(404, unknown.status());
        Answer suspendedTarget = start(ADMIN_ID, suspended.id());
        assertEquals(409, suspendedTarget.status());
        assertEquals(List.of("status"), suspendedTarget.errorFields());
        Answer provisioningTarget = start(ADMIN_ID, "00000000-0000-4000-8000-000000000006");
        assertEquals(409, provisioningTarget.status());

        assertEquals(0, count("IMPERSONATION"));
        assertEquals(0, world.dynamo.client.scan(q -> q.tableName(world.dynamo.table)).items().stream()
                .filter(item -> "LOGGED_IN_AS".equals(item.containsKey("action") ? item.get("action").s() : null)).count(), "no log-in-as entry");

        // A System Admin may log in as the users they manage, and a Global Admin as another Global Admin.
        assertEquals(200, start(SYSTEM_ADMIN_ID, CUSTOMER_ID).status());
        assertEquals(200, start(ADMIN_ID, OTHER_GA_ID).status());
    }

    @Test
    void aReplayUnderTheSameIdempotencyKeyDoesNotShowTheCredentialAgainNorIssueAnother() {
        APIGatewayV2HTTPEvent event = Events.load("start-impersonation");
        event.getHeaders().put("idempotency-key", "log-in-as-1");
        Answer first = Answer.of(new StartImpersonationHandler(impersonation, world.http), event);
        APIGatewayV2HTTPEvent again = Events.load("start-impersonation");
        again.getHeaders().put("idempotency-key", "log-in-as-1");
        Answer replay = Answer.of(new StartImpersonationHandler(impersonation, world.http), again);

        assertEquals(200, first.status());
        assertTrue(first.body().containsKey("token"));
        assertEquals(200, replay.status());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertNull(replay.body().get("token"), "the credential is shown once");
        assertEquals(first.body().get("expiresAt"), replay.body().get("expiresAt"));
        assertEquals(1, count("IMPERSONATION"));
        assertTrue(world.dynamo.client.scan(s -> s.tableName(world.dynamo.table)).items().stream()
                .noneMatch(item -> item.toString().contains((String) first.body().get("token"))), "the table never holds the credential");
    }

    // ---- redeeming -------------------------------------------------------------------------------------

    @Test
    void aCredentialRedeemsOnceAndAnswersTenantSubjectAndActor() {
        world.dynamo.resetCalls();
        String token = (String) start().body().get("token");
        List<String> issuing = world.dynamo.calls();
        world.dynamo.resetCalls();

        Answer first = redeem(token);
        assertEquals(List.of("batchGetItem", "transactWriteItems"), issuing, "caller and target in one read; grant and audit entry in one write");
        assertEquals(List.of("transactWriteItems"), world.dynamo.calls(), "a redeem is one conditional write");
        assertEquals(200, first.status());
        assertEquals(TENANT, first.body().get("tenant"));
        assertEquals(CUSTOMER_ID, first.body().get("subject"));
        assertEquals(ADMIN_ID, first.body().get("actor"));
        assertEquals("no-store", first.header("Cache-Control"));

        Answer second = redeem(token);
        assertEquals(409, second.status());
        assertEquals(List.of("token"), second.errorFields());
        String jti = (String) first.body().get("jti");
        assertTrue(world.dynamo.client.getItem(r -> r.tableName(world.dynamo.table).key(Keys.impersonationGrant(TENANT, jti))
                .consistentRead(true)).item().containsKey("redeemedAt"));
    }

    @Test
    void ofConcurrentRedeemsExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = (String) start().body().get("token");
            int n = 6;
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Integer>> redeems = new ArrayList<>();
            for (int i = 0; i < n; i++) redeems.add(() -> {
                go.await();
                return redeem(token).status();
            });
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (Callable<Integer> r : redeems) futures.add(pool.submit(r));
                go.countDown();
                for (Future<Integer> f : futures) statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "round " + round + ": " + statuses);
            assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), "round " + round + ": " + statuses);
        }
    }

    @Test
    void anExpiredCredentialIs401() {
        String token = (String) start().body().get("token");
        clock.set(NOW.plusSeconds(300));
        Answer answer = redeem(token);
        assertEquals(401, answer.status());
        assertEquals("application/problem+json", answer.contentType());
    }

    @Test
    void forgedAlteredOrForeignCredentialsAre401() {
        String token = (String) start().body().get("token");
        String[] parts = token.split("\\.");
        Map<String, Object> header = decode(parts[0]);
        Map<String, Object> claims = decode(parts[1]);

        // Signed with another key, under the right kid.
        EcSigner forger = new EcSigner();
        assertEquals(401, redeem(sign(forger, header, claims)).status(), "another key");
        // The payload changed after signing (another subject).
        Map<String, Object> altered = new LinkedHashMap<>(claims);
        altered.put("sub", ADMIN_ID);
        assertEquals(401, redeem(parts[0] + "." + b64json(altered) + "." + parts[2]).status(), "altered");
        // Properly signed by the service's key, but for another audience, another purpose, too long, no act.
        assertEquals(401, redeem(sign(signer, header, with(claims, "aud", "another-portal"))).status(), "wrong aud");
        assertEquals(401, redeem(sign(signer, header, with(claims, "purpose", "access"))).status(), "wrong purpose");
        assertEquals(401, redeem(sign(signer, header, with(claims, "iss", "https://evil.example"))).status(), "wrong iss");
        assertEquals(401, redeem(sign(signer, header, with(claims, "exp", ((Number) claims.get("iat")).longValue() + 3600))).status(), "lifetime");
        Map<String, Object> noActor = new LinkedHashMap<>(claims);
        noActor.remove("act");
        assertEquals(401, redeem(sign(signer, header, noActor)).status(), "no act");
        // alg none, and something that is not a JWS at all.
        assertEquals(401, redeem(b64json(with(header, "alg", "none")) + "." + parts[1] + ".").status(), "alg none");
        assertEquals(401, redeem("not-a-token").status());
        // A service configured for another portal refuses the genuine credential.
        assertEquals(401, redeem(service("another-portal"), token).status(), "wrong aud, as configured");

        assertEquals(200, redeem(token).status(), "the genuine credential is still unused");
    }

    @Test
    void aTargetSuspendedAfterIssuingIsRefusedAt409() {
        String token = (String) start().body().get("token");
        User customer = world.stored(CUSTOMER_ID);
        User suspended = customer.suspended(true).nextVersion(NOW);
        world.repository.replace(customer, suspended, World.seedEntry(suspended));

        Answer answer = redeem(token);
        assertEquals(409, answer.status());
        assertEquals(List.of("token"), answer.errorFields());
        assertTrue(((String) answer.body().get("detail")).contains("no longer active"));
    }

    @Test
    void aRedeemWithoutATokenIs400NamingIt() {
        APIGatewayV2HTTPEvent event = Events.load("redeem-impersonation");
        event.setBody("{\"tok\":\"x\"}");
        Answer answer = Answer.of(new RedeemImpersonationHandler(impersonation, world.http), event);
        assertEquals(400, answer.status());
        assertEquals(List.of("tok"), answer.errorFields());
        event.setBody("{}");
        assertEquals(List.of("token"), Answer.of(new RedeemImpersonationHandler(impersonation, world.http), event).errorFields());
    }

    @Test
    void theRedeemEventAsCommittedIsRefusedAt401() {
        assertEquals(401, Answer.of(new RedeemImpersonationHandler(impersonation, world.http), Events.load("redeem-impersonation")).status());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** The user's audit entries, but for those the seeding wrote (by the operator). */
    private List<Map<String, AttributeValue>> trail(String userId) {
        return world.dynamo.client.query(q -> q.tableName(world.dynamo.table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditTrail(TENANT, AuditEntry.Subject.USER, userId))))
                .consistentRead(true)).items().stream().filter(e -> !AuditEntry.OPERATOR.equals(e.get("actorId").s())).toList();
    }

    /** Items of one entity in the whole table (a test may scan). */
    private long count(String entity) {
        return world.dynamo.client.scan(s -> s.tableName(world.dynamo.table).consistentRead(true)).items().stream()
                .filter(item -> item.containsKey("entity") && entity.equals(item.get("entity").s())).count();
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static String sign(EcSigner signer, Map<String, Object> header, Map<String, Object> claims) {
        String input = Es256.signingInput(header, claims);
        return input + "." + Es256.b64(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64json(Map<String, Object> map) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(map).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String part) {
        try {
            return (Map<String, Object>) Json.read(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The public key of a JWK, built with java.security alone (as a portal without a JWT library would). */
    private static PublicKey publicKey(Map<String, Object> jwk) throws Exception {
        assertEquals("EC", jwk.get("kty"));
        assertEquals("P-256", jwk.get("crv"));
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("x"))),
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("y"))));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

}
