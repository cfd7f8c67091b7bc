package com.peakcommerce.useradmin.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/** The table as {@code template.yaml} declares it, for the emulator (tests, the local run, benchmarks). */
public final class TableDefinition {
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private TableDefinition() {}

    public static CreateTableRequest createTableRequest(String tableName) {
        Set<String> attributes = new LinkedHashSet<>(Set.of(Keys.PK, Keys.SK));
        for (Index index : Index.values()) {
            attributes.add(index.partitionKey());
            attributes.add(index.sortKey());
        }
        attributes.add(UserIdIndex.PARTITION_KEY);
        attributes.add(UserIdIndex.SORT_KEY);
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .attributeDefinitions(attributes.stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .globalSecondaryIndexes(Stream.concat(Arrays.stream(Index.values())
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName(index.indexName())
                                .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build()), Stream.of(GlobalSecondaryIndex.builder()
                                .indexName(UserIdIndex.NAME)
                                .keySchema(key(UserIdIndex.PARTITION_KEY, KeyType.HASH), key(UserIdIndex.SORT_KEY, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build()))
                        .toList())
                .build();
    }

    /** Creates the table unless it exists. */
    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(createTableRequest(tableName));
            dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(tableName)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(TTL_ATTRIBUTE).enabled(true).build())
                    .build());
        } catch (ResourceInUseException exists) {
            // created by an earlier run
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
