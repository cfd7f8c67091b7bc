package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.kms.KmsTokenSigner;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ssm.SsmParameters;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ses.SesMailer;
import com.peakcommerce.useradmin.wiring.Ids;
import com.peakcommerce.useradmin.wiring.Settings;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole API on {@code http://localhost:3000} for development (see the README's "Run it locally").
 *
 * <p>Routes come from {@code template.yaml}; each request becomes an HTTP API 2.0 event handled in-process
 * by the function's real handler class. Each function group builds its handlers' services from one {@code Adapters} value, the production adapters
 * (DynamoDB, SSM, KMS, SES v2), pointed at the project's moto server ({@link LocalAws}: a child process,
 * the table saved in {@code .local-data/} on stop unless {@code --in-memory}; the standard endpoint
 * variables switch any service elsewhere), and the {@link LocalIdentityProviderStandIn} (or Auth0 when
 * {@code AUTH0_DOMAIN} is set). It seeds the tenants {@code demo} and {@code acme}, each with a Global
 * Admin and the profile "Standard", and prints a token for each admin.
 *
 * <p>Local-only routes: {@code GET /local} (what runs), {@code GET /local/mail} (the outbox, newest first;
 * {@code DELETE} empties it), {@code POST /local/tokens} ({@code {"userId"}} or {@code {"tenantId","userId"}}:
 * a token for any user, to try every role), {@code GET /local/tickets/<id>} (the stand-in's "Auth0 page"
 * that a mailed link opens), {@code GET /local/jwks.json} (the signing key) and {@code POST /local/tenants}
 * (the operator's tenant bootstrap, which has no route in AWS: {@code {"tenantId", "tenantName", "admin": {...}}}).
 */
public final class LocalServer implements AutoCloseable {
    public static final String DEMO_TENANT = "demo";
    public static final String DEMO_TENANT_NAME = "Demo Portal";
    public static final String DEMO_ADMIN_USERNAME = "admin@demo.example";
    /** A second tenant, so that tenant isolation can be tried by hand (its admin's token is printed too). */
    public static final String ACME_TENANT = "acme";
    public static final String ACME_TENANT_NAME = "Acme Portal";
    public static final String ACME_ADMIN_USERNAME = "admin@acme.example";
    static final String DEFAULT_TABLE = "user-admin-local";
    /** The post-login hook's signing secret and the log-stream token of the local run: not secrets. */
    public static final String LOCAL_POST_LOGIN_SECRET = "local-post-login-secret-0123456789abcdef";
    public static final String LOCAL_LOG_STREAM_TOKEN = "local-log-stream-token-0123456789abcdef0123456789";
    /** The {@code aud} of the local run's log-in-as credentials (its {@code iss} is the base URL). */
    public static final String LOCAL_PORTAL_AUDIENCE = "peakcommerce-portal-local";

    private final HttpServer http;
    private final ExecutorService executor;
    final LocalAws aws;
    final String baseUrl;
    final Settings settings;
    final SamTemplate template;
    final LocalTokens tokens;
    final Stores stores;
    final LocalMailOutbox outbox;
    final LocalIdentityProviderStandIn standIn;
    final String mailerDescription;
    final String identityProviderDescription;
    final LocalSeed seed;
    private final LocalConsole console;
    final Map<String, LocalSeed.SeededTenant> tenants = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, String> initFailures;

    private LocalServer(LocalOptions options, Map<String, String> given) throws IOException {
        this.template = SamTemplate.read(options.template());
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        this.baseUrl = "http://localhost:" + http.getAddress().getPort();
        // The environment wins; these are the local run's values for what it leaves unset (the issuer is this
        // server's URL, as the port may change). Nothing is written into the process's properties.
        Map<String, String> defaults = new java.util.HashMap<>(Map.of(
                "TABLE_NAME", DEFAULT_TABLE, "CLAIM_NAMESPACE", Settings.DEFAULT_CLAIM_NAMESPACE, "AWS_REGION", "us-east-1",
                "MAIL_SENDER", "noreply@localhost", "IMPERSONATION_AUDIENCE", LOCAL_PORTAL_AUDIENCE, "IMPERSONATION_ISSUER", baseUrl,
                "WEBHOOK_SECRET_PARAMETER", LocalAws.POST_LOGIN_SECRET_PARAMETER, "LOG_STREAM_TOKEN_PARAMETER", LocalAws.LOG_STREAM_TOKEN_PARAMETER));
        defaults.putAll(given);
        this.settings = Settings.environment().withDefaults(defaults);
        Clock clock = Clock.systemUTC();
        String sender = settings.required("MAIL_SENDER");

        LocalAws started = null;
        try {
            started = LocalAws.start(settings, options.inMemory(), options.dataDir());
            this.aws = started;

            // The real SES adapter, to moto's SES (whose outbox GET /local/mail shows) or to the endpoint given.
            Mailer mailer = new SesMailer(aws.ses, sender);
            this.outbox = aws.sesInMoto() ? new LocalMailOutbox(aws.motoEndpoint().orElseThrow()) : null;
            this.mailerDescription = outbox != null ? "SES in moto, sender " + sender + " (no mail leaves this machine): GET " + baseUrl + "/local/mail"
                    : "SES at " + aws.sesEndpoint() + ", sender " + sender;
            IdentityProvider identityProvider;
            if (LocalAuth0.configured(settings)) {
                this.standIn = null;
                identityProvider = LocalAuth0.identityProvider(settings, new SsmParameters(aws.ssm));
                this.identityProviderDescription = "Auth0 (" + settings.optional("AUTH0_MANAGEMENT_URL").or(() -> settings.optional("AUTH0_DOMAIN")).orElseThrow()
                        + ", a database connection per tenant)";
            } else {
                this.standIn = new LocalIdentityProviderStandIn(baseUrl);
                identityProvider = standIn;
                this.identityProviderDescription = "LOCAL STAND-IN, NOT AUTH0 (logins in memory; links to " + baseUrl + "/local/tickets/...)";
            }

            // Every function group builds its services from these, as it does in Lambda from the production ones:
            // the hooks' secrets are read from SSM by the real reader (in moto: parameters made at start with fixed
            // values everyone knows, local/README); log-in-as credentials are signed by the real KMS adapter with a
            // key made in moto's KMS at start.
            Adapters adapters = new Adapters(aws.dynamo, settings, clock, Ids::random, () -> identityProvider, () -> mailer,
                    () -> new KmsTokenSigner(aws.kms, aws.signingKeyId()), new SsmParameters(aws.ssm));
            this.stores = adapters.stores();
            this.seed = new LocalSeed(new UserAdministration(stores, identityProvider, mailer, clock, Ids::random), stores, standIn, clock);
            var demo = seed.tenant(DEMO_TENANT, DEMO_TENANT_NAME, null, Map.of("firstName", "Ada", "lastName", "Admin", "username", DEMO_ADMIN_USERNAME));
            tenants.put(DEMO_TENANT, seed.withEveryRole(demo, "demo.example"));
            tenants.put(ACME_TENANT, seed.tenant(ACME_TENANT, ACME_TENANT_NAME, null, Map.of("firstName", "Abe", "lastName", "Acme", "username", ACME_ADMIN_USERNAME)));
            this.console = new LocalConsole(options.consoleDir());

            this.tokens = new LocalTokens(baseUrl + "/", settings.claimNamespace(), clock);
            LocalApiGateway gateway = new LocalApiGateway(template, tokens, adapters);
            this.initFailures = gateway.initAll();
            LocalRoutes local = new LocalRoutes(this);

            this.executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            http.createContext("/", exchange -> {
                try {
                    String path = exchange.getRequestURI().getRawPath();
                    boolean read = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
                    Optional<Path> consoleFile = read ? console.file(path) : Optional.empty();
                    if (path.equals("/local") || path.startsWith("/local/")) local.handle(exchange, path);
                    else if (consoleFile.isPresent()) console.send(exchange, consoleFile.get());
                    else if (read && path.equals("/")) LocalHttp.send(exchange, 404, Map.of("Content-Type", "text/html; charset=utf-8"), LocalConsole.notBuilt(console.root()));
                    else gateway.handle(exchange);
                } catch (Throwable e) {
                    System.err.println("[local] " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
                    e.printStackTrace();
                    try {
                        LocalHttp.send(exchange, 500, Map.of("Content-Type", "application/json"), LocalApiGateway.INTERNAL_ERROR);
                    } catch (IOException | RuntimeException ignored) {
                        exchange.close();
                    }
                }
            });
            http.start();
        } catch (RuntimeException e) {
            http.stop(0);
            if (started != null) started.close();
            throw e;
        }
    }

    /** Builds everything, seeds the demo tenant and starts listening. */
    public static LocalServer start(LocalOptions options) throws IOException {
        return new LocalServer(options, Map.of());
    }

    /** As {@link #start(LocalOptions)}, with {@code settings} as if the environment held them (the environment still wins). */
    public static LocalServer start(LocalOptions options, Map<String, String> settings) throws IOException {
        return new LocalServer(options, settings);
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(LocalOptions.USAGE);
                return;
            }
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalServer server;
        try {
            server = start(options);
        } catch (Exception e) {
            System.err.println("The local server did not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-server-shutdown"));
        System.out.println(server.banner());
    }

    /** What {@code main} prints once the server listens. */
    public String banner() {
        StringBuilder out = new StringBuilder();
        out.append("\n================================================================================\n");
        out.append(" PeakCommerce user administration, running locally on ").append(baseUrl).append('\n');
        out.append("================================================================================\n");
        out.append(" AWS:               ").append(aws.servicesDescription()).append('\n');
        out.append(" Database:          ").append(aws.databaseDescription()).append('\n');
        out.append(" Mail:              ").append(mailerDescription).append('\n');
        out.append(" Identity provider: ").append(identityProviderDescription).append('\n');
        if (standIn != null) {
            out.append("   !! Auth0 is NOT used: LocalIdentityProviderStandIn keeps logins in memory and its password and\n");
            out.append("   !! verification links open a local page. Set AUTH0_DOMAIN and the Auth0 settings to use Auth0 (--help).\n");
        }
        out.append(" Routes from ").append("template.yaml: ").append(template.routes().size()).append(" (").append(
                template.routes().stream().filter(r -> !r.authorized()).count()).append(" public); list: GET ").append(baseUrl).append("/local\n");
        initFailures.forEach((function, why) -> out.append("   !! ").append(function).append(" cannot run here: ").append(why).append('\n'));
        out.append('\n');
        out.append(" Demo tenant \"").append(DEMO_TENANT).append("\" (").append(DEMO_TENANT_NAME).append("): Global Admin ")
                .append(admin().username()).append(", userId ").append(admin().id()).append('\n');
        out.append(" Profile \"").append(standardProfile().name()).append("\": profileId ").append(standardProfile().id()).append('\n');
        out.append(" Seeded users of every role: ").append(tenant(DEMO_TENANT).users().stream().map(u -> u.username() + " (" + u.role() + ")")
                .collect(java.util.stream.Collectors.joining(", "))).append('\n');
        out.append(" Console:           ").append(console.built() ? baseUrl + "/  (its local sign-in page signs in as any seeded user)"
                : "not built (" + console.root() + "): bin/console builds it").append('\n');
        out.append('\n');
        LocalSeed.SeededTenant acme = tenants.get(ACME_TENANT);
        out.append(" Second tenant \"").append(ACME_TENANT).append("\" (").append(ACME_TENANT_NAME).append("): Global Admin ")
                .append(acme.admin().username()).append(", userId ").append(acme.admin().id()).append(" (to try tenant isolation)\n");
        out.append('\n');
        out.append(" Bearer tokens of the two admins (valid 1 hour):\n\n");
        out.append("export TOKEN=").append(adminToken()).append("\n\n");
        out.append("export ACME_TOKEN=").append(tokens.mint(ACME_TENANT, acme.admin().id())).append("\n\n");
        out.append(" Try:\n");
        out.append("   curl -s ").append(baseUrl).append("/users -H \"Authorization: Bearer $TOKEN\"\n");
        out.append("   curl -s ").append(baseUrl).append("/users -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n");
        out.append("     -d '{\"role\":\"CUSTOMER\",\"firstName\":\"Cora\",\"lastName\":\"Customer\",\"username\":\"cora@example.com\",")
                .append("\"accountNumber\":\"A000001212\",\"amendmentDateAlignment\":\"IMMEDIATE\",\"profileId\":\"").append(standardProfile().id()).append("\"}'\n");
        if (outbox != null) out.append("   curl -s ").append(baseUrl).append("/local/mail            # the mail the service sent, newest first\n");
        out.append("   curl -s ").append(baseUrl).append("/local/tokens -d '{\"userId\":\"<id>\"}'   # a token for any user, to try each role\n");
        out.append("   curl -s ").append(baseUrl).append("/local/tenants -d '{\"tenantId\":\"globex\",\"tenantName\":\"Globex\",\"admin\":")
                .append("{\"firstName\":\"Gil\",\"lastName\":\"Globex\",\"username\":\"gil@globex.example\"}}'   # one more tenant\n");
        out.append("\n Ctrl-C stops the server.\n");
        return out.toString();
    }

    // ---- for tests and the banner ---------------------------------------------------------------------

    public String baseUrl() { return baseUrl; }

    public int port() { return http.getAddress().getPort(); }

    /** The demo tenant's Global Admin. */
    public User admin() { return tenant(DEMO_TENANT).admin(); }

    /** The demo tenant's Standard profile. */
    public Profile standardProfile() { return tenant(DEMO_TENANT).standardProfile(); }

    /** A tenant this server seeded or bootstrapped ({@link #DEMO_TENANT}, {@link #ACME_TENANT}, …). */
    public LocalSeed.SeededTenant tenant(String tenantId) { return tenants.get(tenantId); }

    public SamTemplate template() { return template; }

    /** A fresh token for the demo admin. */
    public String adminToken() { return tokens.mint(admin().tenantId(), admin().id()); }

    public LocalTokens tokens() { return tokens; }

    /** The outbox, or {@code null} when mail goes to SES. */
    public LocalMailOutbox outbox() { return outbox; }

    /** The stand-in, or {@code null} when Auth0 is used. */
    public LocalIdentityProviderStandIn identityProviderStandIn() { return standIn; }

    /** Functions whose handler could not be built, and why. */
    public Map<String, String> initFailures() { return initFailures; }

    @Override
    public void close() {
        http.stop(0);
        executor.close();
        aws.close();
    }
}
