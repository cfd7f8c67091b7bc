package com.peakcommerce.useradmin.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A function whose module local/pom.xml does not name runs from its built CodeUri jar, and its handler is built
 * by its function group on the local server's adapters.
 */
class CodeUriJarTest {
    @TempDir
    Path dir;

    @Test
    void aHandlerOnlyInItsDeploymentJarRunsWithTheLocalAdapters() throws Exception {
        Path source = dir.resolve("src/com/example/jarred/JarHandler.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package com.example.jarred;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
                import com.peakcommerce.useradmin.ports.Mailer;
                import com.peakcommerce.useradmin.wiring.Adapters;

                public class JarHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
                    public record Group(Mailer mailer) {
                        public static Group of(Adapters adapters) { return new Group(adapters.mailer().get()); }
                    }

                    private final Mailer mailer;

                    public JarHandler(Group group) { this.mailer = group.mailer(); }

                    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
                        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                                .withBody("jar handler with " + mailer.getClass().getSimpleName()).build();
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertEquals(0, status, "the test handler compiles");

        Path jar = dir.resolve("functions/jarred/target/jarred-lambda.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/jarred/JarHandler.class"));
            Files.copy(classes.resolve("com/example/jarred/JarHandler.class"), out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("com/example/jarred/JarHandler$Group.class"));
            Files.copy(classes.resolve("com/example/jarred/JarHandler$Group.class"), out);
            out.closeEntry();
        }
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  JarFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: com.example.jarred.JarHandler::handleRequest
                      CodeUri: functions/jarred/target/jarred-lambda.jar
                      Events:
                        Api:
                          Type: HttpApi
                          Properties:
                            Method: GET
                            Path: /jarred
                """);

        try (LocalServer server = LocalServer.start(new LocalOptions(0, true, dir.resolve("data"), template))) {
            assertEquals(java.util.Map.of(), server.initFailures());
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/jarred")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "no authorizer in this template: a public route");
            assertEquals("jar handler with SesMailer", response.body(), "the server's SES adapter (to moto), not a production one the handler would build");
        }
    }
}
