package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SES received in the local run: the mail the real SES adapter sent to moto, read from the moto
 * launcher's {@code GET /_outbox} (the SendEmail requests as sent, both the text and the HTML part; moto's
 * own record keeps only the HTML part of a simple message). Newest first, as {@code GET /local/mail}
 * answers; gone when the server stops.
 */
public final class LocalMailOutbox {
    /** One mail as SES received it. */
    public record SentMail(String to, String subject, String text, String html, Instant sentAt) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final URI outbox;

    LocalMailOutbox(URI motoEndpoint) {
        this.outbox = motoEndpoint.resolve("/_outbox");
    }

    /** Newest first. */
    public List<SentMail> mails() {
        Object answer;
        try {
            answer = Json.read(send(HttpRequest.newBuilder(outbox).GET()));
        } catch (IOException e) {
            throw new UncheckedIOException("moto's outbox is not JSON", e);
        }
        List<SentMail> mails = new ArrayList<>();
        if (answer instanceof List<?> requests) {
            for (Object request : requests) if (request instanceof Map<?, ?> sent) mails.addFirst(mail(sent));
        }
        return mails;
    }

    public void clear() {
        send(HttpRequest.newBuilder(outbox).DELETE());
    }

    /** The outbox as {@code GET /local/mail} answers it. */
    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SentMail mail : mails()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("to", mail.to());
            json.put("subject", mail.subject());
            json.put("text", mail.text());
            json.put("html", mail.html());
            json.put("sentAt", mail.sentAt() == null ? null : mail.sentAt().toString());
            out.add(json);
        }
        return out;
    }

    /** One SES v2 SendEmail request body: {@code Destination.ToAddresses}, {@code Content.Simple.Subject/Body}. */
    private static SentMail mail(Map<?, ?> sent) {
        Map<?, ?> destination = map(sent.get("Destination"));
        Object to = destination.get("ToAddresses") instanceof List<?> addresses && !addresses.isEmpty() ? addresses.getFirst() : null;
        Map<?, ?> simple = map(map(sent.get("Content")).get("Simple"));
        Map<?, ?> body = map(simple.get("Body"));
        String receivedAt = sent.get("receivedAt") instanceof String s ? s : null;
        return new SentMail((String) to, data(simple.get("Subject")), data(body.get("Text")), data(body.get("Html")),
                receivedAt == null ? null : Instant.parse(receivedAt));
    }

    private static Map<?, ?> map(Object value) { return value instanceof Map<?, ?> m ? m : Map.of(); }

    private static String data(Object content) { return map(content).get("Data") instanceof String s ? s : null; }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("moto's outbox answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("moto's outbox did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
