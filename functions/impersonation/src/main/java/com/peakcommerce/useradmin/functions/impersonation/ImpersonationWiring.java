package com.peakcommerce.useradmin.functions.impersonation;

import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.dynamodb.DynamoImpersonationGrants;
import com.peakcommerce.useradmin.kms.KmsTokenSigner;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.wiring.Ids;
import com.peakcommerce.useradmin.wiring.Settings;
import com.peakcommerce.useradmin.wiring.Wiring;

/**
 * The log-in-as service with its production adapters: DynamoDB and the KMS signer, built once per
 * container (the local server installs its own {@link TokenSigner} stand-in first). No key material
 * and nothing random is made here: the {@code jti} is drawn per request, the public key read on first use.
 */
final class ImpersonationWiring {
    private ImpersonationWiring() {}

    /**
     * Built per handler (once per container: Lambda builds the handler once) on the installed adapters, so
     * that the local server, which installs new ones each time it starts, is followed.
     */
    static Impersonation impersonation() {
        return new Impersonation(
                Wiring.userRepository(),
                new DynamoImpersonationGrants(Wiring.dynamoDb(), Settings.required("TABLE_NAME")),
                signer(),
                Wiring.clock(),
                Ids::random,
                new Impersonation.Config(Settings.required("IMPERSONATION_ISSUER"), Settings.required("IMPERSONATION_AUDIENCE"),
                        Settings.claimNamespace()));
    }

    static TokenSigner signer() {
        return Wiring.get(TokenSigner.class, KmsTokenSigner::fromEnvironment);
    }
}
