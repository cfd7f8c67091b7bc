package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.ports.Mailer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double of the mailer: keeps what was sent; fails the next sends on request. The SES adapter is tested on the wire. */
public final class RecordingMailer implements Mailer {
    public final List<Mail> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failures = new AtomicInteger();

    public void failNext(int count) { failures.set(count); }

    @Override
    public void send(Mail mail) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new MailException("injected failure", null);
        sent.add(mail);
    }

    public Mail last() { return sent.getLast(); }
}
