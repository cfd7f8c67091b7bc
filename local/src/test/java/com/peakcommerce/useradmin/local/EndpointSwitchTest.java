package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.emulator.MotoServer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standard endpoint variables switch the local run to real services: AWS_ENDPOINT_URL_DYNAMODB to that
 * DynamoDB, AWS_ENDPOINT_URL_SESV2 (or _SES) to SES there. (Set here as system properties, which the
 * server reads like the environment.)
 */
class EndpointSwitchTest {
    @TempDir
    Path dataDir;

    @Test
    void usesTheDynamoDbAndSesEndpointsWhenGiven() throws Exception {
        // Another DynamoDB than the local run's own moto: a second moto server, standing for a real account or LocalStack.
        MotoServer elsewhere = MotoServer.start(MotoServer.launcher());
        String dynamoEndpoint = elsewhere.endpoint().toString();

        List<String> sesRequests = new CopyOnWriteArrayList<>();
        HttpServer ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/", exchange -> {
            sesRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"MessageId\":\"local-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        ses.start();
        try {
            var endpoints = java.util.Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint,
                    "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + ses.getAddress().getPort());
            Path template = LocalOptions.findTemplate(Path.of("").toAbsolutePath());
            try (LocalServer server = LocalServer.start(new LocalOptions(0, true, dataDir, template), endpoints)) {
                assertTrue(server.banner().contains("DynamoDB at " + dynamoEndpoint), server.banner());
                assertTrue(server.banner().contains("SES at http://127.0.0.1:"), server.banner());
                assertEquals(null, server.outbox());

                assertEquals(server.tenant(LocalServer.DEMO_TENANT).users().size() + 1, sesRequests.size(),
                        "the activation mails of demo's seeded users and acme's admin went to SES: " + sesRequests);
                String request = sesRequests.getFirst();
                assertTrue(request.startsWith("POST /v2/email/outbound-emails"), request);
                assertTrue(request.contains("admin@demo.example") && request.contains("noreply@localhost"), request);
                assertEquals(404, LocalServerTest.send(server, "GET", "/local/mail", null, null).statusCode());

                var users = LocalServerTest.send(server, "GET", "/users", "Bearer " + server.adminToken(), null);
                assertEquals(200, users.statusCode(), users.body());
                assertTrue(users.body().contains(server.admin().id()), "the admin lives in the endpoint's table");
                try (var client = elsewhere.client(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder())) {
                    assertTrue(client.scan(b -> b.tableName(LocalServer.DEFAULT_TABLE)).count() > 0, "written in the other DynamoDB");
                }
            }
        } finally {
            ses.stop(0);
            elsewhere.close();
        }
    }
}
