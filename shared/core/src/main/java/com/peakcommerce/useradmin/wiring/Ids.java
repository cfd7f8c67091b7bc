package com.peakcommerce.useradmin.wiring;

import java.util.UUID;

/** New record ids: random UUIDs, drawn per call (never in static init, so SnapStart copies do not share them). */
public final class Ids {
    private Ids() {}

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
