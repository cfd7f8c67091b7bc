package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local run's table in a file of the data folder ({@code <table>.jsonl}: one item per line, in
 * DynamoDB's JSON form), because moto keeps nothing once it stops: saved when the server stops (written
 * beside and then moved, so a crash mid-save leaves the previous file), loaded into the new table at start.
 */
final class LocalTableFile {
    private final Path file;
    private final String table;

    LocalTableFile(Path dataDir, String table) {
        this.file = dataDir.resolve(table + ".jsonl").toAbsolutePath();
        this.table = table;
    }

    Path file() { return file; }

    /** Puts every item of the file into the table (empty at start); says how many. */
    void load(DynamoDbClient dynamo) {
        if (!Files.isRegularFile(file)) {
            System.out.println("[local] no saved table in " + file + ": starting empty");
            return;
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) items.add(item(Json.read(line)));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The saved table " + file + " cannot be read (" + e.getMessage()
                    + "); move it away, or start with --in-memory", e);
        }
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> batch = items.subList(i, Math.min(i + 25, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
        System.out.println("[local] loaded " + items.size() + " items of the saved table " + file);
    }

    /** Writes every item of the table to the file; says how many. */
    void save(DynamoDbClient dynamo) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            int count = 0;
            try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (var page : dynamo.scanPaginator(s -> s.tableName(table).consistentRead(true))) {
                    for (Map<String, AttributeValue> item : page.items()) {
                        out.write(Json.write(json(item)));
                        out.write('\n');
                        count++;
                    }
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("[local] saved " + count + " items of the table to " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // DynamoDB's JSON form: {"S": "..."}, {"N": "1"}, {"BOOL": true}, {"NULL": true}, {"M": {...}}, {"L": [...]},
    // {"SS": [...]}, {"NS": [...]}, {"B": "<base64>"}, {"BS": [...]}.

    static Map<String, Object> json(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, json(value)));
        return out;
    }

    private static Map<String, Object> json(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case M -> Map.of("M", json(value.m()));
            case L -> Map.of("L", value.l().stream().map(LocalTableFile::json).toList());
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case B -> Map.of("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BS -> Map.of("BS", value.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of a type this SDK does not know");
        };
    }

    static Map<String, AttributeValue> item(Object json) {
        if (!(json instanceof Map<?, ?> map)) throw new IllegalArgumentException("a line that is not an item");
        Map<String, AttributeValue> item = new HashMap<>();
        map.forEach((name, value) -> item.put((String) name, value(value)));
        return item;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue value(Object json) {
        if (!(json instanceof Map<?, ?> typed) || typed.size() != 1) throw new IllegalArgumentException("an attribute that is not {type: value}");
        var entry = typed.entrySet().iterator().next();
        Object v = entry.getValue();
        return switch ((String) entry.getKey()) {
            case "S" -> AttributeValue.fromS((String) v);
            case "N" -> AttributeValue.fromN(String.valueOf(v));
            case "BOOL" -> AttributeValue.fromBool((Boolean) v);
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(item(v));
            case "L" -> AttributeValue.fromL(((List<Object>) v).stream().map(LocalTableFile::value).toList());
            case "SS" -> AttributeValue.fromSs((List<String>) v);
            case "NS" -> AttributeValue.fromNs(((List<Object>) v).stream().map(String::valueOf).toList());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode((String) v)));
            case "BS" -> AttributeValue.fromBs(((List<String>) v).stream().map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            default -> throw new IllegalArgumentException("an attribute of type " + entry.getKey());
        };
    }
}
