package com.peakcommerce.useradmin.auth0;

import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.ssm.SsmParameters;
import com.peakcommerce.useradmin.wiring.Parameters;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Auth0IdentityProvider} needs to reach the Auth0 Management API.
 *
 * @param managementApiUrl the Management API's base URL, ending in {@code /api/v2}, e.g.
 *                         {@code https://tenant.eu.auth0.com/api/v2}. The SDK takes the token endpoint
 *                         from the same origin ({@code /oauth/token}); the token's audience is this URL
 *                         with a trailing slash.
 * @param clientId         a machine-to-machine application authorised for the Management API with the
 *                         scopes {@code read:users create:users update:users delete:users create:user_tickets
 *                         create:connections} (the last for the bootstrap of a tenant, which creates its connection)
 * @param clientSecret     that application's secret
 * @param portalClientId   the portal's Auth0 application, enabled on every connection a bootstrap creates so that
 *                         the tenant's users can log in to it; or {@code null} (enable it on the connection by hand)
 * @param ticketResultUrl  where Auth0 sends the user after a ticket has been used, or {@code null}
 * @param ticketTtl        how long a ticket stays valid; {@code null} means {@link #DEFAULT_TICKET_TTL}
 * @param rateLimitBudget  the longest one operation waits, in all, for Auth0's rate limit to reset before
 *                         it gives up as {@code UNAVAILABLE}; {@code null} means {@link #DEFAULT_RATE_LIMIT_BUDGET}
 */
public record Auth0Settings(URI managementApiUrl, String clientId, String clientSecret, String portalClientId,
                            URI ticketResultUrl, Duration ticketTtl, Duration rateLimitBudget) {

    public static final Duration DEFAULT_TICKET_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_RATE_LIMIT_BUDGET = Duration.ofSeconds(5);
    private static final String API_PATH = "/api/v2";

    public Auth0Settings {
        managementApiUrl = managementApiUrl(Objects.requireNonNull(managementApiUrl, "managementApiUrl"));
        clientId = requireText(clientId, "clientId");
        clientSecret = requireText(clientSecret, "clientSecret");
        portalClientId = portalClientId == null || portalClientId.isBlank() ? null : portalClientId.strip();
        ticketTtl = Objects.requireNonNullElse(ticketTtl, DEFAULT_TICKET_TTL);
        if (ticketTtl.toSeconds() < 1 || ticketTtl.toSeconds() > Integer.MAX_VALUE) throw new IllegalArgumentException("ticketTtl out of range: " + ticketTtl);
        rateLimitBudget = Objects.requireNonNullElse(rateLimitBudget, DEFAULT_RATE_LIMIT_BUDGET);
        if (rateLimitBudget.isNegative()) throw new IllegalArgumentException("rateLimitBudget is negative");
    }

    /** The Management API audience the access token is requested for. */
    String audience() {
        return managementApiUrl + "/";
    }

    @Override
    public String toString() { // never print the secret
        return "Auth0Settings[managementApiUrl=" + managementApiUrl + ", clientId=" + clientId + ", portalClientId=" + portalClientId
                + ", ticketResultUrl=" + ticketResultUrl + ", ticketTtl=" + ticketTtl + ", rateLimitBudget=" + rateLimitBudget + "]";
    }

    /**
     * The settings from the process environment (or system properties of the same names, see
     * {@link Settings}), with the client credentials read from SSM ({@link SsmParameters}):
     * <ul>
     *   <li>{@code AUTH0_DOMAIN}: the tenant's domain, e.g. {@code tenant.eu.auth0.com}; or
     *       {@code AUTH0_MANAGEMENT_URL}, which wins: the full Management API URL ending in {@code /api/v2}
     *       (for a stand-in, e.g. {@code http://127.0.0.1:8081/api/v2});</li>
     *   <li>{@code AUTH0_PORTAL_CLIENT_ID} (optional): the portal application to enable on the connections
     *       that tenant bootstraps create (each tenant's logins are in its own connection, named on the tenant);</li>
     *   <li>{@code AUTH0_CREDENTIALS_PARAMETER}: the name of the SSM SecureString parameter that holds
     *       {@code {"clientId": "...", "clientSecret": "..."}} (see {@link Auth0Credentials});</li>
     *   <li>{@code AUTH0_TICKET_RESULT_URL} (optional): where tickets send the user afterwards;</li>
     *   <li>{@code AUTH0_TICKET_TTL}, {@code AUTH0_RATE_LIMIT_BUDGET} (optional, ISO-8601 such as
     *       {@code P7D}, {@code PT5S}): override the defaults;</li>
     *   <li>{@code AWS_REGION} (Lambda sets it) for the SSM client.</li>
     * </ul>
     *
     * @throws IllegalStateException when a setting is missing or malformed, or the parameter cannot be read
     */
    public static Auth0Settings fromEnvironment() {
        return fromEnvironment(SsmParameters.fromEnvironment(Settings.environment()));
    }

    /** As {@link #fromEnvironment()}, reading the credentials with the given reader. */
    public static Auth0Settings fromEnvironment(Parameters parameters) {
        return fromEnvironment(name -> Settings.environment().optional(name).orElse(null), parameters);
    }

    static Auth0Settings fromEnvironment(Function<String, String> env, Parameters parameters) {
        URI url = managementApiUrlFromEnvironment(env);
        String portalClientId = optional(env, "AUTH0_PORTAL_CLIENT_ID");
        String parameter = required(env, "AUTH0_CREDENTIALS_PARAMETER");
        URI resultUrl = optional(env, "AUTH0_TICKET_RESULT_URL") == null ? null : uri(env, "AUTH0_TICKET_RESULT_URL");
        Duration ttl = duration(env, "AUTH0_TICKET_TTL");
        Duration budget = duration(env, "AUTH0_RATE_LIMIT_BUDGET");
        Auth0Credentials credentials = Auth0Credentials.from(parameters, parameter);
        return new Auth0Settings(url, credentials.clientId(), credentials.clientSecret(), portalClientId, resultUrl, ttl, budget);
    }

    static URI managementApiUrlFromEnvironment(Function<String, String> env) {
        if (optional(env, "AUTH0_MANAGEMENT_URL") != null) return uri(env, "AUTH0_MANAGEMENT_URL");
        String domain = required(env, "AUTH0_DOMAIN").replaceFirst("^https://", "").replaceFirst("/+$", "");
        if (domain.isEmpty() || domain.contains("/")) throw new IllegalStateException("Setting AUTH0_DOMAIN must be a host name such as tenant.eu.auth0.com");
        return URI.create("https://" + domain + API_PATH);
    }

    private static URI managementApiUrl(URI url) {
        String text = url.toString().replaceFirst("/+$", "");
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null || !text.endsWith(API_PATH)) {
            throw new IllegalArgumentException("managementApiUrl must be an http(s) URL ending in " + API_PATH + ": " + url);
        }
        return URI.create(text);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is missing");
        return value.strip();
    }

    private static String optional(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(Function<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) throw new IllegalStateException("Setting " + name + " is missing");
        return value;
    }

    private static URI uri(Function<String, String> env, String name) {
        try {
            return URI.create(required(env, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting " + name + " is not a URL");
        }
    }

    private static Duration duration(Function<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) return null;
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Setting " + name + " is not an ISO-8601 duration such as PT5S or P7D");
        }
    }
}
