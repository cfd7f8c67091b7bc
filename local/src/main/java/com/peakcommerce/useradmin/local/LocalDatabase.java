package com.peakcommerce.useradmin.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The table's database for the local run: DynamoDB Local inside this JVM (telemetry off), kept in a
 * SQLite file under the data folder or in memory; or, when {@code AWS_ENDPOINT_URL_DYNAMODB} is set,
 * whatever listens there (DynamoDB Local in Docker, say).
 */
public final class LocalDatabase implements AutoCloseable {
    /** The file DynamoDB Local's own {@code -sharedDb} uses, so the folder can also be served by the jar. */
    static final String DB_FILE = "shared-local-instance.db";

    private final DynamoDbClient client;
    private final AmazonDynamoDBLocal embedded;
    private final String description;

    private LocalDatabase(DynamoDbClient client, AmazonDynamoDBLocal embedded, String description) {
        this.client = client;
        this.embedded = embedded;
        this.description = description;
    }

    /** DynamoDB Local in memory: empty at every start. */
    public static LocalDatabase inMemory() {
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true); // true: telemetry disabled
        return new LocalDatabase(local.dynamoDbClient(), local, "DynamoDB Local, in memory (gone when the server stops)");
    }

    /** DynamoDB Local in a file under {@code dataDir}: kept across restarts. */
    public static LocalDatabase inFolder(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dataDir, e);
        }
        File file = dataDir.resolve(DB_FILE).toAbsolutePath().toFile();
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file, true); // true: telemetry disabled
        return new LocalDatabase(local.dynamoDbClient(), local, "DynamoDB Local, kept in " + file);
    }

    /** An endpoint that speaks DynamoDB; credentials from the environment, or dummy ones DynamoDB Local accepts. */
    public static LocalDatabase atEndpoint(String endpoint, String region) {
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .build();
        return new LocalDatabase(client, null, "DynamoDB at " + endpoint + " (AWS_ENDPOINT_URL_DYNAMODB)");
    }

    public DynamoDbClient client() { return client; }

    public String description() { return description; }

    @Override
    public void close() {
        client.close();
        if (embedded != null) embedded.shutdown();
    }
}
