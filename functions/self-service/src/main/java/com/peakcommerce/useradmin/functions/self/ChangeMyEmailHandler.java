package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/**
 * {@code POST /me/email} (SPEC S2): a new username for the caller, guarded by {@code If-Match}; the
 * new address gets a verification mail and the user is unverified until they log in with it verified.
 */
public final class ChangeMyEmailHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SelfService self;
    private final Http http;

    public ChangeMyEmailHandler() { this(SelfFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ChangeMyEmailHandler(SelfFunctions functions) { this(functions.self(), functions.http()); }

    ChangeMyEmailHandler(SelfService self, Http http) {
        this.self = self;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var user = self.changeEmail(request.caller(), request.ifMatch(), request.body());
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
