package com.peakcommerce.useradmin.functions.impersonation;

import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.dynamodb.DynamoImpersonationGrants;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.kms.KmsTokenSigner;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.wiring.Adapters;

/**
 * The log-in-as function group's services: DynamoDB and the KMS signer, built once per container. No key
 * material and nothing random is made here: the {@code jti} is drawn per request, the public key read on first use.
 */
public record ImpersonationFunctions(Impersonation impersonation, TokenSigner signer, Http http) {

    public static ImpersonationFunctions of(Adapters adapters) {
        TokenSigner signer = adapters.signer().get();
        var settings = adapters.settings();
        return new ImpersonationFunctions(new Impersonation(adapters.stores(), new DynamoImpersonationGrants(adapters.table()),
                signer, adapters.clock(), adapters.ids(), new Impersonation.Config(settings.required("IMPERSONATION_ISSUER"),
                settings.required("IMPERSONATION_AUDIENCE"), settings.claimNamespace())), signer, adapters.http());
    }

    /** Lambda's: the production adapters and KMS. */
    static ImpersonationFunctions production() { return Production.FUNCTIONS; }

    private static final class Production {
        static final ImpersonationFunctions FUNCTIONS = of(Adapters.production(Adapters.unavailable("an identity provider"),
                Adapters.unavailable("a mailer"), KmsTokenSigner::fromEnvironment, Adapters.NO_PARAMETERS));
    }
}
