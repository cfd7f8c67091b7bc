package com.peakcommerce.useradmin.auth0;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;

/**
 * Gives every error response a JSON body. The SDK parses an error body as JSON before it builds the
 * exception that carries the status code; an empty or non-JSON body (an empty 404 or 429, an HTML 502
 * from a proxy) would otherwise surface as a "network error" without a status, and a missing login or
 * a rate limit would go unrecognised. Such a body is replaced by {@code {}}; JSON bodies pass unchanged.
 */
final class JsonErrorBodies implements Interceptor {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long PEEK_BYTES = 64 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful() || looksLikeJson(response.peekBody(PEEK_BYTES).string())) return response;
        response.close();
        return response.newBuilder().body(ResponseBody.create("{}", JSON)).build();
    }

    private static boolean looksLikeJson(String body) {
        String text = body.strip();
        return text.startsWith("{") || text.startsWith("[");
    }
}
