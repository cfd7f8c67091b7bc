package com.peakcommerce.useradmin.functions.hooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** What both hooks need to read Auth0's requests. */
final class Auth0Events {
    /** Auth0 names a login of a database connection {@code auth0|<user_id given at creation>}: the service's id. */
    static final String USER_ID_PREFIX = "auth0|";

    private Auth0Events() {}

    /** The service's user id in an Auth0 user id, if it is one of the logins the service creates. */
    static Optional<String> serviceUserId(String auth0UserId) {
        return auth0UserId != null && auth0UserId.startsWith(USER_ID_PREFIX) && auth0UserId.length() > USER_ID_PREFIX.length()
                ? Optional.of(auth0UserId.substring(USER_ID_PREFIX.length())) : Optional.empty();
    }

    /** The body exactly as the sender wrote it (the signature covers these bytes), decoding API Gateway's base64. */
    static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (!event.getIsBase64Encoded()) return body.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid("(body)", "The body is not valid base64.");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** A JSON number that is a whole number, or {@code null}. */
    static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        if (value instanceof java.math.BigInteger big && big.bitLength() < 63) return big.longValue();
        return null;
    }
}
