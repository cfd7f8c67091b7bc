package com.peakcommerce.useradmin.ports;

/** Sends mail (SES v2 in production) from the configured sender. */
public interface Mailer {

    /** Sends one message; throws {@link MailException} when it could not be handed over. */
    void send(Mail mail);

    /** One message, in plain text and HTML. */
    record Mail(String to, String subject, String text, String html) {}

    final class MailException extends RuntimeException {
        public MailException(String message, Throwable cause) { super(message, cause); }
    }
}
