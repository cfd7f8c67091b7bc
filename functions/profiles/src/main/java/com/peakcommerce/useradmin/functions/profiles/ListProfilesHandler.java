package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Response;

/** {@code GET /profiles} (SPEC P3): the picklist of the create-user form, sorted by name. */
public final class ListProfilesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;
    private final Http http;

    public ListProfilesHandler() { this(ProfileFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ListProfilesHandler(ProfileFunctions functions) { this(functions.catalog(), functions.http()); }

    ListProfilesHandler(ProfileCatalog profiles, Http http) {
        this.profiles = profiles;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            request.onlyQuery(java.util.Set.of("limit", "cursor"));
            return Response.ok(Representations.page(profiles.list(request.caller(), request.limit(), request.cursor()), Representations::profile));
        });
    }
}
