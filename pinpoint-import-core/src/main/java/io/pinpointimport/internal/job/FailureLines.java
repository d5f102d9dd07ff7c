package io.pinpointimport.internal.job;

import java.util.regex.Pattern;

/**
 * Makes a service's failure line fit for a log at INFO or above. The lines are opaque text that may quote the
 * record that failed (addresses, user ids, attribute values): quoted spans, e-mail-like tokens and long digit runs
 * (phone numbers, ids) are masked, control characters dropped, and the line shortened. No promises: internal.
 */
final class FailureLines {
    /** Longest line logged, in characters, before "…". */
    static final int MAX_LENGTH = 160;

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|`[^`]*`");
    private static final Pattern EMAIL_LIKE = Pattern.compile("\\S*@\\S*");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d[\\d\\-. ]{3,}\\d");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");

    private FailureLines() {}

    /**
     * @param line a failure line as the service gave it
     * @return the line with its values masked and shortened, safe to log
     */
    static String masked(String line) {
        String s = CONTROL.matcher(line).replaceAll(" ");
        s = QUOTED.matcher(s).replaceAll("\"…\"");
        s = EMAIL_LIKE.matcher(s).replaceAll("…@…");
        s = DIGITS.matcher(s).replaceAll("#…");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH) + "…";
        }
        return s.strip();
    }
}
