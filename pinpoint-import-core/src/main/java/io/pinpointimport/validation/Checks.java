package io.pinpointimport.validation;

import io.pinpointimport.internal.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text checks behind {@link EndpointValidator}: names, address shapes, lengths. Each answers with what is wrong,
 * in words that never repeat the checked text, or {@code null}/empty when all is well.
 */
final class Checks {
    /** E.164: {@code +}, then 2 to 15 digits, the first not 0. */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** The seed's own examples write SMS numbers without {@code +}, and the service takes them. */
    static final Pattern PHONE_LENIENT = Pattern.compile("\\+?[1-9][0-9]{1,14}");

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern EMAIL_LOCAL_STRICT = Pattern.compile(ATEXT + "(?:\\." + ATEXT + ")*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
    static final Pattern EMAIL_LENIENT = Pattern.compile("[^@]+@[^@.]+(?:\\.[^@.]+)+");
    private static final int MAX_EMAIL_LOCAL = 64;
    private static final int MAX_EMAIL = 254;

    private Checks() {}

    /**
     * The length the service's limits are checked in: UTF-16 code units, so a character outside the Basic
     * Multilingual Plane (most emoji) counts as 2. The service does not say how it counts; UTF-16 is the stricter
     * of the two usual ways, so a value that passes here cannot be too long for a service that counts code points.
     */
    static int length(String s) {
        return s.length();
    }

    /** The unit {@link #length} counts in, as messages name it. */
    static final String LENGTH_UNIT = "UTF-16 code units (a character outside the Basic Multilingual Plane, such as"
            + " most emoji, counts as 2)";

    /**
     * Why a custom name cannot be used, or an empty list. Its length is a rule of its own ({@link #nameTooLong}).
     *
     * <p>Header-breaking characters, at both levels: {@code .} (the CSV header {@code Attributes.a.b} would read as
     * a nested member), {@code ,} and {@code "} (CSV field syntax in a header line), control characters and the
     * Unicode line and paragraph separators (they end or corrupt a header line). A name must also not start or end
     * with white space: CSV readers commonly trim header cells, so the name would silently change.
     */
    static List<String> nameProblems(String name, ValidationLevel level) {
        if (isPlainName(name, level)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add("is empty");
            return problems;
        }
        if (Character.isWhitespace(name.codePointAt(0))
                || Character.isWhitespace(name.codePointBefore(name.length()))) {
            problems.add("starts or ends with white space, which CSV readers commonly trim away");
        }
        Set<Integer> headerBreaking = new LinkedHashSet<>();
        Set<Integer> consoleUnsafe = new LinkedHashSet<>();
        name.codePoints().forEach(cp -> {
            if (breaksHeader(cp)) {
                headerBreaking.add(cp);
            } else if (level == ValidationLevel.STRICT && "#:?\\/".indexOf(cp) >= 0) {
                consoleUnsafe.add(cp);
            }
        });
        if (!headerBreaking.isEmpty()) {
            problems.add("contains " + describe(headerBreaking)
                    + ", which breaks a dot-notation CSV header such as Attributes.<name>");
        }
        if (!consoleUnsafe.isEmpty()) {
            problems.add("contains " + describe(consoleUnsafe)
                    + ", which the Pinpoint console cannot display (refused at the STRICT level)");
        }
        return problems;
    }

    /**
     * The common case, answered without allocating: a name of printable ASCII other than space (so no white space at
     * either end and no control character) and none of the characters {@link #nameProblems} refuses at the level.
     */
    private static boolean isPlainName(String name, ValidationLevel level) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        boolean strict = level == ValidationLevel.STRICT;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '.' || c == ',' || c == '"') {
                return false;
            }
            if (strict && (c == '#' || c == ':' || c == '?' || c == '\\' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** Why a custom name is too long, or {@code null}. */
    static String nameTooLong(String name) {
        int length = length(name);
        return length <= EndpointValidator.MAX_NAME_LENGTH
                ? null
                : "has " + length + " " + LENGTH_UNIT + ", more than the service's "
                        + EndpointValidator.MAX_NAME_LENGTH;
    }

    private static boolean breaksHeader(int cp) {
        return cp == '.' || cp == ',' || cp == '"' || Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029';
    }

    /** Names characters for a message: printable ones quoted, the others as U+XXXX. */
    private static String describe(Set<Integer> codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int cp : codePoints) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(printable(cp) ? "'" + Character.toString(cp) + "'" : String.format(Locale.ROOT, "U+%04X", cp));
        }
        return sb.toString();
    }

    private static boolean printable(int cp) {
        return !Character.isISOControl(cp)
                && !Character.isWhitespace(cp)
                && Character.isDefined(cp)
                && Character.getType(cp) != Character.FORMAT;
    }

    /**
     * A field path segment for a custom name: control and invisible characters escaped, so that a path read in a
     * log shows where the problem is instead of breaking the line, and a long name cut short.
     */
    static String pathSegment(String name) {
        return SafeText.escape(name);
    }

    /** Why a phone number does not fit the level, or {@code null}. */
    static String phoneProblem(String address, ValidationLevel level) {
        if (level == ValidationLevel.STRICT) {
            return isPhone(address, true)
                    ? null
                    : "must be a phone number in E.164 form: '+', the country code and the subscriber number, "
                            + "2 to 15 digits in all, no spaces or punctuation (for example +12065550100)";
        }
        return isPhone(address, false)
                ? null
                : "must be a phone number of 2 to 15 digits, optionally after a '+', with no spaces or punctuation "
                        + "(E.164, for example +12065550100)";
    }

    /**
     * {@link #E164} when {@code plusRequired}, else {@link #PHONE_LENIENT}, without a matcher: an optional (or
     * required) {@code +}, a digit 1-9, then 1 to 14 digits 0-9.
     */
    static boolean isPhone(String s, boolean plusRequired) {
        int n = s.length();
        int i = 0;
        if (n > 0 && s.charAt(0) == '+') {
            i = 1;
        } else if (plusRequired) {
            return false;
        }
        int digits = n - i;
        if (digits < 2 || digits > 15) {
            return false;
        }
        char first = s.charAt(i);
        if (first < '1' || first > '9') {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text holds white space, a control character or a space character: an ASCII text is judged in place
     * (code units up to space, and DEL, are the only such ASCII characters), any other by code point.
     */
    private static boolean hasSpaceOrControl(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.codePoints()
                        .anyMatch(cp ->
                                Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp));
            }
            if (c <= ' ' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #EMAIL_LENIENT} without a matcher: at least one character before the first {@code @}, no other
     * {@code @}, and after it at least two non-empty labels separated by single dots.
     */
    static boolean isLenientEmail(String s) {
        int at = s.indexOf('@');
        if (at <= 0) {
            return false;
        }
        int n = s.length();
        int labelStart = at + 1;
        int labels = 0;
        for (int i = at + 1; i <= n; i++) {
            char c = i == n ? '.' : s.charAt(i);
            if (c == '@') {
                return false;
            }
            if (c == '.') {
                if (i == labelStart) {
                    return false; // an empty label
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2;
    }

    /** Why an email address does not fit the level, or {@code null}. */
    static String emailProblem(String address, ValidationLevel level) {
        boolean hasSpace = hasSpaceOrControl(address);
        if (level == ValidationLevel.SERVICE) {
            return !hasSpace && isLenientEmail(address)
                    ? null
                    : "must be an email address: one '@', no white space, and a domain with a dot";
        }
        String what = "must be an email address with an ASCII local part of at most " + MAX_EMAIL_LOCAL
                + " characters, one '@' and a domain of letters, digits and hyphens, at most " + MAX_EMAIL
                + " characters in all";
        if (hasSpace || address.length() > MAX_EMAIL) {
            return what;
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at > MAX_EMAIL_LOCAL) {
            return what;
        }
        if (!EMAIL_LOCAL_STRICT.matcher(address.substring(0, at)).matches()) {
            return what;
        }
        String domain = address.substring(at + 1);
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || !HAS_LETTER.matcher(labels[labels.length - 1]).matches()) {
            return what;
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return what;
            }
        }
        return null;
    }

    /** Why a device or channel token is unusable, or {@code null}. */
    static String tokenProblem(String address, boolean allowSpaces) {
        if (address.isBlank()) {
            return "must not be blank";
        }
        if (!allowSpaces && hasSpaceOrControl(address)) {
            return "must be a device token or registration id without white space or control characters";
        }
        return null;
    }
}
