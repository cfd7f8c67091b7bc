package com.peakcommerce.useradmin.auth0;

import java.security.SecureRandom;

/**
 * Passwords for logins whose user will set their own through a password-change link: random, never
 * shown or stored, and strong enough for any Auth0 password policy (upper and lower case letters,
 * digits and symbols, {@value #LENGTH} characters, about 250 bits, no character three times in a row).
 */
final class RandomPasswords {
    static final int LENGTH = 40;

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String SYMBOLS = "!#$%&*+-.:=?@^_~";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

    private RandomPasswords() {}

    /** A new password from a new {@link SecureRandom}: no generator state survives in a SnapStart snapshot. */
    static String generate() {
        return generate(new SecureRandom());
    }

    static String generate(SecureRandom random) {
        while (true) {
            char[] password = new char[LENGTH];
            password[0] = pick(UPPER, random);
            password[1] = pick(LOWER, random);
            password[2] = pick(DIGITS, random);
            password[3] = pick(SYMBOLS, random);
            for (int i = 4; i < LENGTH; i++) password[i] = pick(ALL, random);
            shuffle(password, random);
            if (!hasTripleRepeat(password)) return new String(password);
        }
    }

    private static char pick(String alphabet, SecureRandom random) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private static void shuffle(char[] chars, SecureRandom random) {
        for (int i = chars.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char c = chars[i];
            chars[i] = chars[j];
            chars[j] = c;
        }
    }

    private static boolean hasTripleRepeat(char[] chars) {
        for (int i = 2; i < chars.length; i++) {
            if (chars[i] == chars[i - 1] && chars[i] == chars[i - 2]) return true;
        }
        return false;
    }
}
