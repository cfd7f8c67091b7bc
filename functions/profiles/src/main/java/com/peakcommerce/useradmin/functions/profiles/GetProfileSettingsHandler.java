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

/** {@code GET /profile-settings} (SPEC P2): the seven tabs, their settings, options, defaults and roles, for a console to draw. */
public final class GetProfileSettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;

    public GetProfileSettingsHandler() { this(new ProfileCatalog(Wiring.userRepository(), Wiring.clock(), Ids::random)); }

    GetProfileSettingsHandler(ProfileCatalog profiles) { this.profiles = profiles; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Http.respond(event, context, request -> Response.ok(Representations.profileSettings(profiles.settings(request.caller()))));
    }
}
