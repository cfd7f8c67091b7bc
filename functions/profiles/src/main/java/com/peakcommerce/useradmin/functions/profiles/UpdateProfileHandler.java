package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code PATCH /profiles/{profileId}} (SPEC P2): name and/or settings as a merge patch, with {@code If-Match}. */
public final class UpdateProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;
    private final Http http;

    public UpdateProfileHandler() { this(ProfileFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public UpdateProfileHandler(ProfileFunctions functions) { this(functions.catalog(), functions.http()); }

    UpdateProfileHandler(ProfileCatalog profiles, Http http) {
        this.profiles = profiles;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            var profile = profiles.update(request.caller(), request.pathId("profileId"), request.ifMatch(), request.body());
            return Response.versioned(200, Representations.profileWithSettings(profile), profile.version());
        });
    }
}
