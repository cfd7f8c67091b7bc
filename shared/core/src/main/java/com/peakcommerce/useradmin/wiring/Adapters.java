package com.peakcommerce.useradmin.wiring;

import com.peakcommerce.useradmin.dynamodb.AuditItems;
import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.dynamodb.DynamoStores;
import com.peakcommerce.useradmin.dynamodb.Table;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.TokenSigner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every service is built from: one immutable value, made once per container by a function group's
 * production composition, by the local server, or by a test; each function group builds its services from
 * it. No registry, nothing process-wide. The identity provider, the mailer and the signer are made on first
 * use (so a function that never mails never builds SES), and once.
 */
public record Adapters(DynamoDbClient dynamo, Settings settings, Clock clock, Supplier<String> ids,
                       Supplier<IdentityProvider> identityProvider, Supplier<Mailer> mailer, Supplier<TokenSigner> signer,
                       Parameters parameters) {

    /** For a function group that reads no parameters. */
    public static final Parameters NO_PARAMETERS = name -> { throw new IllegalStateException("This function group reads no parameters (" + name + ")"); };

    public Adapters {
        identityProvider = Once.of(identityProvider);
        mailer = Once.of(mailer);
        signer = Once.of(signer);
    }

    /**
     * The production adapters of a function group: DynamoDB and settings from the Lambda environment, the
     * system clock, random ids, and the group's own identity provider, mailer, signer and parameter reader
     * (each adapter module's {@code fromEnvironment}; {@link #unavailable} for what the group does not use).
     */
    public static Adapters production(Supplier<IdentityProvider> identityProvider, Supplier<Mailer> mailer, Supplier<TokenSigner> signer,
                                      Parameters parameters) {
        Settings settings = Settings.environment();
        return new Adapters(productionDynamoDb(settings), settings, Clock.systemUTC(), Ids::random, identityProvider, mailer, signer, parameters);
    }

    /** The table named by {@code TABLE_NAME}, audit entries kept {@code AUDIT_RETENTION_DAYS}. */
    public Table table() { return new Table(dynamo, settings.required("TABLE_NAME"), AuditItems.retention(settings)); }

    /** Every port of the table. */
    public Stores stores() { return DynamoStores.of(table()); }

    /** The HTTP mapper, with the table's {@code Idempotency-Key} records and the claims' namespace. */
    public Http http() { return new Http(new DynamoIdempotencyStore(dynamo, table().name(), clock), settings.claimNamespace()); }

    /** An adapter a function group does not have: asking for it is a wiring mistake. */
    public static <T> Supplier<T> unavailable(String what) {
        return () -> { throw new IllegalStateException(what + " is not part of this function group"); };
    }

    /**
     * The URL-connection HTTP client and explicit region and credentials: the SDK's defaults would load the
     * Apache client, profile files and the whole provider chain at cold start. The SDK honours
     * {@code AWS_ENDPOINT_URL_DYNAMODB}.
     */
    public static DynamoDbClient productionDynamoDb(Settings settings) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.required("AWS_REGION")))
                .credentialsProvider(awsCredentials())
                .build();
    }

    /**
     * The credentials every AWS client of the service uses: Lambda's environment variables, or, under
     * SnapStart (which provides them through the container endpoint instead), the container endpoint.
     * Not the SDK's default chain, which loads profile files and a dozen providers at cold start.
     */
    public static AwsCredentialsProvider awsCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create());
    }
}
