package com.peakcommerce.useradmin.domain;

import java.util.List;

/** One page of a list; {@code nextCursor} is {@code null} on the last page. */
public record Page<T>(List<T> items, String nextCursor) {}
