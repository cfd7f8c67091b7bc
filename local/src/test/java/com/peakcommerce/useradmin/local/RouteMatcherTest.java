package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.local.SamTemplate.Route;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteMatcherTest {
    private static Route route(String method, String path) { return new Route(method, path, "F", "C", true); }

    private final RouteMatcher matcher = new RouteMatcher(List.of(
            route("GET", "/users"), route("POST", "/users"), route("GET", "/users/{userId}"),
            route("POST", "/users/{userId}/suspend"), route("ANY", "/users/{userId}/audit"), route("GET", "/users/{userId}/audit"),
            route("ANY", "/{proxy+}")));

    @Test
    void choosesTheMostSpecificRoute() {
        assertEquals("GET /users", matcher.match("GET", "/users").orElseThrow().route().routeKey());
        assertEquals("GET /users", matcher.match("GET", "/users/").orElseThrow().route().routeKey(), "a trailing slash is ignored");
        var user = matcher.match("GET", "/users/u-1").orElseThrow();
        assertEquals("GET /users/{userId}", user.route().routeKey());
        assertEquals(Map.of("userId", "u-1"), user.pathParameters());
        assertEquals("GET /users/{userId}/audit", matcher.match("GET", "/users/u-1/audit").orElseThrow().route().routeKey(), "the method before ANY");
        assertEquals("ANY /users/{userId}/audit", matcher.match("PUT", "/users/u-1/audit").orElseThrow().route().routeKey());
        assertEquals("ANY /{proxy+}", matcher.match("DELETE", "/users").orElseThrow().route().routeKey());
        assertEquals(Map.of("proxy", "a/b"), matcher.match("GET", "/a/b").orElseThrow().pathParameters());
    }

    @Test
    void nothingMatchesWithoutACatchAll() {
        RouteMatcher strict = new RouteMatcher(List.of(route("GET", "/users/{userId}")));
        assertTrue(strict.match("GET", "/users").isEmpty());
        assertTrue(strict.match("GET", "/users//").isEmpty());
        assertTrue(strict.match("POST", "/users/1").isEmpty());
        assertTrue(strict.match("GET", "/users/1/x").isEmpty());
        assertEquals(Map.of("userId", "a b/c"), strict.match("GET", "/users/a%20b%2Fc").orElseThrow().pathParameters());
    }
}
