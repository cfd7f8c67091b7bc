package com.peakcommerce.useradmin.auth0;

import com.fasterxml.jackson.jr.ob.JSON;
import com.peakcommerce.useradmin.wiring.Parameters;

import java.io.IOException;
import java.util.Map;

/**
 * The Management API client's id and secret, kept in one SSM SecureString parameter as
 * {@code {"clientId": "...", "clientSecret": "..."}} and read once, when the adapter is built (never
 * in a static initialiser, so a SnapStart snapshot taken before the first request holds no secret).
 */
public record Auth0Credentials(String clientId, String clientSecret) {

    @Override
    public String toString() { // never print the secret
        return "Auth0Credentials[clientId=" + clientId + "]";
    }

    /**
     * Reads the parameter ({@code GetParameter} with decryption).
     *
     * @throws IllegalStateException when it cannot be read or does not hold both values; the message
     *                               names the parameter, never its value
     */
    public static Auth0Credentials from(Parameters parameters, String parameterName) {
        return parse(parameters.read(parameterName), parameterName);
    }

    static Auth0Credentials parse(String json, String parameterName) {
        Map<String, Object> map;
        try {
            map = JSON.std.mapFrom(json);
        } catch (IOException | RuntimeException e) { // no cause: a parser's message may quote the secret
            throw new IllegalStateException("SSM parameter " + parameterName + " does not hold a JSON object");
        }
        if (!(map.get("clientId") instanceof String id) || id.isBlank()
                || !(map.get("clientSecret") instanceof String secret) || secret.isBlank()) {
            throw new IllegalStateException("SSM parameter " + parameterName + " lacks clientId or clientSecret");
        }
        return new Auth0Credentials(id, secret);
    }
}
