package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.wiring.Adapters;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each handler of the local run built as its function group builds it in Lambda, but on the local server's
 * adapters: a handler's public constructor takes its group's services ({@code AdminFunctions}, …), which that
 * class makes with {@code public static of(Adapters)}: once per group and server, as once per container in AWS.
 * A handler without such a constructor needs no adapters and is built with its no-argument one.
 */
final class LocalFunctionGroups {
    private final Adapters adapters;
    private final Map<Class<?>, Object> groups = new ConcurrentHashMap<>();

    LocalFunctionGroups(Adapters adapters) { this.adapters = adapters; }

    Object handler(Class<?> handlerClass) throws ReflectiveOperationException {
        for (Constructor<?> constructor : handlerClass.getConstructors()) {
            if (constructor.getParameterCount() != 1) continue;
            Class<?> group = constructor.getParameterTypes()[0];
            Method of = composition(group);
            if (of == null) continue;
            Object services = groups.get(group);
            if (services == null) {
                services = of.invoke(null, adapters);
                Object raced = groups.putIfAbsent(group, services);
                if (raced != null) services = raced;
            }
            return constructor.newInstance(services);
        }
        // A handler that needs nothing (no function group) is built as Lambda builds it.
        return handlerClass.getConstructor().newInstance();
    }

    /** The group's {@code public static <group> of(Adapters)}, or null when {@code type} is not a function group. */
    private static Method composition(Class<?> type) {
        try {
            Method of = type.getMethod("of", Adapters.class);
            return Modifier.isStatic(of.getModifiers()) && of.getReturnType() == type ? of : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
