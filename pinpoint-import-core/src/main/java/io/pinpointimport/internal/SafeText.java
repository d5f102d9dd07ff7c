package io.pinpointimport.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes names read from input safe to quote in a message, a log line or a rejects file: control and invisible
 * characters are escaped (so that ESC and OSC sequences never reach a terminal and a line never breaks), and long
 * names are cut (so that a 900 KB header cell does not repeat in every rejection). No promises: internal.
 */
public final class SafeText {
    /** The most characters of a name kept in a message: {@value}. */
    public static final int MAX_SHOWN = 64;

    /**
     * A name that looks like a member or attribute name: starts with a letter, then letters, digits and
     * {@code . _ - :} and spaces. Anything else (an address, a number, a date, a user id) may be data that slipped
     * into a header or a key, and is described instead of shown.
     */
    private static final Pattern NAME_LIKE = Pattern.compile("\\p{L}[\\p{L}\\p{N}._ :-]*");

    private SafeText() {}

    /**
     * Escapes and shortens text for a message: characters that are not printable become {@code \\uXXXX}, and past
     * {@value #MAX_SHOWN} characters the rest is replaced by a note of the full length.
     *
     * @param text the text
     * @return the safe form
     */
    public static String escape(String text) {
        int n = text.length();
        int shown = Math.min(n, MAX_SHOWN);
        if (shown < n && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--;
        }
        StringBuilder sb = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            }
        }
        if (shown < n) {
            sb.append("… (").append(n).append(" characters)");
        }
        return sb.toString();
    }

    /**
     * Quotes a name read from a header or a JSON key, or describes it without its text when it does not look like a
     * name: such a name is likely data (a header line that is really a data row, say), and data is not repeated.
     *
     * @param name the name
     * @return {@code 'Name'} escaped and shortened, or a description such as {@code a name of 23 characters}
     */
    public static String name(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.length() <= MAX_SHOWN && NAME_LIKE.matcher(name).matches() && name.indexOf('@') < 0) {
            return "'" + name + "'";
        }
        if (!looksLikeData(name)) {
            return "'" + escape(name) + "'";
        }
        return "a name of " + name.length() + " characters that looks like data (not shown)";
    }

    /**
     * A name read from a header or a JSON key, as a rejection's field path: escaped and shortened, or, when it looks
     * like data (see {@link #name}), a placeholder that repeats nothing of it.
     *
     * @param name the name
     * @return the field path
     */
    public static String field(String name) {
        return !name.isEmpty() && looksLikeData(name) ? "(a name that looks like data)" : escape(name);
    }

    private static boolean looksLikeData(String name) {
        if (name.indexOf('@') >= 0 || name.length() > MAX_SHOWN) {
            return true;
        }
        long digits = name.chars().filter(Character::isDigit).count();
        return digits * 2 >= name.length();
    }

    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT
                && type != Character.SURROGATE
                && type != Character.PRIVATE_USE
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }
}
