package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.auth0.Auth0IdentityProvider;
import com.peakcommerce.useradmin.auth0.Auth0Settings;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ssm.SsmParameters;
import com.peakcommerce.useradmin.wiring.Settings;

import java.net.URI;
import java.util.Optional;

/** Auth0 instead of the local stand-in, when the environment names a tenant ({@code AUTH0_DOMAIN}). */
final class LocalAuth0 {
    private LocalAuth0() {}

    static boolean configured(Settings settings) {
        return settings.optional("AUTH0_DOMAIN").isPresent() || settings.optional("AUTH0_MANAGEMENT_URL").isPresent();
    }

    /**
     * The real Auth0 adapter (module shared-auth0). With {@code AUTH0_CLIENT_ID} and {@code AUTH0_CLIENT_SECRET}
     * (local only) it takes the Management API client from them; otherwise exactly as deployed,
     * {@link Auth0IdentityProvider#fromEnvironment()}, which reads them from the SSM parameter.
     */
    static IdentityProvider identityProvider(Settings settings, SsmParameters parameters) {
        Optional<String> clientId = settings.optional("AUTH0_CLIENT_ID");
        Optional<String> clientSecret = settings.optional("AUTH0_CLIENT_SECRET");
        if (clientId.isEmpty() || clientSecret.isEmpty()) return new Auth0IdentityProvider(Auth0Settings.fromEnvironment(parameters));
        URI managementApi = settings.optional("AUTH0_MANAGEMENT_URL").map(URI::create).orElseGet(() -> URI.create(
                "https://" + settings.required("AUTH0_DOMAIN").replaceFirst("^https://", "").replaceFirst("/+$", "") + "/api/v2"));
        return new Auth0IdentityProvider(new Auth0Settings(managementApi, clientId.get(), clientSecret.get(),
                settings.optional("AUTH0_PORTAL_CLIENT_ID").orElse(null),
                settings.optional("AUTH0_TICKET_RESULT_URL").map(URI::create).orElse(null), null, null));
    }
}
