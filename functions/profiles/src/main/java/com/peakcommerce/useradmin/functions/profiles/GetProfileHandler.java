package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.wiring.Ids;
import com.peakcommerce.useradmin.wiring.Wiring;

/** {@code GET /profiles/{profileId}} (SPEC P3): the read-only view, every setting with its value. */
public final class GetProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;

    public GetProfileHandler() { this(new ProfileCatalog(Wiring.userRepository(), Wiring.clock(), Ids::random)); }

    GetProfileHandler(ProfileCatalog profiles) { this.profiles = profiles; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> {
            var profile = profiles.get(request.caller(), request.pathId("profileId"));
            return Response.versioned(200, Representations.profileWithSettings(profile), profile.version());
        });
    }
}
