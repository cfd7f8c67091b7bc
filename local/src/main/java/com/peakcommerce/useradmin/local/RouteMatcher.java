package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.local.SamTemplate.Route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the route of a request as an HTTP API does: the most specific path wins (a literal segment
 * before a {@code {variable}}, a variable before a greedy {@code {proxy+}}), then a route of the
 * request's method before an {@code ANY} route. Path parameters come out URL-decoded.
 */
public final class RouteMatcher {
    /** The chosen route and the values of its path variables. */
    public record Match(Route route, Map<String, String> pathParameters) {}

    private final List<Route> routes;

    public RouteMatcher(List<Route> routes) { this.routes = List.copyOf(routes); }

    public Optional<Match> match(String method, String rawPath) {
        String[] segments = split(rawPath);
        Match best = null;
        int[] bestScore = null;
        for (Route route : routes) {
            if (!route.method().equals("ANY") && !route.method().equalsIgnoreCase(method)) continue;
            String[] pattern = split(route.path());
            Map<String, String> parameters = new LinkedHashMap<>();
            int[] score = new int[pattern.length + 1];
            if (!matches(pattern, segments, parameters, score)) continue;
            score[pattern.length] = route.method().equals("ANY") ? 0 : 1;
            if (best == null || compare(score, bestScore) > 0) {
                best = new Match(route, parameters);
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matches(String[] pattern, String[] segments, Map<String, String> parameters, int[] score) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) { // greedy: the rest of the path, at least one segment
                if (i != pattern.length - 1 || segments.length <= i) return false;
                parameters.put(p.substring(1, p.length() - 2), decode(String.join("/", List.of(segments).subList(i, segments.length))));
                score[i] = 1;
                return true;
            }
            if (i >= segments.length) return false;
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segments[i].isEmpty()) return false;
                parameters.put(p.substring(1, p.length() - 1), decode(segments[i]));
                score[i] = 2;
            } else {
                if (!p.equals(segments[i])) return false;
                score[i] = 3;
            }
        }
        return pattern.length == segments.length;
    }

    /** Longer matched patterns are more specific; then segment by segment; then the method. */
    private static int compare(int[] a, int[] b) {
        if (a.length != b.length) return Integer.compare(a.length, b.length);
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        return 0;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
