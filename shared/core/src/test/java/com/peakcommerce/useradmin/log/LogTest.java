package com.peakcommerce.useradmin.log;

import com.peakcommerce.useradmin.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON log line of an error carries the stack trace (the caller only ever gets the request id). */
class LogTest {
    @Test
    void anErrorLineCarriesTheExceptionAndItsStackTrace() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.read(Log.line("ERROR", "unexpected failure", new IllegalStateException("boom"), "userId", "u-1"));
        assertEquals("ERROR", line.get("level"));
        assertEquals("java.lang.IllegalStateException", line.get("error"));
        assertEquals("boom", line.get("errorMessage"));
        assertEquals("u-1", line.get("userId"));
        String trace = (String) line.get("stackTrace");
        assertTrue(trace.startsWith("java.lang.IllegalStateException: boom"), trace);
        assertTrue(trace.contains("at com.peakcommerce.useradmin.log.LogTest.anErrorLineCarriesTheExceptionAndItsStackTrace"), trace);
    }
}
