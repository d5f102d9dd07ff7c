package io.pinpointimport.connect.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a profile field's content may be: the {@code ContentType} an upload job declares for each path and the values
 * the service fails a row for. AWS documents none of these checks; the rules here are the project's model of them,
 * the same as the Customer Profiles emulator's ({@code ProfileFields.problem}), and a differential test in the
 * testkit keeps the two in agreement. No promises: internal.
 */
public final class ProfileContent {
    /** Enumerated profile fields (deprecated in the model, still accepted) and their values, in any letter case. */
    public static final Map<String, Set<String>> ENUMS = Map.of(
            "Gender", Set.of("MALE", "FEMALE", "UNSPECIFIED"),
            "PartyType", Set.of("INDIVIDUAL", "BUSINESS", "OTHER"));

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");

    private ProfileContent() {}

    /**
     * @param path a profile path
     * @return the content type the upload job declares for it
     */
    public static String contentType(String path) {
        if (path.endsWith("EmailAddress")) {
            return "EMAIL_ADDRESS";
        }
        if (path.endsWith("PhoneNumber")) {
            return "PHONE_NUMBER";
        }
        if (path.equals("FirstName") || path.equals("MiddleName") || path.equals("LastName")) {
            return "NAME";
        }
        return "STRING";
    }

    /**
     * @param path a profile path
     * @param value a value that is not empty (an empty cell leaves a field as it is and is never checked)
     * @return what the value is not, for a message ("not a phone number ..."), or {@code null} when the service takes
     *     it; never the value itself (it may be personal data)
     */
    public static @Nullable String problem(String path, String value) {
        Set<String> allowed = ENUMS.get(path);
        if (allowed != null && !allowed.contains(value.toUpperCase(Locale.ROOT))) {
            return "not one of " + String.join(", ", new TreeSet<>(allowed)) + " (in any letter case)";
        }
        switch (contentType(path)) {
            case "EMAIL_ADDRESS" -> {
                if (!EMAIL.matcher(value).matches()) {
                    return "not an email address (one @ with text on both sides, no white space)";
                }
            }
            case "PHONE_NUMBER" -> {
                if (!PHONE.matcher(PHONE_PUNCTUATION.matcher(value).replaceAll(""))
                        .matches()) {
                    return "not a phone number (an optional + and 5 to 15 digits 0-9, after removing spaces,"
                            + " parentheses, dots and dashes)";
                }
            }
            default -> {
                // STRING and NAME take any text
            }
        }
        return null;
    }
}
