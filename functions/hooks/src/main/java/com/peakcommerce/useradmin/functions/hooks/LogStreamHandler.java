package com.peakcommerce.useradmin.functions.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.LoginEvents;
import com.peakcommerce.useradmin.domain.LoginEvents.Outcome;
import com.peakcommerce.useradmin.functions.hooks.HookSecrets.LogStreamTokens;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.http.Problems;
import com.peakcommerce.useradmin.http.Response;
import com.peakcommerce.useradmin.json.Json;
import com.peakcommerce.useradmin.log.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.peakcommerce.useradmin.functions.hooks.Auth0Events.object;
import static com.peakcommerce.useradmin.functions.hooks.Auth0Events.wholeNumber;

/**
 * {@code POST /hooks/auth0/log-stream}: an Auth0 Log Stream of type custom webhook, the second way
 * logins reach the service (SPEC V1) for tenants that do not run the post-login Action, or as a
 * back-up of it. Authenticated by the token Auth0 sends in {@code Authorization} (401 otherwise).
 *
 * <p>The body is a batch of log events, as a JSON array or JSON lines. A success login ({@code type}
 * {@code s}) is recorded like the Action's report, with the login count of {@code details.stats}; it
 * cannot verify by email (the event does not say whether the email is verified), only as the first
 * login. Every other type is acknowledged and ignored, as are logins of users the service does not know
 * or has suspended. A batch is answered once all of it is recorded; if that fails, the 500 makes Auth0
 * send the batch again, and what was recorded already changes nothing the second time.
 */
public final class LogStreamHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String SUCCESS_LOGIN = "s";

    private final LoginEvents logins;
    private final LogStreamTokens token;
    private final Clock clock;
    private final Http http;

    public LogStreamHandler() { this(HookFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public LogStreamHandler(HookFunctions functions) { this(functions.logins(), functions.logStreamTokens(), functions.clock(), functions.claimNamespace()); }

    LogStreamHandler(LoginEvents logins, LogStreamTokens token, Clock clock, String claimNamespace) {
        this.logins = logins;
        this.token = token;
        this.clock = clock;
        this.http = Http.withoutCallers(claimNamespace);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.respond(event, context, request -> {
            if (!token.get().admits(request.header("Authorization"))) {
                Log.warn("log-stream hook: not authentic", "sourceIp", PostLoginHookHandler.sourceIp(event));
                return Problems.unauthenticated("The Authorization header does not carry the log stream's token.",
                        PostLoginHookHandler.requestId(event, context));
            }
            List<Map<String, Object>> records = records(Auth0Events.rawBody(event));
            int successLogins = 0;
            int recorded = 0;
            for (Map<String, Object> record : records) {
                Map<String, Object> data = object(record.get("data"));
                if (data == null || !SUCCESS_LOGIN.equals(data.get("type"))) continue;
                successLogins++;
                Optional<String> userId = Auth0Events.serviceUserId(data.get("user_id") instanceof String s ? s : null);
                Long count = loginsCount(data);
                if (userId.isEmpty() || count == null || count < 1) {
                    Log.warn("log-stream hook: a success login without a service user id or login count", "logId", record.get("log_id"));
                    continue;
                }
                Outcome outcome = logins.loggedIn(userId.get(), count, date(data.get("date")), request.requestId());
                if (outcome == Outcome.VERIFIED || outcome == Outcome.RECORDED) recorded++;
                if (!outcome.allows()) Log.info("log-stream hook: login ignored", "logId", record.get("log_id"), "outcome", outcome.name());
            }
            Log.info("log-stream hook", "received", records.size(), "successLogins", successLogins, "recorded", recorded);
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("received", records.size());
            receipt.put("successLogins", successLogins);
            receipt.put("recorded", recorded);
            return Response.ok(receipt);
        });
    }

    /** The batch: a JSON array of events, JSON lines (one event per line), or a single event. */
    static List<Map<String, Object>> records(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) throw new Invalid("(body)", "The body must hold log events as a JSON array or JSON lines.");
        List<Object> values = new ArrayList<>();
        if (text.startsWith("[")) {
            if (!(parse(text, "The body is not a valid JSON array.") instanceof List<?> list)) throw new Invalid("(body)", "The body is not a valid JSON array.");
            values.addAll(list);
        } else {
            List<Object> lines = jsonLines(text);
            values.addAll(lines != null ? lines : List.of(parse(text, "The body is neither JSON lines nor a JSON array of log events.")));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> record = object(values.get(i));
            if (record == null) throw new Invalid("(body)", "Log event " + (i + 1) + " of the body is not a JSON object.");
            records.add(record);
        }
        return records;
    }

    /** The user's login count, this login included: {@code details.stats.loginsCount} (or a prompt's). */
    static Long loginsCount(Map<String, Object> data) {
        Map<String, Object> details = object(data.get("details"));
        if (details == null) return null;
        Map<String, Object> stats = object(details.get("stats"));
        Long count = stats == null ? null : wholeNumber(stats.get("loginsCount"));
        if (count == null && details.get("prompts") instanceof List<?> prompts) {
            for (Object prompt : prompts) {
                Map<String, Object> p = object(prompt);
                Map<String, Object> promptStats = p == null ? null : object(p.get("stats"));
                if (promptStats != null && wholeNumber(promptStats.get("loginsCount")) instanceof Long c) count = c;
            }
        }
        return count;
    }

    private Instant date(Object value) {
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // the time of receipt is close enough
            }
        }
        return clock.instant();
    }

    /** Every non-blank line parsed, or {@code null} if one is not JSON (a pretty-printed single event, say). */
    private static List<Object> jsonLines(String text) {
        List<Object> values = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) continue;
            Object value = tryParse(line);
            if (value == null) return null;
            values.add(value);
        }
        return values;
    }

    private static Object parse(String json, String message) {
        try {
            return Json.read(json);
        } catch (IOException | RuntimeException e) {
            throw new Invalid("(body)", message);
        }
    }

    private static Object tryParse(String json) {
        try {
            return Json.read(json);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
