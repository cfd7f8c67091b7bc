package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.FieldError;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.peakcommerce.useradmin.testing.World.PROFILE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateUserTest {
    private final World world = World.seeded();

    static Map<String, Object> customer(String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", "CUSTOMER");
        body.put("firstName", "Carla");
        body.put("lastName", "Customer");
        body.put("username", username);
        body.put("accountNumber", "A000001212");
        body.put("amendmentDateAlignment", "NEXT_BILLING_PERIOD");
        body.put("profileId", PROFILE_ID);
        return body;
    }

    @Test
    void aNewCustomerIsActiveUnverifiedHasALoginAndGetsTheActivationMail() {
        var created = world.administration.create(world.admin, customer("carla@example.com"));

        User user = world.stored(created.user().id());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, user.status());
        assertEquals("Carla Customer", user.displayName());
        var login = world.identityProvider.logins.get(user.id());
        assertEquals("carla@example.com", login.email());
        assertEquals("demo", login.tenantId());
        assertFalse(login.blocked());
        var mail = world.mailer.last();
        assertEquals("carla@example.com", mail.to());
        assertTrue(mail.subject().contains("Demo Portal"), mail.subject());
        assertTrue(mail.text().contains("https://idp.test/tickets/password-change/" + user.id()), mail.text());
        assertTrue(mail.html().contains("href=\"https://idp.test/tickets/password-change/" + user.id() + "\""), mail.html());
        assertTrue(created.activationMailed());
    }

    @Test
    void createCostsThreeDynamoDbRequests() {
        world.administration.create(world.admin, customer("carla@example.com"));

        assertEquals(List.of("batchGetItem", "transactWriteItems", "putItem"), world.dynamo.calls());
    }

    @Test
    void theUsernameIsUniqueIgnoringCase() {
        world.administration.create(world.admin, customer("carla@example.com"));

        var refused = assertThrows(Conflict.class, () -> world.administration.create(world.admin, customer("Carla@Example.COM")));
        assertEquals("username", refused.field());
        assertEquals(1, world.identityProvider.logins.values().stream().filter(l -> l.email().equalsIgnoreCase("carla@example.com")).count());
    }

    @Test
    void twoConcurrentCreatesWithOneUsernameGiveOneUserAndOneConflict() throws Exception {
        for (int round = 0; round < 10; round++) { // rounds, so that the interleavings vary
            String username = "race-" + round + "@example.com";
            var start = new CountDownLatch(1);
            Callable<String> create = () -> {
                start.await();
                try {
                    world.administration.create(world.admin, customer(username));
                    return "created";
                } catch (Conflict e) {
                    return "conflict";
                }
            };
            List<String> outcomes = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                List<Future<String>> futures = List.of(pool.submit(create), pool.submit(create));
                start.countDown();
                for (var f : futures) outcomes.add(f.get());
            }
            assertEquals(List.of("conflict", "created"), outcomes.stream().sorted().toList(), username);
            assertEquals(1, world.directory.list(world.admin, new UserQuery(null, null, null, null, null, null, username, null), 10, null).items().size());
        }
        assertEquals(10, world.mailer.sent.size(), "one activation mail per user");
    }

    @Test
    void missingAndInapplicableFieldsAreAllNamedAndNothingIsWritten() {
        Map<String, Object> body = customer("carla@example.com");
        body.remove("accountNumber");
        body.remove("amendmentDateAlignment");
        body.put("securityRealm", "created-or-assigned");
        body.put("nickname", "CC");

        var refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, body));

        assertEquals(List.of("accountNumber", "amendmentDateAlignment", "nickname", "securityRealm"),
                refused.errors().stream().map(FieldError::field).sorted().toList());
        assertNothingCreated();
    }

    @Test
    void aPartnerAdminNeedsOnlyARealmAndMayCarryNoProfile() {
        Map<String, Object> body = new HashMap<>(Map.of("role", "PARTNER_ADMIN", "firstName", "Pat", "lastName", "Partner",
                "username", "pat@example.com", "securityRealm", "all-partner-account-executives"));
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.administration.create(world.admin, body).user().status());

        body.put("username", "pat2@example.com");
        body.put("profileId", PROFILE_ID);
        var refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, body));
        assertEquals("profileId", refused.errors().getFirst().field());
    }

    @Test
    void invalidValuesAreNamed() {
        Map<String, Object> body = customer("not-an-email");
        body.put("firstName", 42);
        body.put("amendmentDateAlignment", "TOMORROW");
        body.put("primary", "yes");

        var refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, body));

        assertEquals(List.of("amendmentDateAlignment", "firstName", "primary", "username"),
                refused.errors().stream().map(FieldError::field).sorted().toList());
        assertNothingCreated();
    }

    @Test
    void referencesMustExistInTheTenantAndHaveTheRightRole() {
        world.seedUser(World.TENANT, "rep-1", Role.ACCOUNT_EXECUTIVE, "Rita", "Rep", "rita@example.com");
        world.seedUser(World.OTHER_TENANT, "partner-x", Role.PARTNER, "Xavier", "Elsewhere", "x@example.com");
        Map<String, Object> body = customer("carla@example.com");
        body.put("profileId", "no-such-profile");
        body.put("partnerId", "partner-x");
        body.put("salesRepId", World.ADMIN_ID);

        var refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, body));

        assertEquals(List.of("partnerId", "profileId", "salesRepId"), refused.errors().stream().map(FieldError::field).sorted().toList());
        assertTrue(refused.errors().stream().anyMatch(e -> e.message().contains("ACCOUNT_EXECUTIVE")));
        body.put("profileId", PROFILE_ID);
        body.remove("partnerId");
        body.put("salesRepId", "rep-1");
        assertEquals("rep-1", world.administration.create(world.admin, body).user().text(UserField.SALES_REP_ID));
    }

    @Test
    void anIdentityProviderOutageLeavesAProvisioningUserThatTheSameRequestCompletes() {
        world.identityProvider.failNext("createLogin", Reason.UNAVAILABLE);
        assertThrows(Unavailable.class, () -> world.administration.create(world.admin, customer("carla@example.com")));
        var stuck = world.directory.list(world.admin, new UserQuery(null, UserStatus.PROVISIONING, null, null, null, null, null, null), 10, null).items();
        assertEquals(1, stuck.size());
        assertTrue(world.mailer.sent.isEmpty());

        var created = world.administration.create(world.admin, customer("carla@example.com"));

        assertEquals(stuck.getFirst().id(), created.user().id());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(created.user().id()).status());
        assertEquals(1, world.identityProvider.logins.size() - 1);
        assertEquals(1, world.mailer.sent.size());
    }

    @Test
    void anOutageAfterTheLoginWasCreatedIsCompletedByTheRetryWithoutASecondLogin() {
        world.identityProvider.failNext("passwordChangeTicket", Reason.UNAVAILABLE);
        assertThrows(Unavailable.class, () -> world.administration.create(world.admin, customer("carla@example.com")));

        var created = world.administration.create(world.admin, customer("carla@example.com"));

        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(created.user().id()).status());
        assertEquals(2, world.identityProvider.calls.stream().filter(c -> c.startsWith("createLogin")).count());
        assertEquals(2, world.identityProvider.logins.size());
    }

    @Test
    void anEmailTheIdentityProviderAlreadyHasIsAConflictAndReleasesTheUsername() {
        world.identityProvider.failNext("createLogin", Reason.CONFLICT);
        var refused = assertThrows(Conflict.class, () -> world.administration.create(world.admin, customer("carla@example.com")));
        assertEquals("username", refused.field());
        assertNothingCreated();

        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.administration.create(world.admin, customer("carla@example.com")).user().status());
    }

    @Test
    void aMailThatFailsDoesNotUndoTheUser() {
        world.mailer.failNext(1);
        var created = world.administration.create(world.admin, customer("carla@example.com"));

        assertFalse(created.activationMailed());
        assertEquals(UserStatus.ACTIVE_UNVERIFIED, world.stored(created.user().id()).status());
    }

    @Test
    void aUserCreatedSuspendedIsBlockedAndGetsNoLink() {
        Map<String, Object> body = customer("carla@example.com");
        body.put("status", "SUSPENDED");
        var created = world.administration.create(world.admin, body);

        assertEquals(UserStatus.SUSPENDED, world.stored(created.user().id()).status());
        assertTrue(world.identityProvider.logins.get(created.user().id()).blocked());
        assertTrue(world.mailer.sent.isEmpty());
    }

    @Test
    void theLinkCanGoToTheAlternativeOrACustomAddress() {
        Map<String, Object> body = customer("carla@example.com");
        body.put("alternativeEmail", "carla.private@example.org");
        body.put("activation", Map.of("method", "EMAIL_LINK", "sendTo", "ALTERNATIVE"));
        world.administration.create(world.admin, body);
        assertEquals("carla.private@example.org", world.mailer.last().to());

        Map<String, Object> other = customer("carlos@example.com");
        other.put("activation", Map.of("method", "EMAIL_LINK", "sendTo", "CUSTOM", "customEmail", "it@example.net"));
        world.administration.create(world.admin, other);
        assertEquals("it@example.net", world.mailer.last().to());
    }

    @Test
    void aGeneratedPasswordIsReturnedOnceAndNoMailIsSent() {
        Map<String, Object> body = customer("carla@example.com");
        body.put("activation", Map.of("method", "GENERATED_PASSWORD"));
        var created = world.administration.create(world.admin, body);

        var password = ((Activation.Password) created.activation()).password();
        assertEquals(20, password.length());
        assertEquals(password, world.identityProvider.passwords.get(created.user().id()), "the password shown is the one the login has");
        assertTrue(world.mailer.sent.isEmpty());
        assertFalse(world.identityProvider.calls.stream().anyMatch(c -> c.startsWith("passwordChangeTicket")));
    }

    @Test
    void aTypedPasswordReachesTheIdentityProviderAndALinkSendsNone() {
        Map<String, Object> typed = customer("carla@example.com");
        typed.put("activation", Map.of("method", "PASSWORD", "password", "Corr3ct-Horse-Battery!"));
        var withPassword = world.administration.create(world.admin, typed);
        var withLink = world.administration.create(world.admin, customer("linda@example.com"));

        assertEquals("Corr3ct-Horse-Battery!", world.identityProvider.passwords.get(withPassword.user().id()));
        assertFalse(world.identityProvider.passwords.containsKey(withLink.user().id()), "a set-password link: no password from the service");
        assertFalse(withPassword.toString().contains("Corr3ct"), "never printed");
    }

    @Test
    void aTypedPasswordThatIsTooShortIsRefused() {
        Map<String, Object> body = customer("carla@example.com");
        body.put("activation", Map.of("method", "PASSWORD", "password", "short"));
        var refused = assertThrows(Invalid.class, () -> world.administration.create(world.admin, body));
        assertEquals("activation.password", refused.errors().getFirst().field());
    }

    @Test
    void aSystemAdminCannotCreateGlobalAdminsAndACustomerCannotCreateAnyone() {
        world.seedUser(World.TENANT, "sys-1", Role.SYSTEM_ADMIN, "Sam", "System", "sam@example.com");
        world.seedUser(World.TENANT, "cust-1", Role.CUSTOMER, "Cora", "Client", "cora@example.com");
        Map<String, Object> globalAdmin = new HashMap<>(Map.of("role", "GLOBAL_ADMIN", "firstName", "G", "lastName", "A", "username", "ga@example.com"));

        assertThrows(Forbidden.class, () -> world.administration.create(new CallerId(World.TENANT, "sys-1"), globalAdmin));
        assertThrows(Forbidden.class, () -> world.administration.create(new CallerId(World.TENANT, "cust-1"), customer("x@example.com")));
        assertNull(world.identityProvider.logins.values().stream().filter(l -> l.email().equals("ga@example.com")).findAny().orElse(null));
    }

    private void assertNothingCreated() {
        assertEquals(1, world.directory.list(world.admin, UserQuery.ALL, 100, null).items().size(), "only the admin exists");
        assertEquals(1, world.identityProvider.logins.size());
        assertTrue(world.mailer.sent.isEmpty());
    }
}
