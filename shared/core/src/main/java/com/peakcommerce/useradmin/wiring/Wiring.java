package com.peakcommerce.useradmin.wiring;

import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.dynamodb.DynamoUserRepository;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ports.IdempotencyStore;
import com.peakcommerce.useradmin.ports.UserRepository;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds each adapter once per container, on first use, without a framework. Production handlers call
 * {@link #get}; the local server and tests {@link #install} replacements (clients of the moto emulator,
 * the local identity-provider stand-in, test doubles) before building any handler.
 */
public final class Wiring {
    private static final Map<Class<?>, Object> INSTANCES = new HashMap<>();

    private Wiring() {}

    /** The installed instance of {@code port}, or the production one built now and kept. */
    public static synchronized <T> T get(Class<T> port, Supplier<? extends T> production) {
        Object instance = INSTANCES.get(port);
        if (instance == null) {
            instance = production.get();
            INSTANCES.put(port, instance);
        }
        return port.cast(instance);
    }

    public static synchronized <T> void install(Class<T> port, T instance) {
        INSTANCES.put(port, instance);
    }

    public static DynamoDbClient dynamoDb() {
        return get(DynamoDbClient.class, Wiring::productionDynamoDb);
    }

    public static UserRepository userRepository() {
        return get(UserRepository.class, () -> new DynamoUserRepository(dynamoDb(), Settings.required("TABLE_NAME")));
    }

    /** The {@code Idempotency-Key} records, in the same table; asked for only by a keyed write request. */
    public static IdempotencyStore idempotencyStore() {
        return get(IdempotencyStore.class, () -> new DynamoIdempotencyStore(dynamoDb(), Settings.required("TABLE_NAME"), clock()));
    }

    /**
     * The user-administration service, built once; the production identity provider and mailer are
     * passed in because their adapters live in modules this one does not depend on.
     */
    public static UserAdministration userAdministration(Supplier<? extends IdentityProvider> identityProvider, Supplier<? extends Mailer> mailer) {
        return get(UserAdministration.class, () -> new UserAdministration(
                userRepository(), get(IdentityProvider.class, identityProvider), get(Mailer.class, mailer), clock(), Ids::random));
    }

    public static Clock clock() {
        return get(Clock.class, Clock::systemUTC);
    }

    /**
     * The URL-connection HTTP client and explicit region and credentials: the SDK's defaults would load
     * the Apache client, profile files and the whole provider chain at cold start. The SDK itself honours
     * {@code AWS_ENDPOINT_URL_DYNAMODB}.
     */
    public static DynamoDbClient productionDynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Settings.required("AWS_REGION")))
                .credentialsProvider(awsCredentials())
                .build();
    }

    /**
     * The credentials every AWS client of the service uses: Lambda's environment variables, or, under
     * SnapStart (which provides them through the container endpoint instead), the container endpoint.
     * Not the SDK's default chain, which loads profile files and a dozen providers at cold start.
     */
    public static AwsCredentialsProvider awsCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create());
    }
}
