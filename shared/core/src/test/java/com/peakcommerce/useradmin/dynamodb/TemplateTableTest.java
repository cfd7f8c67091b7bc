package com.peakcommerce.useradmin.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.peakcommerce.useradmin.testing.Events;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table template.yaml deploys is the table the tests and the local run create: same keys, same indexes. */
class TemplateTableTest {

    @Test
    void templateDeclaresTheTableOfTableDefinition() throws Exception {
        JsonNode table = new ObjectMapper(new YAMLFactory()).readTree(Events.repositoryRoot().resolve("template.yaml").toFile())
                .path("Resources").path("UsersTable");
        JsonNode properties = table.path("Properties");
        CreateTableRequest expected = TableDefinition.createTableRequest("any");

        assertEquals("Retain", table.path("DeletionPolicy").asText());
        assertEquals("PAY_PER_REQUEST", properties.path("BillingMode").asText());
        assertEquals(true, properties.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals(TableDefinition.TTL_ATTRIBUTE, properties.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertEquals(keys(expected.keySchema().stream().map(k -> Map.entry(k.attributeName(), k.keyTypeAsString())).toList()), keys(properties.path("KeySchema")));

        Map<String, String> declared = new TreeMap<>();
        properties.path("GlobalSecondaryIndexes").forEach(index -> declared.put(index.path("IndexName").asText(),
                keys(index.path("KeySchema")) + " " + index.path("Projection").path("ProjectionType").asText()));
        Map<String, String> defined = new TreeMap<>();
        expected.globalSecondaryIndexes().forEach(index -> defined.put(index.indexName(),
                keys(index.keySchema().stream().map(k -> Map.entry(k.attributeName(), k.keyTypeAsString())).toList()) + " " + index.projection().projectionTypeAsString()));
        assertEquals(defined, declared);

        var attributes = new TreeSet<String>();
        properties.path("AttributeDefinitions").forEach(a -> attributes.add(a.path("AttributeName").asText() + ":" + a.path("AttributeType").asText()));
        assertEquals(new TreeSet<>(expected.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).toList()), attributes);
    }

    private static String keys(JsonNode schema) {
        StringBuilder out = new StringBuilder();
        schema.forEach(k -> out.append(k.path("AttributeName").asText()).append('/').append(k.path("KeyType").asText()).append(' '));
        return out.toString().trim();
    }

    private static String keys(java.util.List<Map.Entry<String, String>> schema) {
        StringBuilder out = new StringBuilder();
        schema.forEach(k -> out.append(k.getKey()).append('/').append(k.getValue()).append(' '));
        return out.toString().trim();
    }
}
