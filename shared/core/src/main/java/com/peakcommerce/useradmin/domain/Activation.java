package com.peakcommerce.useradmin.domain;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;

/**
 * How a new user gets a password (seed 004): a link to set their own, mailed to their primary, their
 * alternative or a custom address; or a password the admin types or the service generates.
 */
public sealed interface Activation {

    enum Recipient { PRIMARY, ALTERNATIVE, CUSTOM }

    record EmailLink(Recipient sendTo, String customEmail) implements Activation {
        /** The address the link goes to. */
        public String recipient(User user) {
            return switch (sendTo) {
                case PRIMARY -> user.username();
                case ALTERNATIVE -> user.text(UserField.ALTERNATIVE_EMAIL);
                case CUSTOM -> customEmail;
            };
        }
    }

    /** A password set by the admin; {@code generated} ones are shown once in the answer to the create. */
    record Password(String password, boolean generated) implements Activation {
        @Override
        public String toString() { return "Password[generated=" + generated + "]"; }
    }

    Activation DEFAULT = new EmailLink(Recipient.PRIMARY, null);

    int MIN_PASSWORD = 12;
    int MAX_PASSWORD = 128;

    /** Parses the create request's {@code activation} object, reporting problems to {@code input}. */
    static Activation parse(Object raw, Map<UserField, Object> fields, UserInput input) {
        if (raw == null) return DEFAULT;
        if (!(raw instanceof Map<?, ?> map)) {
            input.error("activation", "activation must be an object.");
            return DEFAULT;
        }
        for (Object key : map.keySet()) {
            if (!Set.of("method", "sendTo", "customEmail", "password").contains(key)) input.error("activation." + key, "activation." + key + " is not an activation option.");
        }
        Object method = map.get("method");
        if ("EMAIL_LINK".equals(method) || method == null) {
            Recipient to = Recipient.PRIMARY;
            Object sendTo = map.get("sendTo");
            if (sendTo != null) {
                try {
                    to = Recipient.valueOf(String.valueOf(sendTo));
                } catch (IllegalArgumentException e) {
                    input.error("activation.sendTo", "activation.sendTo must be one of PRIMARY, ALTERNATIVE, CUSTOM.");
                }
            }
            String custom = null;
            if (to == Recipient.CUSTOM) {
                try {
                    custom = map.get("customEmail") == null ? null : (String) UserField.ALTERNATIVE_EMAIL.parse(map.get("customEmail"));
                } catch (DomainException.Invalid e) {
                    input.error("activation.customEmail", "activation.customEmail must be a valid email address.");
                }
                if (custom == null && map.get("customEmail") == null) input.error("activation.customEmail", "activation.customEmail is required when sendTo is CUSTOM.");
            } else if (map.get("customEmail") != null) {
                input.error("activation.customEmail", "activation.customEmail applies only when sendTo is CUSTOM.");
            }
            if (to == Recipient.ALTERNATIVE && !fields.containsKey(UserField.ALTERNATIVE_EMAIL)) {
                input.error("activation.sendTo", "activation.sendTo is ALTERNATIVE but the user has no alternativeEmail.");
            }
            if (map.get("password") != null) input.error("activation.password", "activation.password applies only when method is PASSWORD.");
            return new EmailLink(to, custom);
        }
        if ("PASSWORD".equals(method)) {
            if (!(map.get("password") instanceof String password)) {
                input.error("activation.password", "activation.password is required when method is PASSWORD.");
                return DEFAULT;
            }
            if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
                input.error("activation.password", "activation.password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
            }
            return new Password(password, false);
        }
        if ("GENERATED_PASSWORD".equals(method)) return new Password(generatePassword(), true);
        input.error("activation.method", "activation.method must be one of EMAIL_LINK, PASSWORD, GENERATED_PASSWORD.");
        return DEFAULT;
    }

    /** 20 characters with upper and lower case, digits and symbols, from a fresh SecureRandom per call. */
    static String generatePassword() {
        String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#$%&*+-=?@^_"};
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            String pool = classes[i < classes.length ? i : random.nextInt(classes.length)];
            password[i] = pool.charAt(random.nextInt(pool.length()));
        }
        for (int i = password.length - 1; i > 0; i--) { // shuffle so the first four are not predictable classes
            int j = random.nextInt(i + 1);
            char t = password[i];
            password[i] = password[j];
            password[j] = t;
        }
        return new String(password);
    }
}
