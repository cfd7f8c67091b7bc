package com.peakcommerce.useradmin.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** A handler of the test template: answers with the event it got, so tests can see what API Gateway would send. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static int instances;

    public EchoHandler() { instances++; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("version", event.getVersion());
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("headers", event.getHeaders());
        echo.put("cookies", event.getCookies());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        var rc = event.getRequestContext();
        echo.put("method", rc.getHttp().getMethod());
        echo.put("path", rc.getHttp().getPath());
        echo.put("contextRouteKey", rc.getRouteKey());
        echo.put("requestId", rc.getRequestId());
        echo.put("awsRequestId", context.getAwsRequestId());
        echo.put("functionName", context.getFunctionName());
        echo.put("claims", rc.getAuthorizer() == null ? null : rc.getAuthorizer().getJwt().getClaims());
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json", "X-Echo", "yes"))
                    .withBody(new ObjectMapper().writeValueAsString(echo)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
