package com.peakcommerce.useradmin.domain;

import java.util.List;

/**
 * A refusal the caller can act on. One place ({@code http.Problems}) turns each kind into an
 * RFC 9457 problem document; messages are written for the admin reading them.
 */
public sealed abstract class DomainException extends RuntimeException {

    DomainException(String message) { super(message, null, false, false); }

    /** A field (or several) is at fault. {@code field} is a JSON path such as {@code activation.password}. */
    public record FieldError(String field, String message) {}

    /** Bad input: the request names fields that are missing, malformed or not allowed. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() == 1 ? errors.getFirst().message() : "The request has " + errors.size() + " invalid fields.");
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) { this(List.of(new FieldError(field, message))); }

        public List<FieldError> errors() { return errors; }
    }

    /** No such thing in the caller's tenant, or the caller may not know it exists. */
    public static final class NotFound extends DomainException {
        public NotFound(String message) { super(message); }
    }

    /** The caller is known but may not do this. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) { super(message); }
    }

    /** The request clashes with the current state (a username already taken, say). */
    public static final class Conflict extends DomainException {
        private final String field;

        public Conflict(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /** {@code If-Match} named a version that is no longer current. */
    public static final class StaleVersion extends DomainException {
        private final long currentVersion;

        public StaleVersion(long currentVersion) {
            super("The record has changed since version you read; it is now at version " + currentVersion + ". Read it again and reapply your change.");
            this.currentVersion = currentVersion;
        }

        public long currentVersion() { return currentVersion; }
    }

    /** A change to an edited record came without {@code If-Match}. */
    public static final class VersionRequired extends DomainException {
        public VersionRequired() { super("Send the version you read in an If-Match header."); }
    }

    /** A body in a format the route does not take (it takes JSON). */
    public static final class UnsupportedFormat extends DomainException {
        public UnsupportedFormat(String message) { super(message); }
    }

    /** A system the service depends on (the identity provider) did not answer; the same request may be retried. */
    public static final class Unavailable extends DomainException {
        public Unavailable(String message) { super(message); }
    }
}
