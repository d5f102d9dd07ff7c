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
            return E164.matcher(address).matches()
                    ? null
                    : "must be a phone number in E.164 form: '+', the country code and the subscriber number, "
                            + "2 to 15 digits in all, no spaces or punctuation (for example +12065550100)";
        }
        return PHONE_LENIENT.matcher(address).matches()
                ? null
                : "must be a phone number of 2 to 15 digits, optionally after a '+', with no spaces or punctuation "
                        + "(E.164, for example +12065550100)";
    }

    /** Why an email address does not fit the level, or {@code null}. */
    static String emailProblem(String address, ValidationLevel level) {
        boolean hasSpace = address.codePoints()
                .anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp));
        if (level == ValidationLevel.SERVICE) {
            return !hasSpace && EMAIL_LENIENT.matcher(address).matches()
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
        if (!allowSpaces
                && address.codePoints()
                        .anyMatch(cp -> Character.isWhitespace(cp)
                                || Character.isSpaceChar(cp)
                                || Character.isISOControl(cp))) {
            return "must be a device token or registration id without white space or control characters";
        }
        return null;
    }
}
