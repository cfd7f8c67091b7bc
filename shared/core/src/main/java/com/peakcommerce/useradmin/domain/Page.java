package com.peakcommerce.useradmin.domain;

import java.util.List;

/** One page of a list; {@code nextCursor} is {@code null} on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
    /** The same page with each item mapped. */
    public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
