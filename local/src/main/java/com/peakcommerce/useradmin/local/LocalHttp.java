package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing answers with the JDK's HTTP server. */
final class LocalHttp {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LocalHttp() {}

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        send(exchange, status, Map.of("Content-Type", "application/json"), text);
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        send(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD") || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static Object parse(byte[] body) throws IOException {
        return JSON.readValue(body, Object.class);
    }
}
