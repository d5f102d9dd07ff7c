package io.pinpointimport.format.internal;

import io.pinpointimport.internal.json.ByteSink;

/**
 * Writes one CSV cell as UTF-8, quoting per RFC 4180. No promises: internal.
 *
 * <p>A value is enclosed in double quotes when it contains a comma or a double quote (inner quotes doubled), starts
 * or ends with a space (so that no reader trims it), or is empty (a quoted empty value {@code ""} is an empty
 * string, while an empty unquoted cell means the member is absent). A value with a line break or a tab, or with a
 * lone UTF-16 surrogate (which UTF-8 cannot encode), cannot be written.
 */
public final class CsvText {
    /** Written. */
    public static final int OK = 0;
    /** Not written: the value holds {@code \r}, {@code \n} or {@code \t}. */
    public static final int BREAK_OR_TAB = 1;
    /** Not written: the value holds a lone UTF-16 surrogate. */
    public static final int LONE_SURROGATE = 2;

    private CsvText() {}

    /**
     * Appends a value as one cell.
     *
     * @param out the buffer; left unchanged when the value cannot be written
     * @param s the value
     * @return {@link #OK}, {@link #BREAK_OR_TAB} or {@link #LONE_SURROGATE}
     */
    public static int append(ByteSink out, String s) {
        int n = s.length();
        // Fast path for the common cell (ASCII, nothing to quote): copy while checking, in one pass.
        if (n > 0 && s.charAt(0) != ' ' && s.charAt(n - 1) != ' ') {
            out.ensure(n);
            byte[] b = out.array();
            int start = out.size();
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == ',' || c == '"' || c < 0x20) {
                    break;
                }
                b[start + i] = (byte) c;
            }
            if (i == n) {
                out.advance(n);
                return OK;
            }
        }
        return appendSlow(out, s);
    }

    private static int appendSlow(ByteSink out, String s) {
        int n = s.length();
        boolean quote = n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ';
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == ',' || c == '"') {
                    quote = true;
                } else if (c == '\n' || c == '\r' || c == '\t') {
                    return BREAK_OR_TAB;
                }
            } else {
                ascii = false;
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return LONE_SURROGATE;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return LONE_SURROGATE;
                }
            }
        }
        // Worst case: every char 3 bytes, or a doubled quote (2 bytes), plus the enclosing quotes.
        out.ensure(3 * n + 2);
        if (quote) {
            out.put((byte) '"');
        }
        if (ascii && !quote) {
            for (int i = 0; i < n; i++) {
                out.put((byte) s.charAt(i));
            }
            return OK;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    out.put((byte) '"');
                }
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
        if (quote) {
            out.put((byte) '"');
        }
        return OK;
    }
}
