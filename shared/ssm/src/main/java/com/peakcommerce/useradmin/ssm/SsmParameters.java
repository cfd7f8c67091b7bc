package com.peakcommerce.useradmin.ssm;

import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.wiring.Once;
import com.peakcommerce.useradmin.wiring.Parameters;
import com.peakcommerce.useradmin.wiring.Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.function.Supplier;

/**
 * The one reader of SSM parameters ({@code GetParameter} with decryption) for the hooks' secrets and the
 * Auth0 credentials. The client is built on the first read, never at class load, so a SnapStart snapshot holds
 * neither a client's connections nor a secret.
 */
public final class SsmParameters implements Parameters {
    private final Supplier<SsmClient> client;

    public SsmParameters(SsmClient ssm) { this(() -> ssm); }

    private SsmParameters(Supplier<SsmClient> client) { this.client = Once.of(client); }

    /**
     * As Lambda needs it: the URL-connection HTTP client, the region of {@code AWS_REGION}, the service's
     * credentials. The SDK honours {@code AWS_ENDPOINT_URL_SSM}.
     */
    public static SsmParameters fromEnvironment(Settings settings) {
        return new SsmParameters(() -> SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.required("AWS_REGION")))
                .credentialsProvider(Adapters.awsCredentials())
                .build());
    }

    @Override
    public String read(String name) {
        try {
            String value = client.get().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
            if (value == null) throw new IllegalStateException("SSM parameter " + name + " has no value");
            return value;
        } catch (SdkException e) {
            // The exception's class only: an SDK message is the service's words, and names no secret, but need not be logged.
            throw new IllegalStateException("Could not read SSM parameter " + name + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
