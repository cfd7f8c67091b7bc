package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.Identifiers;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Representations;
import com.peakcommerce.useradmin.http.Request;
import com.peakcommerce.useradmin.http.Response;

import java.util.Set;

/** {@code GET /users} (SPEC U4): filters, name or username prefix, sorted by name, paged. */
public final class ListUsersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> PARAMETERS = Set.of("role", "status", "accountNumber", "partnerId", "salesRepId", "partnerAdminId", "q", "limit", "cursor");
    private static final int MAX_Q = 100;

    private final UserDirectory users;
    private final Http http;

    public ListUsersHandler() { this(ReadFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ListUsersHandler(ReadFunctions functions) { this(functions.directory(), functions.http()); }

    ListUsersHandler(UserDirectory users, Http http) {
        this.users = users;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            request.onlyQuery(PARAMETERS);
            UserQuery query = new UserQuery(request.queryEnum("role", Role.class), request.queryEnum("status", UserStatus.class),
                    id(request, "accountNumber"), id(request, "partnerId"), id(request, "salesRepId"), id(request, "partnerAdminId"),
                    q(request), null);
            var page = users.page(request.caller(), query, request.limit(), request.cursor());
            return Response.ok(Representations.page(page, Representations::seen));
        });
    }

    private static String id(Request request, String name) {
        String value = request.query(name);
        if (value != null && !Identifiers.isId(value)) throw new Invalid(name, name + " must be an id (letters, digits, - and _).");
        return value;
    }

    private static String q(Request request) {
        String value = request.query("q");
        if (value != null && value.length() > MAX_Q) throw new Invalid("q", "q must be at most " + MAX_Q + " characters.");
        return value == null ? null : value.strip();
    }
}
