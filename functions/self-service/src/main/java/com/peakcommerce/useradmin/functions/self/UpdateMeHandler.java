package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code PATCH /me} (SPEC S1): the caller's first and last name, guarded by {@code If-Match}. */
public final class UpdateMeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SelfService self;
    private final Http http;

    public UpdateMeHandler() { this(SelfFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public UpdateMeHandler(SelfFunctions functions) { this(functions.self(), functions.http()); }

    UpdateMeHandler(SelfService self, Http http) {
        this.self = self;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var user = self.updateNames(request.caller(), request.ifMatch(), request.body());
            return Response.versioned(200, Representations.user(user), user.version());
        });
    }
}
