package com.peakcommerce.useradmin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions and HTTP API routes of {@code template.yaml}, so that the local run serves exactly what
 * {@code sam deploy} deploys. Jackson's YAML parser drops CloudFormation's short-form tags ({@code !Ref X}
 * reads as {@code "X"}, {@code !Sub [...]} as the list), which is all this reader needs.
 *
 * <p>A route is protected by the JWT authorizer unless its event says {@code Auth: {Authorizer: NONE}}, or
 * neither the event nor its API (nor {@code Globals.HttpApi}) names an authorizer — as API Gateway decides.
 */
public final class SamTemplate {
    /**
     * One Lambda function: its logical id, the handler class of {@code Handler: pkg.Class::method}, and its
     * {@code CodeUri} resolved against the template's folder ({@code null} when it has none).
     */
    public record Function(String name, String handlerClass, String handlerMethod, Path codeUri, List<Route> routes) {}

    /** One HTTP API event of a function. {@code method} is upper case, or {@code ANY}. */
    public record Route(String method, String path, String functionName, String handlerClass, boolean authorized) {
        /** The route key as API Gateway writes it: {@code GET /users/{userId}}. */
        public String routeKey() { return method + " " + path; }
    }

    /** The HTTP API's {@code CorsConfiguration}: what API Gateway answers preflights with and adds to answers. */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
        public boolean allows(String origin) {
            return origin != null && allowOrigins.stream().anyMatch(o -> o.equals("*") || o.equalsIgnoreCase(origin));
        }

        /**
         * These settings with every origin the template computes at deploy time ({@code !Sub "https://${…}"}: the
         * console's CloudFront domain) replaced by {@code origin}, the local run's own (where its console is served).
         */
        public Cors withComputedOriginsAs(String origin) {
            return new Cors(allowOrigins.stream().map(o -> o.contains("${") ? origin : o).distinct().toList(),
                    allowMethods, allowHeaders, exposeHeaders, maxAge, allowCredentials);
        }
    }

    private final List<Function> functions;
    private final Cors cors;

    private SamTemplate(List<Function> functions, Cors cors) {
        this.functions = List.copyOf(functions);
        this.cors = cors;
    }

    public static SamTemplate read(Path file) {
        try {
            return parse(Files.readString(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Parses a template; a relative {@code CodeUri} is resolved against {@code baseDir} (when not null). */
    public static SamTemplate parse(String yaml, Path baseDir) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("template.yaml is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("Resources").isObject()) throw new IllegalArgumentException("template.yaml has no Resources");
        JsonNode resources = root.path("Resources");
        String globalHandler = text(root.path("Globals").path("Function").path("Handler"));
        String globalCodeUri = text(root.path("Globals").path("Function").path("CodeUri"));
        boolean globalDefaultAuthorizer = hasDefaultAuthorizer(root.path("Globals").path("HttpApi"));

        List<Function> functions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (!"AWS::Serverless::Function".equals(text(resource.getValue().path("Type")))) continue;
            JsonNode properties = resource.getValue().path("Properties");
            String handler = text(properties.path("Handler"));
            if (handler == null) handler = globalHandler;
            if (handler == null) continue; // an image function, say: nothing to run in-process
            String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            String handlerMethod = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
            String codeUri = text(properties.path("CodeUri"));
            if (codeUri == null) codeUri = globalCodeUri;
            Path code = codeUri == null || baseDir == null || codeUri.contains("://") ? null : baseDir.resolve(codeUri).normalize();

            List<Route> routes = new ArrayList<>();
            for (Iterator<JsonNode> events = properties.path("Events").elements(); events.hasNext(); ) {
                JsonNode event = events.next();
                if (!"HttpApi".equals(text(event.path("Type")))) continue;
                JsonNode props = event.path("Properties");
                String path = text(props.path("Path"));
                String method = text(props.path("Method"));
                if (path == null) continue; // the catch-all $default route is not used here
                method = method == null || method.equals("*") ? "ANY" : method.toUpperCase(Locale.ROOT);
                routes.add(new Route(method, path, resource.getKey(), handlerClass, authorized(props, resources, globalDefaultAuthorizer)));
            }
            functions.add(new Function(resource.getKey(), handlerClass, handlerMethod, code, List.copyOf(routes)));
        }
        functions.sort(Comparator.comparing(Function::name));
        return new SamTemplate(functions, cors(root, resources));
    }

    /** The first HTTP API's CORS configuration (or the Globals' one); {@code true} means "allow any origin". */
    private static Cors cors(JsonNode root, JsonNode resources) {
        JsonNode config = root.path("Globals").path("HttpApi").path("CorsConfiguration");
        for (Iterator<JsonNode> it = resources.elements(); it.hasNext(); ) {
            JsonNode resource = it.next();
            if ("AWS::Serverless::HttpApi".equals(text(resource.path("Type"))) && !resource.path("Properties").path("CorsConfiguration").isMissingNode()) {
                config = resource.path("Properties").path("CorsConfiguration");
                break;
            }
        }
        if (config.isMissingNode() || config.isNull() || (config.isBoolean() && !config.asBoolean())) return null;
        if (config.isBoolean() || config.isTextual()) return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        JsonNode maxAge = config.path("MaxAge");
        return new Cors(list(config.path("AllowOrigins")), list(config.path("AllowMethods")), list(config.path("AllowHeaders")),
                list(config.path("ExposeHeaders")), maxAge.canConvertToInt() ? maxAge.asInt() : null, config.path("AllowCredentials").asBoolean(false));
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(item -> { if (text(item) != null) out.add(text(item)); });
        else if (text(node) != null) out.add(text(node));
        return List.copyOf(out);
    }

    private static boolean authorized(JsonNode props, JsonNode resources, boolean globalDefaultAuthorizer) {
        String authorizer = text(props.path("Auth").path("Authorizer"));
        if (authorizer != null) return !authorizer.equalsIgnoreCase("NONE");
        String apiId = text(props.path("ApiId")); // !Ref MyApi reads as "MyApi"
        if (apiId != null && resources.path(apiId).isObject()) {
            return hasDefaultAuthorizer(resources.path(apiId).path("Properties")) || globalDefaultAuthorizer;
        }
        return globalDefaultAuthorizer;
    }

    private static boolean hasDefaultAuthorizer(JsonNode apiProperties) {
        return text(apiProperties.path("Auth").path("DefaultAuthorizer")) != null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.asText().isBlank() ? node.asText().strip() : null;
    }

    public List<Function> functions() { return functions; }

    /** The API's CORS configuration, or {@code null} when it has none. */
    public Cors cors() { return cors; }

    /** Every route of every function, by path and method. */
    public List<Route> routes() {
        return functions.stream().flatMap(f -> f.routes().stream())
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }
}
