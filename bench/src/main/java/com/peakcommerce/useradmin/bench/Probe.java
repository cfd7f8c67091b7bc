package com.peakcommerce.useradmin.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.http.EventJson;
import com.peakcommerce.useradmin.json.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs in a fresh JVM whose class path is one function's deployment jar plus this class: builds the
 * handler as Lambda would (no-argument constructor), sends it one event, prints the timings and a
 * marker. The driver counts the classes loaded before the marker.
 */
public final class Probe {
    private Probe() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        var event = EventJson.httpEvent((Map<String, Object>) Json.read(Files.readString(Path.of(args[1]))));
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        long built = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = System.nanoTime();
        System.out.println("PROBE-DONE status=" + response.getStatusCode()
                + " initMs=" + (built - start) / 1_000_000 + " firstInvokeMs=" + (answered - built) / 1_000_000);
        System.out.flush();
        if (response.getStatusCode() >= 300) System.out.println("PROBE-BODY " + response.getBody());
        System.exit(0);
    }
}
