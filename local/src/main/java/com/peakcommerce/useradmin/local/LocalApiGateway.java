package com.peakcommerce.useradmin.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.local.RouteMatcher.Match;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.local.SamTemplate.Route;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What API Gateway does for a request, in-process: picks the route of {@code template.yaml}, runs the JWT
 * authorizer's checks (401 {@code {"message":"Unauthorized"}}), turns the request into a payload 2.0
 * {@link APIGatewayV2HTTPEvent} and hands it to the function's real handler class, built once with its
 * public constructor taking its function group ({@link LocalFunctionGroups}, on the server's adapters) like a Lambda container's init.
 * A handler class comes from this module's classpath or, for a function module it does not depend on, from
 * the function's built {@code CodeUri} jar.
 */
public final class LocalApiGateway {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";

    private final LocalFunctionGroups groups;
    private final RouteMatcher matcher;
    private final SamTemplate.Cors cors;
    private final LocalTokens tokens;
    private final Map<String, SamTemplate.Function> functions = new LinkedHashMap<>();
    private final Map<String, LocalInvoker> invokers = new ConcurrentHashMap<>();

    public LocalApiGateway(SamTemplate template, LocalTokens tokens, Adapters adapters) {
        this.groups = new LocalFunctionGroups(adapters);
        this.matcher = new RouteMatcher(template.routes());
        this.cors = template.cors() == null ? null : template.cors().withComputedOriginsAs(tokens.issuer().replaceFirst("/+$", ""));
        this.tokens = tokens;
        template.functions().forEach(f -> functions.put(f.name(), f));
    }

    /** Builds every routed function's handler now, as Lambda's init would; returns the ones that failed and why. */
    public Map<String, String> initAll() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (SamTemplate.Function function : functions.values()) {
            if (function.routes().isEmpty()) continue;
            try {
                invoker(function);
            } catch (RuntimeException e) {
                failures.put(function.name(), describe(e));
            }
        }
        return failures;
    }

    /** Answers one request that is not for {@code /local/...}. */
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        if (cors != null && cors(exchange, method)) return;
        Optional<Match> match = matcher.match(method, rawPath);
        if (match.isEmpty()) {
            LocalHttp.send(exchange, 404, Map.of("Content-Type", "application/json"), NOT_FOUND);
            return;
        }
        Route route = match.get().route();
        Map<String, String> claims = null;
        if (route.authorized()) {
            claims = tokens.verify(exchange.getRequestHeaders().getFirst("Authorization")).orElse(null);
            if (claims == null) {
                LocalHttp.send(exchange, 401, Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer"), UNAUTHORIZED);
                return;
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        APIGatewayV2HTTPEvent event = event(exchange, route, match.get().pathParameters(), claims, body);
        APIGatewayV2HTTPResponse response;
        try {
            response = invoker(functions.get(route.functionName())).invoke(event, new LocalContext(route.functionName(), event.getRequestContext().getRequestId()));
        } catch (RuntimeException e) {
            System.err.println("[local] " + route.functionName() + " failed on " + route.routeKey() + ": " + describe(e));
            e.printStackTrace();
            LocalHttp.send(exchange, 500, Map.of("Content-Type", "application/json"), INTERNAL_ERROR);
            return;
        }
        write(exchange, response);
    }

    /**
     * CORS as the HTTP API does it when the template configures it: a preflight from an allowed origin is
     * answered at once (no route, no token needed); other answers to an allowed origin carry the
     * allow-origin and expose headers. Returns whether the request has been answered.
     */
    private boolean cors(HttpExchange exchange, String method) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (!cors.allows(origin)) return false;
        Headers out = exchange.getResponseHeaders();
        out.set("Access-Control-Allow-Origin", cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin);
        if (cors.allowCredentials()) out.set("Access-Control-Allow-Credentials", "true");
        String requestedMethod = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (method.equals("OPTIONS") && requestedMethod != null) {
            out.set("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
            if (!cors.allowHeaders().isEmpty()) out.set("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
            if (cors.maxAge() != null) out.set("Access-Control-Max-Age", String.valueOf(cors.maxAge()));
            LocalHttp.send(exchange, 204, new byte[0]);
            return true;
        }
        if (!cors.exposeHeaders().isEmpty()) out.set("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        return false;
    }

    /** The payload 2.0 event API Gateway would send for this request. */
    static APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, Map<String, String> pathParameters, Map<String, String> claims, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (var header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String line : header.getValue()) for (String cookie : line.split(";")) if (!cookie.isBlank()) cookies.add(cookie.strip());
                continue;
            }
            headers.merge(name, String.join(",", header.getValue()), (a, b) -> a + "," + b);
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = query(rawQuery);
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);

        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = claims == null ? null
                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(null).build())
                        .build();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withStage("$default")
                        .withDomainName(headers.getOrDefault("host", "localhost"))
                        .withDomainPrefix(headers.getOrDefault("host", "localhost").split("[.:]")[0])
                        .withRequestId(requestId)
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .withAuthorizer(authorizer)
                        .build())
                .build();
        event.setIsBase64Encoded(body.length > 0 && !text);
        return event;
    }

    /** Query parameters URL-decoded; a repeated name's values joined by commas, as the HTTP API does. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return query;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    /** Bodies of these types reach the function as text; any other body base64-encoded. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) response.getHeaders().forEach((name, value) -> { if (value != null) out.set(name, value); });
        if (response.getMultiValueHeaders() != null) response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        if (response.getCookies() != null) response.getCookies().forEach(cookie -> out.add("Set-Cookie", cookie));
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        if (body.length > 0 && !out.containsKey("Content-Type")) out.set("Content-Type", "application/json");
        LocalHttp.send(exchange, status, body);
    }

    private LocalInvoker invoker(SamTemplate.Function function) {
        return invokers.computeIfAbsent(function.name(), name -> LocalInvoker.of(function, groups));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }

    /** The little of Lambda's context a handler may ask for. */
    private record LocalContext(String functionName, String requestId) implements Context {
        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "local"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
