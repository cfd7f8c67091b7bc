package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code GET /profile-settings} (SPEC P2): the seven tabs, their settings, options, defaults and roles, for a console to draw. */
public final class GetProfileSettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;
    private final Http http;

    public GetProfileSettingsHandler() { this(ProfileFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public GetProfileSettingsHandler(ProfileFunctions functions) { this(functions.catalog(), functions.http()); }

    GetProfileSettingsHandler(ProfileCatalog profiles, Http http) {
        this.profiles = profiles;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> Response.ok(Representations.profileSettings(profiles.settings(request.caller()))));
    }
}
