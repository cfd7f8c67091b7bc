package com.peakcommerce.useradmin.domain;

/** Who is calling, as the verified token says. Whether they may do anything is decided from their current record. */
public record CallerId(String tenantId, String userId) {}
