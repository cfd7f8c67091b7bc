package com.peakcommerce.useradmin.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.peakcommerce.useradmin.dynamodb.DynamoUserRepository;
import com.peakcommerce.useradmin.dynamodb.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local in the test JVM (telemetry off), started once and shared; every test gets a fresh
 * table of its own. The client counts the requests it sends, so tests can assert round trips.
 */
public final class LocalDynamo {
    private static AmazonDynamoDBLocal database;
    private static final AtomicInteger TABLES = new AtomicInteger();

    public final DynamoDbClient client;
    public final String table;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private LocalDynamo(DynamoDbClient raw, String table) {
        this.table = table;
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class && !method.getName().equals("serviceName") && !method.getName().equals("serviceClientConfiguration")) {
                        calls.add(method.getName());
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A new, empty table with the production definition. */
    public static synchronized LocalDynamo newTable() {
        if (database == null) {
            database = DynamoDBEmbedded.create(true);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> database.shutdown()));
        }
        String table = "users-" + TABLES.incrementAndGet();
        DynamoDbClient raw = database.dynamoDbClient();
        TableDefinition.createIfMissing(raw, table);
        return new LocalDynamo(raw, table);
    }

    public DynamoUserRepository repository() {
        return new DynamoUserRepository(client, table);
    }

    /** The DynamoDB operations sent since the last {@link #resetCalls()}, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public void resetCalls() { calls.clear(); }
}
