package com.peakcommerce.useradmin.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code bin/local}'s server on the repository's template.yaml, in memory, for the tests of one class
 * ({@code @RegisterExtension static final RunningLocalServer local = new RunningLocalServer();}), and
 * plain HTTP requests to it.
 */
final class RunningLocalServer implements BeforeAllCallback, AfterAllCallback {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String CONSOLE_INDEX = "<!doctype html><title>Console</title><script type=module src=/assets/app-1234.js></script>";

    private Path dataDir;
    private LocalServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("local-server-test");
        // A console of two files, so that the tests do not depend on whether bin/console has built the real one.
        Path console = Files.createDirectories(dataDir.resolve("console").resolve("assets"));
        Files.writeString(console.resolveSibling("index.html"), CONSOLE_INDEX);
        Files.writeString(console.resolve("app-1234.js"), "console.log('console');");
        server = LocalServer.start(new LocalOptions(0, true, dataDir, LocalOptions.findTemplate(Path.of("").toAbsolutePath()),
                console.getParent()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
        }
    }

    LocalServer server() { return server; }

    /** A JSON POST; {@code headers} as name, value, name, value… */
    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)), headers);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
