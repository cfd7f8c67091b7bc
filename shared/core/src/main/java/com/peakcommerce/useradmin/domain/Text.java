package com.peakcommerce.useradmin.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every text the service accepts must be, and how names are folded for sorting and search.
 * Every field of this API is single-line text: no control characters (C0, DEL, C1), and valid Unicode
 * (no unpaired surrogate, which DynamoDB refuses as invalid UTF-8).
 */
public final class Text {
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    private Text() {}

    /** Why {@code s} is not acceptable text, or {@code null} when it is. */
    public static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode (an unpaired surrogate).";
            }
            if (Character.isLowSurrogate(c)) return "is not valid Unicode (an unpaired surrogate).";
            if (Character.isISOControl(c)) return "must not contain control characters (such as NUL, tab or line breaks).";
        }
        return null;
    }

    /** Lower case, accents removed: the form names are sorted and searched in ("Émile" → "emile"). */
    public static String fold(String s) {
        return ACCENTS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
