package io.pinpointimport.validation;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text checks behind {@link EndpointValidator}: names, address shapes, dates. Each answers with what is wrong,
 * in words that never repeat the checked text, or {@code null}/empty when all is well.
 */
final class Checks {
    /** E.164: {@code +}, then 2 to 15 digits, the first not 0. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** The seed's own examples write SMS numbers without {@code +}, and the service takes them. */
    private static final Pattern PHONE_LENIENT = Pattern.compile("\\+?[1-9][0-9]{1,14}");

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern EMAIL_LOCAL_STRICT = Pattern.compile(ATEXT + "(?:\\." + ATEXT + ")*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
    private static final Pattern EMAIL_LENIENT = Pattern.compile("[^@]+@[^@.]+(?:\\.[^@.]+)+");
    private static final int MAX_EMAIL_LOCAL = 64;
    private static final int MAX_EMAIL = 254;

    private Checks() {
    }

    /** @return the number of Unicode code points: what a person counts as characters */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Why a custom name cannot be used, or an empty list.
     *
     * <p>Header-breaking characters, at both levels: {@code .} (the CSV header {@code Attributes.a.b} would read as
     * a nested member), {@code ,} and {@code "} (CSV field syntax in a header line), control characters and the
     * Unicode line and paragraph separators (they end or corrupt a header line). A name must also not start or end
     * with white space: CSV readers commonly trim header cells, so the name would silently change.
     */
    static List<String> nameProblems(String name, ValidationLevel level) {
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add("is empty");
            return problems;
        }
        int length = length(name);
        if (length > EndpointValidator.MAX_NAME_LENGTH) {
            problems.add("has " + length + " characters, more than the service's " + EndpointValidator.MAX_NAME_LENGTH);
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

    private static boolean breaksHeader(int cp) {
        return cp == '.' || cp == ',' || cp == '"' || Character.isISOControl(cp)
                || cp == '\u2028' || cp == '\u2029';
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
        return !Character.isISOControl(cp) && !Character.isWhitespace(cp) && Character.isDefined(cp)
                && Character.getType(cp) != Character.FORMAT;
    }

    /**
     * A field path segment for a custom name: control and invisible characters escaped, so that a path read in a
     * log shows where the problem is instead of breaking the line.
     */
    static String pathSegment(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (printable(cp) || cp == ' ') {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            }
        });
        return sb.toString();
    }

    /** Why a phone number does not fit the level, or {@code null}. */
    static String phoneProblem(String address, ValidationLevel level) {
        if (level == ValidationLevel.STRICT) {
            return E164.matcher(address).matches() ? null
                    : "must be a phone number in E.164 form: '+', the country code and the subscriber number, "
                            + "2 to 15 digits in all, no spaces or punctuation (for example +12065550100)";
        }
        return PHONE_LENIENT.matcher(address).matches() ? null
                : "must be a phone number of 2 to 15 digits, optionally after a '+', with no spaces or punctuation "
                        + "(E.164, for example +12065550100)";
    }

    /** Why an email address does not fit the level, or {@code null}. */
    static String emailProblem(String address, ValidationLevel level) {
        boolean hasSpace = address.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp)
                || Character.isSpaceChar(cp));
        if (level == ValidationLevel.SERVICE) {
            return !hasSpace && EMAIL_LENIENT.matcher(address).matches() ? null
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
        if (!allowSpaces && address.codePoints().anyMatch(cp -> Character.isWhitespace(cp)
                || Character.isSpaceChar(cp) || Character.isISOControl(cp))) {
            return "must be a device token or registration id without white space or control characters";
        }
        return null;
    }

    /** Why a date is not ISO 8601 in the form the level takes, or {@code null}. */
    static String dateProblem(String date, ValidationLevel level) {
        if (parses(date, DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
            return null;
        }
        if (level == ValidationLevel.STRICT) {
            return "must be an ISO 8601 date and time with an offset or Z, such as 2026-11-29T10:15:30.123Z";
        }
        if (parses(date, DateTimeFormatter.ISO_LOCAL_DATE_TIME) || parses(date, DateTimeFormatter.ISO_LOCAL_DATE)) {
            return null;
        }
        return "must be an ISO 8601 date or date and time, such as 2026-11-29 or 2026-11-29T10:15:30.123Z";
    }

    private static boolean parses(String text, DateTimeFormatter formatter) {
        try {
            formatter.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
