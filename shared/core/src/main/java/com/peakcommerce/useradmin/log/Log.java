package com.peakcommerce.useradmin.log;

import com.peakcommerce.useradmin.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines on standard output (CloudWatch keeps one per line). Every line carries
 * the request id and the caller's ids set by the HTTP layer. Never pass passwords, tokens or full
 * email addresses: use {@link #mask(String)}.
 */
public final class Log {
    private static final ThreadLocal<Map<String, Object>> CONTEXT = ThreadLocal.withInitial(LinkedHashMap::new);

    private Log() {}

    /** Sets what every line of this invocation carries (request id, tenant, caller). */
    public static void context(Map<String, Object> context) {
        Map<String, Object> map = CONTEXT.get();
        map.clear();
        map.putAll(context);
    }

    public static void put(String key, Object value) { CONTEXT.get().put(key, value); }

    public static void info(String message, Object... keyValues) { write("INFO", message, null, keyValues); }

    public static void warn(String message, Object... keyValues) { write("WARN", message, null, keyValues); }

    public static void error(String message, Throwable error, Object... keyValues) { write("ERROR", message, error, keyValues); }

    private static void write(String level, String message, Throwable error, Object... keyValues) {
        System.out.println(line(level, message, error, keyValues));
    }

    /** One log line: time, level, message, the request's context, the key-value pairs, and the error with its stack trace. */
    static String line(String level, String message, Throwable error, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(CONTEXT.get());
        for (int i = 0; i + 1 < keyValues.length; i += 2) line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        if (error != null) {
            line.put("error", error.getClass().getName());
            line.put("errorMessage", error.getMessage());
            // The stack trace goes to the log (never to the caller: Problems.internal names only the request id).
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        return Json.write(line);
    }

    /** {@code jane.doe@example.com} becomes {@code j***@example.com}. */
    public static String mask(String email) {
        if (email == null) return null;
        int at = email.indexOf('@');
        if (at <= 0) return "***";
        return email.charAt(0) + "***" + email.substring(at);
    }
}
