package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code GET /profiles/{profileId}} (SPEC P3): the read-only view, every setting with its value. */
public final class GetProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;
    private final Http http;

    public GetProfileHandler() { this(ProfileFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public GetProfileHandler(ProfileFunctions functions) { this(functions.catalog(), functions.http()); }

    GetProfileHandler(ProfileCatalog profiles, Http http) {
        this.profiles = profiles;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var profile = profiles.get(request.caller(), request.pathId("profileId"));
            return Response.versioned(200, Representations.profileWithSettings(profile), profile.version());
        });
    }
}
