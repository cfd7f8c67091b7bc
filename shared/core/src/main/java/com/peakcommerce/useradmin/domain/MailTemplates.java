package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.ports.Mailer.Mail;

import java.net.URI;

/** The service's mails (SPEC X4): plain text and HTML, naming the tenant, with links from the identity provider. */
public final class MailTemplates {
    private MailTemplates() {}

    public static Mail activation(Tenant tenant, User user, String to, URI link) {
        return mail(to, "Your " + tenant.name() + " account: set your password", user,
                "An account has been created for you on " + tenant.name() + ". Your username is " + user.username() + ".",
                "Set your password", link);
    }

    public static Mail passwordReset(Tenant tenant, User user, URI link) {
        return mail(user.username(), "Reset your " + tenant.name() + " password", user,
                "A password reset was requested for your " + tenant.name() + " account. If you did not ask for it, you can ignore this mail.",
                "Choose a new password", link);
    }

    public static Mail verifyEmail(Tenant tenant, User user, URI link) {
        return mail(user.username(), "Verify your email address for " + tenant.name(), user,
                "Your " + tenant.name() + " username is now " + user.username() + ". Please confirm that this address is yours.",
                "Verify my email address", link);
    }

    private static Mail mail(String to, String subject, User user, String body, String action, URI link) {
        String greeting = "Hello " + user.firstName() + ",";
        String text = greeting + "\n\n" + body + "\n\n" + action + ": " + link + "\n";
        String html = "<!doctype html><html><body><p>" + escape(greeting) + "</p><p>" + escape(body) + "</p>"
                + "<p><a href=\"" + escape(link.toString()) + "\">" + escape(action) + "</a></p></body></html>";
        return new Mail(to, subject, text, html);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
