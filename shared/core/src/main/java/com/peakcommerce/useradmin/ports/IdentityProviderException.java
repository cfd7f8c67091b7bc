package com.peakcommerce.useradmin.ports;

/** A call to the identity provider that did not succeed. The message is safe to show to an admin. */
public final class IdentityProviderException extends RuntimeException {

    public enum Reason {
        /** The email is held by another login. */
        CONFLICT,
        /** The provider refused the request as invalid (a password that breaks its policy, say). */
        REJECTED,
        /** Rate limited beyond the time budget, a 5xx, a timeout or no connection: try again later. */
        UNAVAILABLE
    }

    private final Reason reason;

    public IdentityProviderException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public IdentityProviderException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() { return reason; }
}
