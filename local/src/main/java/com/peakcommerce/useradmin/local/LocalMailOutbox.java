package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.ports.Mailer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local run's {@link Mailer}: keeps every mail in memory instead of handing it to SES, readable as
 * {@code GET /local/mail} (newest first). Keeps the last {@value #CAPACITY}; gone when the server stops.
 */
public final class LocalMailOutbox implements Mailer {
    static final int CAPACITY = 500;

    /** One mail as it would have gone out. */
    public record SentMail(String to, String subject, String text, String html, Instant sentAt) {}

    private final Deque<SentMail> mails = new ArrayDeque<>();
    private final Clock clock;

    public LocalMailOutbox(Clock clock) { this.clock = clock; }

    @Override
    public synchronized void send(Mail mail) {
        if (mail.to() == null || mail.to().isBlank()) throw new MailException("mail without a recipient", null);
        mails.addFirst(new SentMail(mail.to(), mail.subject(), mail.text(), mail.html(), clock.instant()));
        while (mails.size() > CAPACITY) mails.removeLast();
        System.out.println("[local mail] to " + mail.to() + ": " + mail.subject() + " (GET /local/mail)");
    }

    /** Newest first. */
    public synchronized List<SentMail> mails() { return List.copyOf(mails); }

    public synchronized void clear() { mails.clear(); }

    /** The outbox as {@code GET /local/mail} answers it. */
    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SentMail mail : mails()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("to", mail.to());
            json.put("subject", mail.subject());
            json.put("text", mail.text());
            json.put("html", mail.html());
            json.put("sentAt", mail.sentAt().toString());
            out.add(json);
        }
        return out;
    }
}
