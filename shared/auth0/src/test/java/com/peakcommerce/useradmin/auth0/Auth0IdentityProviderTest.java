package com.peakcommerce.useradmin.auth0;

import com.peakcommerce.useradmin.ports.IdentityProvider.LoginUpdate;
import com.peakcommerce.useradmin.ports.IdentityProvider.NewLogin;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.peakcommerce.useradmin.auth0.Auth0Stub.CONNECTION;
import static com.peakcommerce.useradmin.auth0.Auth0Stub.body;
import static com.peakcommerce.useradmin.auth0.Auth0Stub.path;
import static com.peakcommerce.useradmin.auth0.Auth0Stub.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each operation on the wire: the real SDK client against a local Auth0 stand-in. */
class Auth0IdentityProviderTest {
    private static final URI RESULT_URL = URI.create("https://admin.peakcommerce.test/welcome");
    private static final String USER = reference("mgmt-api_user.json");

    private Auth0Stub auth0;
    private FakeTime time;
    private Auth0IdentityProvider provider;

    @BeforeEach
    void start() throws Exception {
        auth0 = new Auth0Stub();
        time = new FakeTime();
        provider = provider(auth0.settings(RESULT_URL, null, null));
    }

    @AfterEach
    void stop() {
        auth0.close();
    }

    private Auth0IdentityProvider provider(Auth0Settings settings) {
        return new Auth0IdentityProvider(settings, Auth0IdentityProvider.httpClient(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)), time, time);
    }

    private static NewLogin jane(String password, boolean blocked) {
        return new NewLogin("u-1", "t-9", CONNECTION, "jane.doe@example.com", "Jane", "Doe", password, blocked);
    }

    @Test
    void ensureConnectionPostsADatabaseConnectionWithThePortalEnabled() throws Exception {
        auth0.answer(201, "{\"id\":\"con_0000000000000001\",\"name\":\"users-acme\",\"strategy\":\"auth0\",\"enabled_clients\":[\"portal-app-client\"]}");

        provider.ensureConnection("users-acme");

        RecordedRequest request = auth0.next();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/v2/connections", path(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
        assertEquals(Map.of("name", "users-acme", "strategy", "auth0", "enabled_clients", List.of(Auth0Stub.PORTAL_CLIENT_ID)), body(request));
    }

    @Test
    void aConnectionThatExistsAlreadyIsUsedAsItIs() throws Exception {
        auth0.answer(409, "{\"statusCode\":409,\"error\":\"Conflict\",\"message\":\"A connection with the same name already exists\",\"errorCode\":\"connection_exists\"}");

        provider.ensureConnection("users-acme"); // no exception: a retry after a lost answer, or one the operator made

        assertEquals("/api/v2/connections", path(auth0.next()));
    }

    @Test
    void eachTenantsLoginsGoToItsOwnConnection() throws Exception {
        auth0.answer(201, USER).answer(201, USER);

        provider.createLogin(new NewLogin("u-1", "demo", "users-demo", "same@example.com", "Sam", "Demo", null, false));
        provider.createLogin(new NewLogin("u-2", "acme", "users-acme", "same@example.com", "Sam", "Acme", null, false));

        Map<String, Object> first = body(auth0.next());
        Map<String, Object> second = body(auth0.next());
        assertEquals(List.of("users-demo", "same@example.com", Map.of("tenant_id", "demo", "user_id", "u-1")),
                List.of(first.get("connection"), first.get("email"), first.get("app_metadata")));
        assertEquals(List.of("users-acme", "same@example.com", Map.of("tenant_id", "acme", "user_id", "u-2")),
                List.of(second.get("connection"), second.get("email"), second.get("app_metadata")));
    }

    @Test
    void createLoginPostsTheUserToTheConnectionUnverifiedAndWithoutMail() throws Exception {
        auth0.answer(201, USER);

        provider.createLogin(jane("Corr3ct-Horse-Battery!", false));

        RecordedRequest request = auth0.next();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/v2/users", path(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        Map<String, Object> body = body(request);
        assertEquals(Set.of("connection", "user_id", "email", "email_verified", "verify_email", "given_name", "family_name",
                "name", "password", "blocked", "app_metadata"), body.keySet());
        assertEquals(CONNECTION, body.get("connection"));
        assertEquals("u-1", body.get("user_id"));
        assertEquals("jane.doe@example.com", body.get("email"));
        assertEquals(false, body.get("email_verified"));
        assertEquals(false, body.get("verify_email"));
        assertEquals("Jane", body.get("given_name"));
        assertEquals("Doe", body.get("family_name"));
        assertEquals("Jane Doe", body.get("name"));
        assertEquals("Corr3ct-Horse-Battery!", body.get("password"));
        assertEquals(false, body.get("blocked"));
        assertEquals(Map.of("tenant_id", "t-9", "user_id", "u-1"), body.get("app_metadata"));
    }

    @Test
    void theTokenComesFromTheClientCredentialsGrantForTheManagementApiAudience() throws Exception {
        auth0.answer(201, USER);

        provider.createLogin(jane("Corr3ct-Horse-Battery!", false));

        assertEquals(1, auth0.tokenRequests.size());
        RecordedRequest token = auth0.tokenRequests.getFirst();
        assertEquals("POST", token.getMethod());
        assertEquals(Map.of(
                "grant_type", "client_credentials",
                "client_id", Auth0Stub.CLIENT_ID,
                "client_secret", Auth0Stub.CLIENT_SECRET,
                "audience", auth0.managementApiUrl() + "/"), body(token));
    }

    @Test
    void theTokenIsFetchedOnceForSeveralCalls() throws Exception {
        auth0.answer(201, USER).answer(200, USER).answer(200, USER).answer(204, null);

        provider.createLogin(jane(null, false));
        provider.block("u-1");
        provider.unblock("u-1");
        provider.deleteLogin("u-1");

        assertEquals(1, auth0.tokenRequests.size());
        for (int i = 0; i < 4; i++) assertEquals("Bearer mgmt-token-1", auth0.next().getHeaders().get("Authorization"));
    }

    @Test
    void aTokenWithinTwoMinutesOfExpiryIsFetchedAnew() throws Exception {
        auth0.tokenLifetimeSeconds = 60; // the SDK renews 120 s before expiry: this one is never reused
        auth0.answer(200, USER).answer(200, USER);

        provider.block("u-1");
        provider.block("u-1");

        assertEquals(2, auth0.tokenRequests.size());
        assertEquals("Bearer mgmt-token-1", auth0.next().getHeaders().get("Authorization"));
        assertEquals("Bearer mgmt-token-2", auth0.next().getHeaders().get("Authorization"));
    }

    @Test
    void createLoginWithoutPasswordSetsAStrongRandomOneEachTime() throws Exception {
        auth0.answer(201, USER).answer(201, USER);

        provider.createLogin(jane(null, false));
        provider.createLogin(jane(null, false));

        String first = (String) body(auth0.next()).get("password");
        String second = (String) body(auth0.next()).get("password");
        for (String password : new String[] {first, second}) {
            assertTrue(password.length() >= 32, password.length() + " characters");
            assertTrue(password.chars().anyMatch(Character::isUpperCase));
            assertTrue(password.chars().anyMatch(Character::isLowerCase));
            assertTrue(password.chars().anyMatch(Character::isDigit));
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)));
        }
        assertNotEquals(first, second);
    }

    @Test
    void createLoginOfASuspendedUserCreatesItBlocked() throws Exception {
        auth0.answer(201, USER);

        provider.createLogin(jane(null, true));

        assertEquals(true, body(auth0.next()).get("blocked"));
    }

    @Test
    void createLoginAnswered409ForItsOwnEarlierCreateIsDone() throws Exception {
        auth0.answer(409, "{\"statusCode\":409,\"error\":\"Conflict\",\"message\":\"The user already exists.\",\"errorCode\":\"auth0_idp_error\"}")
                .answer(200, USER);

        provider.createLogin(jane(null, false));

        assertEquals("POST", auth0.next().getMethod());
        RecordedRequest lookup = auth0.next();
        assertEquals("GET", lookup.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(lookup));
        assertEquals("/api/v2/users/auth0%7Cu-1", lookup.getUrl().encodedPath());
        assertEquals("Bearer mgmt-token-1", lookup.getHeaders().get("Authorization"));
    }

    @Test
    void createLoginAnswered409ForAnotherLoginWithTheEmailIsAConflict() throws Exception {
        auth0.answer(409, "{\"statusCode\":409,\"error\":\"Conflict\",\"message\":\"The user already exists.\",\"errorCode\":\"auth0_idp_error\"}")
                .answer(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"The user does not exist.\",\"errorCode\":\"inexistent_user\"}");

        IdentityProviderException e = assertThrows(IdentityProviderException.class, () -> provider.createLogin(jane(null, false)));

        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals("POST", auth0.next().getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(auth0.next()));
    }

    @Test
    void createLoginAnswered400IsRejectedWithAuth0sMessage() throws Exception {
        auth0.answer(400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"PasswordStrengthError: Password is too weak\",\"errorCode\":\"invalid_body\"}");

        IdentityProviderException e = assertThrows(IdentityProviderException.class, () -> provider.createLogin(jane("abc123", false)));

        assertEquals(Reason.REJECTED, e.reason());
        assertTrue(e.getMessage().contains("PasswordStrengthError: Password is too weak"), e.getMessage());
        assertFalse(e.getMessage().contains("abc123"));
        assertFalse(e.getMessage().contains(Auth0Stub.CLIENT_SECRET));
        assertEquals(1, auth0.tokenRequests.size());
        auth0.next();
        assertEquals(0, auth0.apiRequestsLeft(), "a 400 is not retried");
    }

    @Test
    void updateLoginWithANewEmailPatchesItUnverifiedWithoutMailInTheLoginsOwnConnection() throws Exception {
        auth0.answer(200, "{\"user_id\":\"auth0|u-1\",\"email\":\"jane.doe@example.com\",\"email_verified\":true,\"given_name\":\"Jane\",\"family_name\":\"Doe\",\"name\":\"Jane Doe\","
                        + "\"identities\":[{\"provider\":\"google-oauth2\",\"connection\":\"google-oauth2\",\"user_id\":\"1\",\"isSocial\":true},"
                        + "{\"provider\":\"auth0\",\"connection\":\"users-acme\",\"user_id\":\"u-1\",\"isSocial\":false}]}")
                .answer(200, USER);

        provider.updateLogin("u-1", new LoginUpdate("jane.roe@example.com", "Jane", "Roe"));

        RecordedRequest lookup = auth0.next();
        assertEquals("GET", lookup.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(lookup));
        RecordedRequest patch = auth0.next();
        assertEquals("PATCH", patch.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(patch));
        assertEquals("Bearer mgmt-token-1", patch.getHeaders().get("Authorization"));
        assertEquals(Map.of(
                "email", "jane.roe@example.com",
                "email_verified", false,
                "verify_email", false,
                "connection", "users-acme",
                "given_name", "Jane",
                "family_name", "Roe",
                "name", "Jane Roe"), body(patch));
    }

    @Test
    void updateLoginWithTheSameEmailLeavesItVerifiedAndPatchesTheNames() throws Exception {
        auth0.answer(200, "{\"user_id\":\"auth0|u-1\",\"email\":\"jane.doe@example.com\",\"email_verified\":true,\"given_name\":\"Jane\",\"family_name\":\"Doe\"}")
                .answer(200, USER);

        provider.updateLogin("u-1", new LoginUpdate("Jane.Doe@Example.com", "Janet", "Doe"));

        auth0.next();
        assertEquals(Map.of("given_name", "Janet", "family_name", "Doe", "name", "Janet Doe"), body(auth0.next()));
    }

    @Test
    void updateLoginOfOneNameKeepsTheOtherInTheFullName() throws Exception {
        auth0.answer(200, "{\"user_id\":\"auth0|u-1\",\"email\":\"jane.doe@example.com\",\"given_name\":\"Jane\",\"family_name\":\"Doe\"}")
                .answer(200, USER);

        provider.updateLogin("u-1", new LoginUpdate(null, null, "Roe"));

        auth0.next();
        assertEquals(Map.of("family_name", "Roe", "name", "Jane Roe"), body(auth0.next()));
    }

    @Test
    void updateLoginOfAMissingLoginIsRejected() throws Exception {
        auth0.answer(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"The user does not exist.\",\"errorCode\":\"inexistent_user\"}");

        IdentityProviderException e = assertThrows(IdentityProviderException.class,
                () -> provider.updateLogin("u-1", new LoginUpdate("jane.roe@example.com", "Jane", "Roe")));

        assertEquals(Reason.REJECTED, e.reason());
        assertEquals("GET", auth0.next().getMethod());
        assertEquals(0, auth0.apiRequestsLeft());
    }

    @Test
    void blockPatchesBlockedTrue() throws Exception {
        auth0.answer(200, USER);

        provider.block("u-1");

        RecordedRequest request = auth0.next();
        assertEquals("PATCH", request.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(request));
        assertEquals(Map.of("blocked", true), body(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
    }

    @Test
    void unblockPatchesBlockedFalse() throws Exception {
        auth0.answer(200, USER);

        provider.unblock("u-1");

        RecordedRequest request = auth0.next();
        assertEquals("PATCH", request.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(request));
        assertEquals(Map.of("blocked", false), body(request));
    }

    @Test
    void deleteLoginDeletesTheUser() throws Exception {
        auth0.answer(204, null);

        provider.deleteLogin("u-1");

        RecordedRequest request = auth0.next();
        assertEquals("DELETE", request.getMethod());
        assertEquals("/api/v2/users/auth0|u-1", path(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
    }

    @Test
    void deleteLoginOfALoginAlreadyGoneSucceeds() throws Exception {
        auth0.answer(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"The user does not exist.\",\"errorCode\":\"inexistent_user\"}")
                .answer(404, ""); // an empty body too: the SDK still reports the status

        provider.deleteLogin("u-1");
        provider.deleteLogin("u-1");

        assertEquals("DELETE", auth0.next().getMethod());
        assertEquals("DELETE", auth0.next().getMethod());
    }

    @Test
    void passwordChangeTicketAsksForAVerifyingTicketWithResultUrlAndTtl() throws Exception {
        String answer = reference("mgmt-api_password_change_ticket.json");
        auth0.answer(201, answer);

        URI ticket = provider.passwordChangeTicket("u-1");

        assertEquals(URI.create((String) Auth0Stub.referenceJson("mgmt-api_password_change_ticket.json").get("ticket")), ticket);
        RecordedRequest request = auth0.next();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/v2/tickets/password-change", path(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
        assertEquals(Map.of(
                "user_id", "auth0|u-1",
                "mark_email_as_verified", true,
                "result_url", RESULT_URL.toString(),
                "ttl_sec", 604_800), body(request));
    }

    @Test
    void passwordChangeTicketWithoutResultUrlLeavesItOutAndUsesTheConfiguredTtl() throws Exception {
        provider = provider(auth0.settings(null, Duration.ofHours(48), null));
        auth0.answer(201, reference("mgmt-api_password_change_ticket.json"));

        provider.passwordChangeTicket("u-1");

        assertEquals(Map.of("user_id", "auth0|u-1", "mark_email_as_verified", true, "ttl_sec", 172_800), body(auth0.next()));
    }

    @Test
    void emailVerificationTicketAsksForATicketWithResultUrlAndTtl() throws Exception {
        auth0.answer(201, reference("mgmt-api_email_verification_ticket.json"));

        URI ticket = provider.emailVerificationTicket("u-1");

        assertEquals(URI.create((String) Auth0Stub.referenceJson("mgmt-api_email_verification_ticket.json").get("ticket")), ticket);
        RecordedRequest request = auth0.next();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/v2/tickets/email-verification", path(request));
        assertEquals("Bearer mgmt-token-1", request.getHeaders().get("Authorization"));
        assertEquals(Map.of("user_id", "auth0|u-1", "result_url", RESULT_URL.toString(), "ttl_sec", 604_800), body(request));
    }

    @Test
    void aTicketForAMissingLoginIsRejected() {
        auth0.answer(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"User not found\",\"errorCode\":\"inexistent_user\"}");

        IdentityProviderException e = assertThrows(IdentityProviderException.class, () -> provider.emailVerificationTicket("u-1"));

        assertEquals(Reason.REJECTED, e.reason());
    }
}
