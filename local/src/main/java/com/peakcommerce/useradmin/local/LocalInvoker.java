package com.peakcommerce.useradmin.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A function's handler instance, built as its container would build it, and how to call it. */
record LocalInvoker(Object handler, Method method) {
    /** One class loader per deployment jar, shared by the functions built from it. */
    static final Map<Path, ClassLoader> JARS = new ConcurrentHashMap<>();

    static LocalInvoker of(SamTemplate.Function function, LocalFunctionGroups groups) {
        Object handler;
        try {
            handler = groups.handler(handlerClass(function));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The handler class " + function.handlerClass() + " of " + function.name()
                    + " is not on the local server's classpath and its CodeUri jar (" + function.codeUri() + ") is not built:"
                    + " run mvn install, or add its module to local/pom.xml", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The handler " + function.handlerClass() + " failed in its constructor", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The handler " + function.handlerClass() + " has no public constructor taking its function group", e);
        }
        if (handler instanceof RequestHandler<?, ?> && function.handlerMethod().equals("handleRequest")) return new LocalInvoker(handler, null);
        for (Method m : handler.getClass().getMethods()) {
            if (m.getName().equals(function.handlerMethod()) && m.getParameterCount() == 2
                    && m.getParameterTypes()[0].isAssignableFrom(APIGatewayV2HTTPEvent.class) && m.getParameterTypes()[1] == Context.class
                    && APIGatewayV2HTTPResponse.class.isAssignableFrom(m.getReturnType())) {
                return new LocalInvoker(handler, m);
            }
        }
        throw new IllegalStateException(function.handlerClass() + "::" + function.handlerMethod() + " does not take an HTTP API 2.0 event");
    }

    /**
     * The handler class from the local server's classpath (the function modules local/pom.xml names), or
     * else from the function's built deployment jar ({@code CodeUri}). That loader asks this one first, so
     * the handler shares the local server's adapters; only its own classes come from the jar.
     */
    private static Class<?> handlerClass(SamTemplate.Function function) throws ClassNotFoundException {
        try {
            return Class.forName(function.handlerClass());
        } catch (ClassNotFoundException notHere) {
            Path jar = function.codeUri();
            if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) throw notHere;
            try {
                ClassLoader loader = JARS.computeIfAbsent(jar, path -> {
                    try {
                        return new URLClassLoader(new URL[]{path.toUri().toURL()}, LocalApiGateway.class.getClassLoader());
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return Class.forName(function.handlerClass(), true, loader);
            } catch (ClassNotFoundException alsoNotThere) {
                alsoNotThere.addSuppressed(notHere);
                throw alsoNotThere;
            }
        }
    }

    @SuppressWarnings("unchecked")
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, Context context) {
        if (method == null) return ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, context);
        try {
            return (APIGatewayV2HTTPResponse) method.invoke(handler, event, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
