package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.peakcommerce.useradmin.domain.Reconciler;

import java.time.Duration;
import java.util.Map;

/**
 * Runs on a schedule (template.yaml: every 5 minutes) and settles users that a failed or interrupted
 * request left half-done: provisioning finished or rolled back, pending login updates sent. Two runs at
 * once are safe (see {@link Reconciler}). Answers what it did, for the logs and for a manual invoke.
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Stop this long before the function's timeout, so a run never dies half-way through a user. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final Reconciler reconciler;

    public ReconcileHandler() { this(AdminFunctions.production()); }

    /** Built by the group's composition on the adapters given (the local server, a test). */
    public ReconcileHandler(AdminFunctions functions) { this(functions.reconciler()); }

    ReconcileHandler(Reconciler reconciler) { this.reconciler = reconciler; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Duration budget = context == null ? Duration.ofMinutes(1) : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        var report = reconciler.run(budget.isNegative() ? Duration.ZERO : budget);
        return Map.of("settled", report.settled(), "rolledBack", report.rolledBack(), "failed", report.failed(), "settledElsewhere", report.settledElsewhere());
    }
}
