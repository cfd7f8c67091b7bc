package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.dynamodb.DynamoStores;
import com.peakcommerce.useradmin.dynamodb.Table;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.dynamodb.TableDefinition;
import com.peakcommerce.useradmin.emulator.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh table with the production definition in the test JVM's moto server ({@link MotoServer#shared()},
 * started on first use), reached through the real SDK client over HTTP. Every test gets a table of its
 * own. The client counts the requests it sends, so tests can assert round trips.
 */
public final class MotoTable {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient raw;

    public final DynamoDbClient client;
    public final String table;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private MotoTable(DynamoDbClient raw, String table) {
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
    public static synchronized MotoTable newTable() {
        String table = "users-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        TableDefinition.createIfMissing(client(), table);
        return new MotoTable(client(), table);
    }

    /** The JVM's DynamoDB client of the shared moto server. */
    public static synchronized DynamoDbClient client() {
        if (raw == null) {
            raw = MotoServer.shared().client(DynamoDbClient.builder());
        }
        return raw;
    }

    /** Every port of the table, on this table. */
    public Stores stores() {
        return DynamoStores.of(new Table(client, table));
    }

    /** The DynamoDB operations sent since the last {@link #resetCalls()}, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public void resetCalls() { calls.clear(); }
}
