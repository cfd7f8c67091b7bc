package com.peakcommerce.useradmin.functions.self;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.SelfService;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Response;

import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /password-reset} (SPEC S3), public: the login page's "forgot password". Body
 * {@code {"tenantId": …, "email": …}}. The answer is the same 202 whether or not the address exists,
 * is active, or is over the request limit, and every answer (refusals of malformed input included)
 * takes at least the configured minimum ({@code PUBLIC_RESET_MIN_MILLIS}, 800 ms by default) from the
 * moment the request arrived, so that the time does not tell either.
 */
public final class PublicPasswordResetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final Map<String, Object> ANSWER = Map.of("message",
            "If the address is the username of an account of this portal, a mail with a link to choose a new password is on its way.");

    private final SelfService self;
    private final Duration minimum;
    private final Http http;

    public PublicPasswordResetHandler() { this(SelfFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public PublicPasswordResetHandler(SelfFunctions functions) { this(functions.self(), functions.publicResetMinimum(), functions.http()); }

    PublicPasswordResetHandler(SelfService self, Duration minimum, Http http) {
        this.self = self;
        this.minimum = minimum;
        this.http = http;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        try {
            return http.respond(event, context, request -> {
                self.requestPasswordReset(request.requestId(), request.body());
                return Response.accepted(ANSWER);
            });
        } finally {
            padTo(start);
        }
    }

    /** Sleeps until {@code minimum} has passed since {@code start}. */
    private void padTo(long start) {
        long remaining = minimum.toNanos() - (System.nanoTime() - start);
        if (remaining <= 0) return;
        try {
            Thread.sleep(Duration.ofNanos(remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
