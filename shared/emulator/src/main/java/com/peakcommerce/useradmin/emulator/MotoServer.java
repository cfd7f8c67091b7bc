package com.peakcommerce.useradmin.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's moto server ({@code bin/moto}: moto 5.2.1, patched to be linearizable and to keep a
 * transaction's cost independent of the table's size) as a child process on a free loopback port. It
 * serves DynamoDB, SSM, KMS, SES v2 and the rest at one endpoint, and stops with this process: when
 * {@link #close()} closes its standard input, or when this JVM exits.
 *
 * <p>One per test JVM ({@link #shared()}), or one per local run.
 */
public final class MotoServer implements AutoCloseable {
    /** What to install when python3 or moto is missing; the launcher prints the same. */
    public static final String INSTALL_HINT = "pip install 'moto[server]==5.2.1'";
    private static final String READY = "moto ready on port ";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** The test JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start(launcher());
            MotoServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moto-stop"));
        }
        return shared;
    }

    /**
     * Starts {@code launcher} ({@code bin/moto}) with {@code python3} and waits for its ready line.
     *
     * @throws NotInstalled when python3 or moto 5.2.1 is missing, with the one line that says what to install
     */
    public static MotoServer start(Path launcher) {
        return start(launcher, false);
    }

    /**
     * As {@link #start(Path)}; {@code ignoreCtrlC}: the server leaves SIGINT to this process (a terminal's
     * Ctrl-C reaches the whole process group, and the local run saves its table before stopping the server).
     */
    public static MotoServer start(Path launcher, boolean ignoreCtrlC) {
        Process process;
        List<String> command = new java.util.ArrayList<>(List.of("python3", launcher.toString(), "--port", "0"));
        if (ignoreCtrlC) command.add("--ignore-sigint");
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new NotInstalled("python3 is not installed (the AWS emulator, moto, runs on it): install python3, then " + INSTALL_HINT);
        }
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> firstLine(process));
        try {
            String line = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line != null && line.startsWith(READY)) {
                drain(process);
                return new MotoServer(process, Integer.parseInt(line.substring(READY.length()).strip()));
            }
            process.waitFor(5, TimeUnit.SECONDS);
            String why = errorLine(process);
            process.destroyForcibly();
            if (process.exitValue() == 3) throw new NotInstalled(why);
            throw new IllegalStateException("bin/moto did not start (exit " + process.exitValue() + "): " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting bin/moto", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/moto did not say it was ready within " + START_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** {@code bin/moto} of this repository: beside the nearest {@code template.yaml} above the working folder. */
    public static Path launcher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bin").resolve("moto");
            if (Files.exists(dir.resolve("template.yaml")) && Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException("bin/moto not found beside a template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** Where every emulated service answers, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() { return endpoint; }

    public boolean isAlive() { return process.isAlive(); }

    /**
     * {@code builder} (any service's, e.g. {@code DynamoDbClient.builder()}) pointed at this server: its
     * endpoint, {@code us-east-1}, the URL-connection HTTP client, and dummy credentials (moto takes any).
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto"))).build();
    }

    /** Stops the server (closing its standard input is its signal to exit) and waits for it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String firstLine(Process process) {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's last line on standard error (its one-line refusal), read after it exited. */
    private static String errorLine(Process process) {
        try {
            String text = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no message)" : text.lines().reduce((a, b) -> b).orElse(text);
        } catch (IOException e) {
            return "(no message)";
        }
    }

    /** Keeps reading the child's standard error (moto's rare server errors), so that it never blocks on a full pipe. */
    private static void drain(Process process) {
        Thread.ofVirtual().name("moto-stderr").start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) System.err.println("[moto] " + line);
            } catch (IOException ignored) {
                // the server stopped
            }
        });
    }

    /** python3 or moto 5.2.1 is missing; the message is the one line that says what to install. */
    public static final class NotInstalled extends IllegalStateException {
        public NotInstalled(String message) { super(message); }
    }
}
