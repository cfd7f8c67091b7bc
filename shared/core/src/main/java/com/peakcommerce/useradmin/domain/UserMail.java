package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.DomainException.Unavailable;
import com.peakcommerce.useradmin.log.Log;
import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;
import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.ports.Mailer.Mail;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Users;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The mail of user operations: links asked of the identity provider, mail that is a request's whole point
 * ({@link #deliver}: its failure fails the request) or follows a committed change ({@link #send}: its failure
 * is owed, {@link #owe}), and the owed mail sent again at most once ({@link #resendOwed}).
 */
final class UserMail {
    private final Snapshots snapshots;
    private final Users users;
    private final IdentityProvider identityProvider;
    private final Mailer mailer;

    UserMail(Snapshots snapshots, Users users, IdentityProvider identityProvider, Mailer mailer) {
        this.snapshots = snapshots;
        this.users = users;
        this.identityProvider = identityProvider;
        this.mailer = mailer;
    }

    URI passwordLink(User user) { return ticket(() -> identityProvider.passwordChangeTicket(user.id())); }

    URI verificationLink(User user) { return ticket(() -> identityProvider.emailVerificationTicket(user.id())); }

    /**
     * Marks {@code user} as owed {@code mail} after a committed change whose mail did not go: same version
     * (nothing a person reads changed), conditional on the version and mark as read. A race with another
     * writer is logged and left: the mail is then lost, visibly.
     */
    User owe(User user, User.PendingMail mail) {
        User marked = user.withPendingMail(mail);
        try {
            users.replacePendingMail(user, marked);
            Log.warn("mail owed: the reconciler resends it", "userId", user.id(), "mail", mail);
            return marked;
        } catch (StaleVersion | NotFound raced) {
            Log.error("mail not sent and not marked owed: the user changed meanwhile", null, "userId", user.id(), "mail", mail);
            return user;
        }
    }

    /**
     * Sends the mail {@code user} is owed, at most once however many reconcilers run: the mark is first
     * cleared by a write conditional on the version and the mark as read (the claim; a second runner's
     * claim fails with {@code StaleVersion} and it sends nothing), then a fresh ticket is asked for and the
     * mail sent. When that fails the mark is written back (conditional again) and {@code Unavailable}
     * thrown, so the next run tries again. A crash between the claim and the send loses the mail (logged
     * as claimed, never as sent). The activation goes to the username — the recipient the admin chose
     * at create is not stored. A suspended user is owed nothing: the mark is cleared without a mail
     * (an admin who enables them sends a password-reset or verification link, U9, U10).
     */
    void resendOwed(User user) {
        Tenant tenant = snapshots.tenant(user.tenantId()).orElseThrow(() -> new NotFound("No such tenant."));
        User claimed = user.withPendingMail(User.PendingMail.NONE);
        users.replacePendingMail(user, claimed);
        if (user.suspended()) {
            Log.warn("owed mail dropped: the user is suspended", "userId", user.id(), "mail", user.pendingMail());
            return;
        }
        Log.info("resending an owed mail", "userId", user.id(), "mail", user.pendingMail());
        try {
            Mail mail = switch (user.pendingMail()) {
                case ACTIVATION -> MailTemplates.activation(tenant, claimed, claimed.username(), passwordLink(user));
                case VERIFICATION -> MailTemplates.verifyEmail(tenant, claimed, verificationLink(user));
                case NONE -> throw new IllegalStateException();
            };
            deliver(mail);
        } catch (Unavailable stillFailing) {
            try {
                users.replacePendingMail(claimed, user);
            } catch (StaleVersion | NotFound raced) {
                Log.error("owed mail dropped: the user changed while it was being sent", null, "userId", user.id(), "mail", user.pendingMail());
            }
            throw stillFailing;
        }
    }

    /** Sends a mail that is the whole point of the request: failing to send it fails the request. */
    void deliver(Mail mail) {
        if (!send(mail)) throw new Unavailable("The mail could not be sent; try again shortly.");
    }

    /** Sends a mail that follows a committed change: a failure is logged and reported, never undoes the change. */
    boolean send(Mail mail) {
        try {
            mailer.send(mail);
            return true;
        } catch (Mailer.MailException e) {
            Log.error("mail not sent", e, "to", Log.mask(mail.to()));
            return false;
        }
    }

    private static URI ticket(Supplier<URI> request) {
        try {
            return request.get();
        } catch (IdentityProviderException e) {
            throw unavailable(e);
        }
    }

    static Unavailable unavailable(IdentityProviderException e) {
        Log.error("identity provider failed", e, "reason", e.reason());
        return new Unavailable("The identity provider did not answer; send the same request again shortly.");
    }
}
