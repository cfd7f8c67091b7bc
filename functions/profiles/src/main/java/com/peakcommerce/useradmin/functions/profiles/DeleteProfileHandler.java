package com.peakcommerce.useradmin.functions.profiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.domain.ProfileCatalog.Deletion;
import com.peakcommerce.useradmin.http.Problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code DELETE /profiles/{profileId}} (SPEC P4): refused with 409 and the number of users holding the profile,
 * unless {@code ?replacement=<profileId>} names the profile to give them. {@code If-Match} is optional, as for
 * users' DELETE (which takes none): when sent, a stale version is 412. Sent again after a failure, it finishes.
 */
public final class DeleteProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProfileCatalog profiles;
    private final Http http;

    public DeleteProfileHandler() { this(ProfileFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public DeleteProfileHandler(ProfileFunctions functions) { this(functions.catalog(), functions.http()); }

    DeleteProfileHandler(ProfileCatalog profiles, Http http) {
        this.profiles = profiles;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            request.onlyQuery(Set.of("replacement"));
            return switch (profiles.delete(request.caller(), request.pathId("profileId"), request.ifMatch(), request.query("replacement"))) {
                case Deletion.Deleted deleted -> Response.noContent();
                case Deletion.InUse inUse -> {
                    String detail = inUse.holders() + (inUse.holders() == 1 ? " user holds" : " users hold")
                            + " this profile; name a replacement profile (?replacement=<profileId>) to give them.";
                    Response problem = Problems.problem(409, "profile-in-use", "The profile is in use", detail,
                            List.of(new com.peakcommerce.useradmin.domain.DomainException.FieldError("replacement", detail)), request.requestId());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) problem.body());
                    body.put("holders", inUse.holders());
                    yield new Response(409, body, problem.headers());
                }
            };
        });
    }
}
