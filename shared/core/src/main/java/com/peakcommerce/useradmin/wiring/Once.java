package com.peakcommerce.useradmin.wiring;

import java.util.function.Supplier;

/** A value made on first use, then the same one, whichever thread asks first. */
public final class Once<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    private Once(Supplier<T> make) { this.make = make; }

    public static <T> Once<T> of(Supplier<T> make) {
        return make instanceof Once<T> once ? once : new Once<>(make);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) value = make.get();
                v = value;
            }
        }
        return v;
    }
}
