package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.dynamodb.TableDefinition;
import com.peakcommerce.useradmin.emulator.MotoServer;
import com.peakcommerce.useradmin.wiring.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The AWS services of the local run: by default all of them in the project's moto server ({@code bin/moto},
 * a child process of this one), reached through the same SDK clients and adapters as in Lambda. The
 * standard endpoint variables switch any service elsewhere (a real account, LocalStack):
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code _SSM}, {@code _KMS}, {@code _SESV2} (or {@code _SES}), or
 * {@code AWS_ENDPOINT_URL} for all; moto is started only if some service is left to it.
 *
 * <p>In moto, at every start: the hooks' SSM parameters, the log-in-as signing key (KMS,
 * {@code ECC_NIST_P256}, {@code SIGN_VERIFY}) and the mail sender's SES identity are created. The table
 * is kept across restarts in the data folder ({@link LocalTableFile}) unless {@code --in-memory}.
 */
final class LocalAws implements AutoCloseable {
    /** The parameter names of template.yaml's defaults. */
    static final String POST_LOGIN_SECRET_PARAMETER = "/peakcommerce/user-admin/post-login-secret";
    static final String LOG_STREAM_TOKEN_PARAMETER = "/peakcommerce/user-admin/log-stream-token";

    private final MotoServer moto;
    private final URI dynamoEndpoint;
    private final URI sesEndpoint;
    final DynamoDbClient dynamo;
    final SsmClient ssm;
    final KmsClient kms;
    final SesV2Client ses;
    private final String signingKeyId;
    private final LocalTableFile tableFile;

    private LocalAws(MotoServer moto, URI dynamoEndpoint, URI ssmEndpoint, URI kmsEndpoint, URI sesEndpoint, Region region,
                     boolean inMemory, Path dataDir, String table, String sender, String keyId) {
        this.moto = moto;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sesEndpoint = sesEndpoint;
        this.dynamo = build(DynamoDbClient.builder(), dynamoEndpoint, region);
        this.ssm = build(SsmClient.builder(), ssmEndpoint, region);
        this.kms = build(KmsClient.builder(), kmsEndpoint, region);
        this.ses = build(SesV2Client.builder(), sesEndpoint, region);

        TableDefinition.createIfMissing(dynamo, table);
        // Kept in the data folder only when the table is moto's (which keeps nothing by itself).
        this.tableFile = inMemory || !inMoto(dynamoEndpoint) ? null : new LocalTableFile(dataDir, table);
        if (tableFile != null) tableFile.load(dynamo);
        if (inMoto(ssmEndpoint)) {
            putParameter(POST_LOGIN_SECRET_PARAMETER, LocalServer.LOCAL_POST_LOGIN_SECRET);
            putParameter(LOG_STREAM_TOKEN_PARAMETER, LocalServer.LOCAL_LOG_STREAM_TOKEN);
        }
        this.signingKeyId = inMoto(kmsEndpoint)
                ? kms.createKey(k -> k.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)
                        .description("the local run's log-in-as signing key")).keyMetadata().keyId()
                : keyId;
        if (inMoto(sesEndpoint)) ses.createEmailIdentity(i -> i.emailIdentity(sender));
    }

    /** Starts moto if a service is left to it, and every client. */
    static LocalAws start(Settings settings, boolean inMemory, Path dataDir) {
        Region region = Region.of(settings.required("AWS_REGION"));
        Optional<URI> dynamo = endpoint(settings, "DYNAMODB");
        Optional<URI> ssm = endpoint(settings, "SSM");
        Optional<URI> kms = endpoint(settings, "KMS");
        Optional<URI> ses = endpoint(settings, "SESV2").or(() -> endpoint(settings, "SES"));
        boolean needsMoto = dynamo.isEmpty() || ssm.isEmpty() || kms.isEmpty() || ses.isEmpty();
        // Ctrl-C reaches moto too (one process group): it leaves stopping to us, so that the table is saved first.
        MotoServer moto = needsMoto ? MotoServer.start(MotoServer.launcher(), true) : null;
        try {
            URI local = moto == null ? null : moto.endpoint();
            return new LocalAws(moto, dynamo.orElse(local), ssm.orElse(local), kms.orElse(local), ses.orElse(local), region,
                    inMemory, dataDir, settings.required("TABLE_NAME"), settings.required("MAIL_SENDER"), settings.optional("IMPERSONATION_KEY_ID").orElse(null));
        } catch (RuntimeException e) {
            if (moto != null) moto.close();
            throw e;
        }
    }

    /** {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}: the SDK's own variables (or system properties of those names). */
    static Optional<URI> endpoint(Settings settings, String service) {
        return settings.optional("AWS_ENDPOINT_URL_" + service).or(() -> settings.optional("AWS_ENDPOINT_URL"))
                .map(String::strip).filter(s -> !s.isEmpty()).map(URI::create);
    }

    private boolean inMoto(URI endpoint) {
        return moto != null && endpoint.equals(moto.endpoint());
    }

    /** {@code builder} for moto, or for the endpoint given, with the environment's credentials (dummy ones without). */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint, Region region) {
        if (inMoto(endpoint)) return moto.client(builder);
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null ? EnvironmentVariableCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        return builder.httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
    }

    private void putParameter(String name, String value) {
        ssm.putParameter(p -> p.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    /** The KMS key the log-in-as credentials are signed with. */
    String signingKeyId() { return signingKeyId; }

    /** moto's endpoint, when it runs. */
    Optional<URI> motoEndpoint() { return Optional.ofNullable(moto).map(MotoServer::endpoint); }

    /** Whether mail goes to moto's SES (whose outbox {@code GET /local/mail} shows). */
    boolean sesInMoto() { return inMoto(sesEndpoint); }

    URI sesEndpoint() { return sesEndpoint; }

    String databaseDescription() {
        if (!inMoto(dynamoEndpoint)) return "DynamoDB at " + dynamoEndpoint + " (AWS_ENDPOINT_URL_DYNAMODB)";
        return "DynamoDB in moto at " + dynamoEndpoint + (tableFile == null ? ", in memory (gone when the server stops)"
                : ", table kept in " + tableFile.file() + " (saved when the server stops, loaded when it starts)");
    }

    String servicesDescription() {
        return moto == null ? "none in moto (every endpoint given)" : "moto (bin/moto, open source) at " + moto.endpoint()
                + ": SSM parameters, the KMS signing key and the SES sender are made at start";
    }

    /** Saves the table (when kept), closes the clients, stops moto. */
    @Override
    public void close() {
        try {
            if (tableFile != null) tableFile.save(dynamo);
        } catch (RuntimeException e) {
            System.err.println("[local] the table could not be saved to " + tableFile.file() + ": " + e);
        } finally {
            dynamo.close();
            ssm.close();
            kms.close();
            ses.close();
            if (moto != null) moto.close();
        }
    }
}
