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

/** {@code POST /profiles} (SPEC P1): a name is all a new profile needs. */
public final class CreateProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;

    public CreateProfileHandler() { this(new ProfileCatalog(Wiring.userRepository(), Wiring.clock(), Ids::random)); }

    CreateProfileHandler(ProfileCatalog profiles) { this.profiles = profiles; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> {
            var profile = profiles.create(request.caller(), request.body());
            return Response.created(Representations.profileWithSettings(profile), "/profiles/" + profile.id());
        });
    }
}
