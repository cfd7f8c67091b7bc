package com.peakcommerce.useradmin.functions.impersonation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.Impersonation;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/**
 * {@code GET /.well-known/jwks.json}: the public key that verifies log-in-as credentials (public route).
 * Cacheable for {@value #MAX_AGE_SECONDS} seconds, so a portal need not ask per credential and a new key
 * is picked up soon after it is published.
 */
public final class JwksHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_AGE_SECONDS = 300;
    private final TokenSigner signer;
    private final Http http;

    /** Only the signer: this function reads no table and needs no other setting than the key. */
    public JwksHandler() { this(ImpersonationFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public JwksHandler(ImpersonationFunctions functions) { this(functions.signer(), functions.http()); }

    JwksHandler(TokenSigner signer, Http http) {
        this.signer = signer;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> new Response(200, Impersonation.jwks(signer),
                Map.of("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS)));
    }
}
