package com.peakcommerce.useradmin.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The local server's command-line options ({@code bin/local --help}). */
public record LocalOptions(int port, boolean inMemory, Path dataDir, Path template, Path consoleDir) {
    static final String USAGE = """
            Usage: LocalServer [--port N] [--in-memory] [--data-dir DIR] [--template FILE] [--console-dir DIR]
              --port N         listen on http://localhost:N (default 3000; 0 picks a free port)
              --in-memory      keep nothing: the table is not saved when the server stops
              --data-dir DIR   where the table is saved on stop and loaded at start (default .local-data/ beside template.yaml)
              --template FILE  the SAM template to read the routes from (default: template.yaml, looked up from here upwards)
              --console-dir DIR  the built admin console served at / (default console/dist beside template.yaml; bin/console builds it)
            AWS services are emulated by moto (bin/moto, started as a child process); the standard endpoint variables
              AWS_ENDPOINT_URL_DYNAMODB, _SSM, _KMS, _SESV2 (or _SES), or AWS_ENDPOINT_URL for all, switch a service elsewhere.
              AUTH0_DOMAIN (or AUTH0_MANAGEMENT_URL), optionally AUTH0_PORTAL_CLIENT_ID, and either AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET
              or AUTH0_CREDENTIALS_PARAMETER (SSM) to use Auth0 instead of the local stand-in.""";

    /** The console from {@code console/dist} beside the template. */
    public LocalOptions(int port, boolean inMemory, Path dataDir, Path template) {
        this(port, inMemory, dataDir, template, template.toAbsolutePath().getParent().resolve("console").resolve("dist"));
    }

    public static LocalOptions parse(String... args) {
        int port = 3000;
        boolean inMemory = false;
        Path dataDir = null;
        Path template = null;
        Path consoleDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank()) continue;
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--in-memory" -> inMemory = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--template" -> template = Path.of(value(args, ++i, arg));
                case "--console-dir" -> consoleDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be from 0 to 65535");
        if (template == null) template = findTemplate(Path.of("").toAbsolutePath());
        if (dataDir == null) dataDir = template.toAbsolutePath().getParent().resolve(".local-data");
        return consoleDir == null ? new LocalOptions(port, inMemory, dataDir, template) : new LocalOptions(port, inMemory, dataDir, template, consoleDir);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    /** template.yaml in {@code from} or the nearest folder above it (the run may start in local/). */
    public static Path findTemplate(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalArgumentException("No template.yaml in " + from + " or above it; pass --template FILE");
    }
}

