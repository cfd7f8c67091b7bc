package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.PendingUsers;
import com.peakcommerce.useradmin.ports.Stores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Settles what a failed or interrupted request left half-done (SPEC U2, A3), so that the table and the
 * identity provider never disagree for long and no user stays {@code PROVISIONING}: a user still
 * provisioning is finished (or rolled back when the identity provider refuses it for good); a login
 * update still pending is sent; a mail still owed (an activation or verification that could not be
 * sent after its change was committed) is sent again, once.
 *
 * <p>Safe to run twice at once, and alongside the requests themselves: every identity-provider step is
 * idempotent, and every table write is conditional on the version read, so of two runners settling one
 * user only one write succeeds, and only the winner sends mail. An owed mail is claimed (its mark
 * cleared, conditional on the version and the mark read) before it is sent, so it goes at most once.
 */
public final class Reconciler {
    /** Left alone for this long after their last write: a request may still be finishing them. */
    public static final Duration GRACE = Duration.ofMinutes(2);
    private static final int BATCH = 25;

    private final PendingUsers pending;
    private final UserAdministration administration;
    private final Clock clock;

    public Reconciler(Stores stores, UserAdministration administration, Clock clock) {
        this.pending = stores.pendingUsers();
        this.administration = administration;
        this.clock = clock;
    }

    /** What one run did. {@code failed} are left for the next run. */
    public record Report(int settled, int rolledBack, int failed, int settledElsewhere) {}

    /** Settles pending users, oldest first, until none is left or {@code budget} runs out. */
    public Report run(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Instant cutoff = clock.instant().minus(GRACE);
        int settled = 0, rolledBack = 0, failed = 0, elsewhere = 0;
        User last = null;
        List<User> page;
        do {
            page = pending.pending(cutoff, last, BATCH);
            for (User user : page) {
                if (clock.instant().isAfter(deadline)) return report(settled, rolledBack, failed, elsewhere);
                last = user;
                try {
                    if (administration.settle(user)) settled++;
                    else rolledBack++;
                } catch (StaleVersion | NotFound raced) {
                    elsewhere++;
                } catch (Unavailable | DomainException.Conflict stillFailing) {
                    failed++; // stays pending: the next run tries again
                }
            }
        } while (page.size() == BATCH);
        return report(settled, rolledBack, failed, elsewhere);
    }

    private static Report report(int settled, int rolledBack, int failed, int elsewhere) {
        Report report = new Report(settled, rolledBack, failed, elsewhere);
        Log.info("reconciled", "settled", settled, "rolledBack", rolledBack, "failed", failed, "settledElsewhere", elsewhere);
        return report;
    }
}
