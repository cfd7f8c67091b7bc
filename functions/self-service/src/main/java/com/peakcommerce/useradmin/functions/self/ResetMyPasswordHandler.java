package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.util.Map;

/** {@code POST /me/password-reset} (SPEC S3): mails the caller a link to choose a new password. */
public final class ResetMyPasswordHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SelfService self;
    private final Http http;

    public ResetMyPasswordHandler() { this(SelfFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ResetMyPasswordHandler(SelfFunctions functions) { this(functions.self(), functions.http()); }

    ResetMyPasswordHandler(SelfService self, Http http) {
        this.self = self;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> Response.accepted(Map.of("recipient", self.sendOwnPasswordReset(request.caller()))));
    }
}
