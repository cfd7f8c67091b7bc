package com.peakcommerce.useradmin.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.dynamodb.DynamoStores;
import com.peakcommerce.useradmin.dynamodb.ItemMapperFixture;
import com.peakcommerce.useradmin.dynamodb.Table;
import com.peakcommerce.useradmin.functions.profiles.ProfileFunctions;
import com.peakcommerce.useradmin.functions.users.AdminFunctions;
import com.peakcommerce.useradmin.functions.users.ReadFunctions;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.dynamodb.TableDefinition;
import com.peakcommerce.useradmin.emulator.MotoServer;
import com.peakcommerce.useradmin.functions.profiles.CreateProfileHandler;
import com.peakcommerce.useradmin.functions.profiles.DeleteProfileHandler;
import com.peakcommerce.useradmin.functions.profiles.GetProfileSettingsHandler;
import com.peakcommerce.useradmin.functions.profiles.UpdateProfileHandler;
import com.peakcommerce.useradmin.functions.profiles.GetProfileHandler;
import com.peakcommerce.useradmin.functions.profiles.GetRealmHandler;
import com.peakcommerce.useradmin.functions.profiles.ListProfilesHandler;
import com.peakcommerce.useradmin.functions.profiles.ListRealmsHandler;
import com.peakcommerce.useradmin.functions.users.CreateUserHandler;
import com.peakcommerce.useradmin.functions.users.DeleteUserHandler;
import com.peakcommerce.useradmin.functions.users.EnableUserHandler;
import com.peakcommerce.useradmin.functions.users.GetUserAuditHandler;
import com.peakcommerce.useradmin.functions.users.GetUserHandler;
import com.peakcommerce.useradmin.functions.users.ListUsersHandler;
import com.peakcommerce.useradmin.functions.users.ResetPasswordHandler;
import com.peakcommerce.useradmin.functions.users.SendVerificationEmailHandler;
import com.peakcommerce.useradmin.functions.users.SuspendUserHandler;
import com.peakcommerce.useradmin.functions.users.UpdateUserHandler;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Prints the figures the issues ask for: DynamoDB requests per route, and for get-user and create-user
 * a fresh JVM's time to first response, classes loaded until then, and every deployment jar's size.
 * Run it with {@code bin/bench} after a build.
 */
public final class Bench {
    private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 5);
    private static final List<String> LAMBDA_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Path root = Events.repositoryRoot();
        System.out.println("# Benchmarks (" + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores)");
        requestsPerRoute();
        jarSizes(root);
        coldStarts(root);
        System.exit(0);
    }

    /** Every route's handler, built by its function group on a counting client of the moto launcher. */
    private static void requestsPerRoute() {
        World world = World.seeded();
        world.seedUser(World.TENANT, World.CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        Adapters adapters = world.adapters();
        ReadFunctions read = ReadFunctions.of(adapters);
        AdminFunctions admin = AdminFunctions.of(adapters);
        ProfileFunctions profiles = ProfileFunctions.of(adapters);
        world.repository.insertProfile(new Profile(World.TENANT, "vip-profile", "VIP", 1, World.NOW, World.NOW));

        Map<String, Supplier<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> routes = new LinkedHashMap<>();
        routes.put("get-user", () -> new GetUserHandler(read));
        routes.put("list-users", () -> new ListUsersHandler(read));
        routes.put("create-user", () -> new CreateUserHandler(admin));
        routes.put("update-user", () -> new UpdateUserHandler(admin));
        routes.put("suspend-user", () -> new SuspendUserHandler(admin));
        routes.put("enable-user", () -> new EnableUserHandler(admin));
        routes.put("reset-password", () -> new ResetPasswordHandler(admin));
        routes.put("send-verification-email", () -> new SendVerificationEmailHandler(admin));
        routes.put("get-user-audit", () -> new GetUserAuditHandler(read));
        routes.put("delete-user", () -> new DeleteUserHandler(admin));
        routes.put("create-profile", () -> new CreateProfileHandler(profiles));
        routes.put("list-profiles", () -> new ListProfilesHandler(profiles));
        routes.put("get-profile", () -> new GetProfileHandler(profiles));
        routes.put("update-profile", () -> new UpdateProfileHandler(profiles));
        routes.put("get-profile-settings", () -> new GetProfileSettingsHandler(profiles));
        routes.put("delete-profile", () -> new DeleteProfileHandler(profiles)); // with ?replacement=vip-profile: its one holder moves
        routes.put("list-realms", () -> new ListRealmsHandler(profiles));
        routes.put("get-realm", () -> new GetRealmHandler(profiles));

        System.out.println();
        System.out.println("## DynamoDB requests per route (one request each, against the moto launcher)");
        System.out.println("| route | status | requests | operations |");
        System.out.println("| --- | --- | --- | --- |");
        routes.forEach((name, handler) -> {
            APIGatewayV2HTTPEvent event = Events.load(name);
            if (name.equals("update-user")) event.getHeaders().put("if-match", "\"" + world.stored(World.CUSTOMER_ID).version() + "\"");
            if (name.endsWith("-profile") && event.getHeaders().containsKey("if-match")) {
                long version = world.repository.fetch(World.TENANT, Set.of(), Set.of(World.PROFILE_ID)).profiles().get(World.PROFILE_ID).version();
                event.getHeaders().put("if-match", "\"" + version + "\"");
            }
            world.dynamo.resetCalls();
            int status = handler.get().handleRequest(event, null).getStatusCode();
            List<String> calls = world.dynamo.calls();
            System.out.printf("| %s | %d | %d | %s |%n", event.getRouteKey(), status, calls.size(), String.join(", ", calls));
        });
    }

    private static void jarSizes(Path root) throws IOException {
        System.out.println();
        System.out.println("## Deployment jars");
        System.out.println("| function group | size |");
        System.out.println("| --- | --- |");
        for (String module : List.of("users-read", "profiles", "users-admin", "impersonation")) {
            Path jar = root.resolve("functions/" + module + "/target/" + module + "-lambda.jar");
            System.out.printf(Locale.ROOT, "| %s | %.2f MB |%n", module, Files.size(jar) / 1_000_000.0);
        }
    }

    /**
     * Fresh JVMs with Lambda's flags against the project's moto server (DynamoDB, SSM, KMS and SES v2, the
     * real adapters) and the local Auth0 stub.
     */
    private static void coldStarts(Path root) throws Exception {
        try (MotoServer moto = MotoServer.start(MotoServer.launcher()); LocalStubs stubs = new LocalStubs()) {
            String endpoint = moto.endpoint().toString();
            DynamoDbClient client = moto.client(DynamoDbClient.builder());
            TableDefinition.createIfMissing(client, "bench");
            seed(client);
            String keyId;
            try (var kms = moto.client(software.amazon.awssdk.services.kms.KmsClient.builder());
                 var ssm = moto.client(software.amazon.awssdk.services.ssm.SsmClient.builder());
                 var ses = moto.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder())) {
                keyId = kms.createKey(k -> k.keySpec(software.amazon.awssdk.services.kms.model.KeySpec.ECC_NIST_P256)
                        .keyUsage(software.amazon.awssdk.services.kms.model.KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
                ssm.putParameter(p -> p.name("/bench/auth0").type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING)
                        .value("{\"clientId\":\"bench-client\",\"clientSecret\":\"bench-secret\"}"));
                ses.createEmailIdentity(i -> i.emailIdentity("noreply@bench.test"));
            }

            Map<String, String> env = new LinkedHashMap<>();
            env.put("TABLE_NAME", "bench");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
            env.put("AWS_ENDPOINT_URL_SSM", endpoint);
            env.put("AWS_ENDPOINT_URL_SESV2", endpoint);
            env.put("AUTH0_MANAGEMENT_URL", stubs.url() + "/api/v2");
            env.put("AUTH0_DOMAIN", "bench.auth0.test");
            env.put("AUTH0_CREDENTIALS_PARAMETER", "/bench/auth0");
            env.put("MAIL_SENDER", "noreply@bench.test");
            env.put("CLAIM_NAMESPACE", "peakcommerce.example");
            env.put("AWS_ENDPOINT_URL_KMS", endpoint);
            env.put("IMPERSONATION_KEY_ID", keyId);
            env.put("IMPERSONATION_ISSUER", "urn:bench");
            env.put("IMPERSONATION_AUDIENCE", "bench-portal");

            System.out.println();
            System.out.println("## Cold start: fresh JVM (" + String.join(" ", LAMBDA_JVM) + "), handler built, one request; median of " + COLD_RUNS);
            System.out.println("| function | status | process start to first response | handler init | first invocation | classes loaded |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            coldStart(root, "users-read", "com.peakcommerce.useradmin.functions.users.GetUserHandler", env, run -> Events.loadRaw("get-user"));
            coldStart(root, "users-admin", "com.peakcommerce.useradmin.functions.users.CreateUserHandler", env, run -> {
                Map<String, Object> event = new LinkedHashMap<>(Events.loadRaw("create-user"));
                event.put("body", ((String) event.get("body")).replace("carla.customer@example.com", "bench-" + run + "-" + System.nanoTime() + "@example.com"));
                return event;
            });
            coldStart(root, "impersonation", "com.peakcommerce.useradmin.functions.impersonation.StartImpersonationHandler", env,
                    run -> Events.loadRaw("start-impersonation"));
        }
    }

    private interface EventForRun {
        Map<String, Object> event(int run) throws Exception;
    }

    private static void coldStart(Path root, String module, String handler, Map<String, String> env, EventForRun events) throws Exception {
        Path jar = root.resolve("functions/" + module + "/target/" + module + "-lambda.jar");
        Path probeClasses = Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Long> totals = new ArrayList<>();
        List<Integer> inits = new ArrayList<>();
        List<Integer> invokes = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int status = 0;
        for (int run = 0; run < COLD_RUNS; run++) {
            Path eventFile = Files.createTempFile("event", ".json");
            Files.writeString(eventFile, com.peakcommerce.useradmin.json.Json.write(events.event(run)));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAMBDA_JVM);
            command.add("-Xlog:class+load=info:stdout");
            command.add("-cp");
            command.add(jar + java.io.File.pathSeparator + probeClasses);
            command.add(Probe.class.getName());
            command.add(handler);
            command.add(eventFile.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            int loaded = 0;
            String done = null;
            long answeredAt = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (done == null && line.contains("[class,load]")) loaded++;
                    else if (line.startsWith("PROBE-DONE")) {
                        answeredAt = System.nanoTime();
                        done = line;
                    } else if (line.startsWith("PROBE-BODY") || (done == null && !line.contains("[class,load]") && !line.startsWith("{"))) {
                        System.out.println("    " + line);
                    }
                }
            }
            process.waitFor();
            Files.delete(eventFile);
            if (done == null) throw new IllegalStateException(handler + " printed no answer");
            status = Integer.parseInt(field(done, "status"));
            totals.add((answeredAt - started) / 1_000_000);
            inits.add(Integer.parseInt(field(done, "initMs")));
            invokes.add(Integer.parseInt(field(done, "firstInvokeMs")));
            classes.add(loaded);
        }
        System.out.printf("| %s | %d | %d ms | %d ms | %d ms | %d |%n", handler.substring(handler.lastIndexOf('.') + 1), status,
                median(totals), median(inits), median(invokes), median(classes));
    }

    private static String field(String line, String name) {
        return line.replaceAll(".*\\b" + name + "=(\\S+).*", "$1");
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void seed(DynamoDbClient client) {
        var repository = new com.peakcommerce.useradmin.testing.Records(DynamoStores.of(new Table(client, "bench")), null);
        Instant now = Instant.now();
        repository.insertTenant(new Tenant(World.TENANT, "Demo Portal", Tenant.defaultConnection(World.TENANT), now));
        ItemMapperFixture.putProfile(client, "bench", new Profile(World.TENANT, World.PROFILE_ID, "Standard", 1, now, now));
        for (var seed : List.of(List.of(World.ADMIN_ID, "GLOBAL_ADMIN", "ada.admin@example.com"), List.of(World.CUSTOMER_ID, "CUSTOMER", "carla@example.com"))) {
            User user = User.created(World.TENANT, seed.get(0), World.fieldsFor(Role.valueOf(seed.get(1)), "Bench", "User", seed.get(2)), false, "seed", now);
            repository.insert(user, World.seedEntry(user));
            repository.replaceBookkeeping(user, user.provisioned().nextVersion(now));
        }
    }
}
