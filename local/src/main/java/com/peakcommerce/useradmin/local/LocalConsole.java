package com.peakcommerce.useradmin.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The admin console's built files ({@code console/dist}, made by {@code bin/console}) at {@code /}: the
 * index at {@code /} and each file under it by its path. The console routes with the URL's fragment, so
 * no path of the API is ever taken for one of the console's.
 */
final class LocalConsole {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "woff", "font/woff", "map", "application/json");

    private final Path root;

    LocalConsole(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() { return root; }

    boolean built() { return Files.isRegularFile(root.resolve("index.html")); }

    /** The file a GET of {@code path} names, if the console has it (never one outside its folder). */
    Optional<Path> file(String path) {
        if (!built()) return Optional.empty();
        String relative = path.equals("/") ? "index.html" : path.substring(1);
        if (relative.isEmpty() || relative.contains("..") || relative.contains("\\")) return Optional.empty();
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    void send(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        // Vite names each asset by its content: it can be kept; the index must be asked for again.
        String cache = file.getParent().getFileName().toString().equals("assets") ? "public, max-age=31536000, immutable" : "no-cache";
        LocalHttp.send(exchange, 200, Map.of("Content-Type", type, "Cache-Control", cache,
                "X-Content-Type-Options", "nosniff"), Files.readAllBytes(file));
    }

    /** What {@code GET /} answers while the console is not built. */
    static String notBuilt(Path root) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Console not built</title></head><body>"
                + "<h1>The console is not built</h1><p>Run <code>bin/console</code> (node and npm needed), or <code>bin/local</code>, "
                + "which builds it. Looked in " + root.toString().replace("&", "&amp;").replace("<", "&lt;") + ".</p></body></html>";
    }
}
