package com.peakcommerce.useradmin.auth0;

import com.auth0.client.mgmt.ConnectionsClient;
import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.TicketsClient;
import com.auth0.client.mgmt.UsersClient;
import com.auth0.client.mgmt.types.ChangePasswordTicketRequestContent;
import com.auth0.client.mgmt.types.ConnectionIdentityProviderEnum;
import com.auth0.client.mgmt.types.CreateConnectionRequestContent;
import com.auth0.client.mgmt.types.CreateUserRequestContent;
import com.auth0.client.mgmt.types.GetUserResponseContent;
import com.auth0.client.mgmt.types.UpdateUserRequestContent;
import com.auth0.client.mgmt.types.VerifyEmailTicketRequestContent;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.IdentityProviderException.Reason;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Auth0 adapter of {@link IdentityProvider}, on the Management API through the Auth0 Java SDK 3.x
 * ({@link ManagementApi}).
 *
 * <p><b>Ids.</b> A login is created in its tenant's database connection with {@code user_id} set to the
 * service's user id; Auth0 names it {@code auth0|<id>}, and every other call addresses it so. Each
 * tenant has its own connection (created at its bootstrap), so an email is unique only within a tenant
 * and a 409 is never about another tenant's login.
 *
 * <p><b>Token.</b> The SDK fetches a Management API token with the client-credentials grant from
 * {@code <origin of managementApiUrl>/oauth/token} for the audience {@code managementApiUrl + "/"} on
 * the first request, and keeps it until two minutes before it expires ({@code OAuthTokenSupplier}); this
 * class adds no cache of its own. Nothing is fetched while the adapter is built.
 *
 * <p><b>Retries.</b> The SDK's default OkHttp client carries a retry interceptor (408, 429 and 5xx, up to
 * two retries, waits of up to a minute, and a retry counter shared by all requests of the client). This
 * adapter passes its own client instead, which the SDK uses as it is (no retry interceptor) with
 * {@code maxRetries(0)} besides, and retries in {@link Auth0Calls} within the configured rate-limit
 * budget. The token request is the SDK's own (30 s call timeout, no retries).
 *
 * <p>Every operation is safe to repeat; each one says what state a failure leaves.
 */
public final class Auth0IdentityProvider implements IdentityProvider {
    static final String USER_ID_PREFIX = "auth0|";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Auth0Settings settings;
    private final UsersClient users;
    private final TicketsClient tickets;
    private final ConnectionsClient connections;
    private final Auth0Calls calls;

    public Auth0IdentityProvider(Auth0Settings settings) {
        this(settings, httpClient(CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT), Clock.systemUTC(), Thread::sleep);
    }

    Auth0IdentityProvider(Auth0Settings settings, OkHttpClient http, Clock clock, Auth0Calls.Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        ManagementApi api = ManagementApi.builder()
                .url(settings.managementApiUrl().toString())
                .clientCredentials(settings.clientId(), settings.clientSecret())
                .audience(settings.audience())
                .httpClient(http)
                .maxRetries(0)
                .build();
        this.users = api.users();
        this.tickets = api.tickets();
        this.connections = api.connections();
        this.calls = new Auth0Calls(settings.rateLimitBudget(), clock, sleeper);
    }

    /** The adapter configured by {@link Auth0Settings#fromEnvironment()}, which lists the variables. */
    public static Auth0IdentityProvider fromEnvironment() {
        return new Auth0IdentityProvider(Auth0Settings.fromEnvironment());
    }

    /**
     * The SDK's HTTP client: bounded timeouts and no retries of its own. (An error answer whose body is
     * empty or not JSON still reaches us with its status: the SDK then falls back to a plain
     * {@code ManagementApiException}.)
     */
    static OkHttpClient httpClient(Duration connect, Duration read, Duration call) {
        return new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * POST /connections: a database connection ({@code strategy auth0}) named {@code connection}, with the
     * portal application enabled on it when one is configured. A 409 is a connection of that name that
     * exists already (made by an earlier attempt whose answer was lost, or by the operator): it is used as
     * it is. A failure leaves no connection or the complete one, which the same call again accepts.
     */
    @Override
    public void ensureConnection(String connection) {
        CreateConnectionRequestContent._FinalStage request = CreateConnectionRequestContent.builder()
                .name(connection)
                .strategy(ConnectionIdentityProviderEnum.AUTH0);
        if (settings.portalClientId() != null) request.enabledClients(List.of(settings.portalClientId()));
        CreateConnectionRequestContent body = request.build();
        calls.operation("ensureConnection").send(() -> connections.create(body), 409);
    }

    /**
     * POST /users in the tenant's connection, unverified and without Auth0's own mail. A 409 is either this
     * login, created by an earlier attempt whose answer was lost (then done), or another login holding
     * the email ({@code CONFLICT}): a GET of {@code auth0|<id>} tells which. A failure leaves either no
     * login or, after a lost answer, the complete login, which the same call again accepts.
     */
    @Override
    public void createLogin(NewLogin login) {
        String id = auth0Id(login.userId());
        CreateUserRequestContent request = CreateUserRequestContent.builder()
                .connection(login.connection())
                .userId(login.userId())
                .email(login.email())
                .emailVerified(false)
                .verifyEmail(false)
                .givenName(login.givenName())
                .familyName(login.familyName())
                .name(fullName(login.givenName(), login.familyName()))
                .password(login.password() != null ? login.password() : RandomPasswords.generate())
                .blocked(login.blocked())
                .appMetadata(Map.of("tenant_id", login.tenantId(), "user_id", login.userId()))
                .build();
        Auth0Calls.Operation operation = calls.operation("createLogin");
        if (operation.send(() -> users.create(request), 409).isPresent()) return;
        if (operation.send(() -> users.get(id), 404).isEmpty()) {
            throw new IdentityProviderException(Reason.CONFLICT, "Auth0 already has a login with this email.");
        }
    }

    /**
     * GET the login, then PATCH the names given and, only if it differs (ignoring case) from the
     * login's, the email: unverified, without Auth0's own mail, with the connection Auth0 requires for an
     * email change (the login's own database connection, from its identities). An unchanged email stays verified. A failure leaves the login unchanged or, after a
     * lost answer, changed; the same call again sends (at most) the names once more.
     */
    @Override
    public void updateLogin(String userId, LoginUpdate update) {
        if (update.email() == null && update.givenName() == null && update.familyName() == null) return;
        String id = auth0Id(userId);
        Auth0Calls.Operation operation = calls.operation("updateLogin");
        GetUserResponseContent current = operation.send(() -> users.get(id));
        UpdateUserRequestContent.Builder patch = UpdateUserRequestContent.builder();
        if (update.email() != null && !update.email().equalsIgnoreCase(current.getEmail().orElse(null))) {
            patch.email(update.email()).emailVerified(false).verifyEmail(false).connection(databaseConnection(current));
        }
        if (update.givenName() != null) patch.givenName(update.givenName());
        if (update.familyName() != null) patch.familyName(update.familyName());
        if (update.givenName() != null || update.familyName() != null) {
            String name = fullName(
                    update.givenName() != null ? update.givenName() : current.getGivenName().orElse(null),
                    update.familyName() != null ? update.familyName() : current.getFamilyName().orElse(null));
            if (name != null) patch.name(name);
        }
        UpdateUserRequestContent request = patch.build();
        operation.send(() -> users.update(id, request));
    }

    /** PATCH {@code {"blocked": true}}. A failure leaves the login blocked or not; the same call again finishes it. */
    @Override
    public void block(String userId) {
        setBlocked(userId, true, "block");
    }

    /** PATCH {@code {"blocked": false}}. A failure leaves the login blocked or not; the same call again finishes it. */
    @Override
    public void unblock(String userId) {
        setBlocked(userId, false, "unblock");
    }

    private void setBlocked(String userId, boolean blocked, String operation) {
        String id = auth0Id(userId);
        UpdateUserRequestContent request = UpdateUserRequestContent.builder().blocked(blocked).build();
        calls.operation(operation).send(() -> users.update(id, request));
    }

    /** DELETE; a 404 (already gone) counts as deleted. A failure leaves the login there or gone; the same call again finishes it. */
    @Override
    public void deleteLogin(String userId) {
        String id = auth0Id(userId);
        calls.operation("deleteLogin").send(() -> {
            users.delete(id);
            return Boolean.TRUE;
        }, 404);
    }

    /**
     * POST /tickets/password-change; following the link also verifies the email. Auth0 sends no mail.
     * A failure leaves at most an unused ticket, which expires.
     */
    @Override
    public URI passwordChangeTicket(String userId) {
        ChangePasswordTicketRequestContent.Builder request = ChangePasswordTicketRequestContent.builder()
                .userId(auth0Id(userId))
                .markEmailAsVerified(true)
                .ttlSec(ticketTtlSeconds());
        if (settings.ticketResultUrl() != null) request.resultUrl(settings.ticketResultUrl().toString());
        ChangePasswordTicketRequestContent body = request.build();
        return URI.create(calls.operation("passwordChangeTicket").send(() -> tickets.changePassword(body)).getTicket());
    }

    /** POST /tickets/email-verification. Auth0 sends no mail. A failure leaves at most an unused ticket, which expires. */
    @Override
    public URI emailVerificationTicket(String userId) {
        VerifyEmailTicketRequestContent._FinalStage request = VerifyEmailTicketRequestContent.builder()
                .userId(auth0Id(userId))
                .ttlSec(ticketTtlSeconds());
        if (settings.ticketResultUrl() != null) request.resultUrl(settings.ticketResultUrl().toString());
        VerifyEmailTicketRequestContent body = request.build();
        return URI.create(calls.operation("emailVerificationTicket").send(() -> tickets.verifyEmail(body)).getTicket());
    }

    /** The database connection the login lives in: its {@code auth0} identity's. */
    private static String databaseConnection(GetUserResponseContent login) {
        return login.getIdentities().orElse(List.of()).stream()
                .filter(identity -> identity.getProvider().map(Object::toString).filter("auth0"::equals).isPresent())
                .map(identity -> identity.getConnection().orElse(null))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IdentityProviderException(Reason.REJECTED, "The login has no database identity whose email could change."));
    }

    /** Auth0's id of the service's user {@code userId}. */
    static String auth0Id(String userId) {
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId is missing");
        return USER_ID_PREFIX + userId;
    }

    private int ticketTtlSeconds() {
        return Math.toIntExact(settings.ticketTtl().toSeconds());
    }

    /** "Given Family", leaving out what is missing; {@code null} when both are. */
    private static String fullName(String givenName, String familyName) {
        String name = Stream.of(givenName, familyName)
                .filter(part -> part != null && !part.isBlank())
                .map(String::strip)
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? null : name;
    }
}
