package io.pinpointimport.emulator.profiles.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The standard profile model as far as upload jobs reach it: which {@code Target}s exist, their length limits,
 * enumerations and what each {@code ContentType} accepts. Every rule the model does not state is an assumption
 * written down in {@code docs/emulator-customer-profiles.md} ("Rows and cells").
 */
final class ProfileFields {

    /** Standard profile string fields and attribute names and values: 1-255 characters (the model's limit). */
    static final int MAX_VALUE_LENGTH = 255;
    /** {@code AdditionalInformation} alone allows up to 1,000 characters (model shape sensitiveString1To1000). */
    static final int MAX_ADDITIONAL_INFORMATION_LENGTH = 1000;

    static final String SOURCE_PREFIX = "_source.";
    static final String TARGET_PREFIX = "_profile.";
    static final String ATTRIBUTES = "Attributes.";

    /** Top-level string members of the model's {@code Profile} shape. */
    static final Set<String> STRING_FIELDS = Set.of(
            "AccountNumber",
            "AdditionalInformation",
            "PartyType",
            "BusinessName",
            "FirstName",
            "MiddleName",
            "LastName",
            "BirthDate",
            "Gender",
            "PhoneNumber",
            "MobilePhoneNumber",
            "HomePhoneNumber",
            "BusinessPhoneNumber",
            "EmailAddress",
            "PersonalEmailAddress",
            "BusinessEmailAddress",
            "PartyTypeString",
            "GenderString");
    /** The {@code Address}-shaped members and the members of that shape. */
    static final Set<String> ADDRESS_FIELDS = Set.of("Address", "ShippingAddress", "MailingAddress", "BillingAddress");

    static final Set<String> ADDRESS_MEMBERS = Set.of(
            "Address1",
            "Address2",
            "Address3",
            "Address4",
            "City",
            "County",
            "State",
            "Province",
            "Country",
            "PostalCode");
    /** Enumerated string members (deprecated in the model, still accepted): their allowed values. */
    static final Map<String, Set<String>> ENUMS = Map.of(
            "Gender", Set.of("MALE", "FEMALE", "UNSPECIFIED"),
            "PartyType", Set.of("INDIVIDUAL", "BUSINESS", "OTHER"));

    static final Set<String> CONTENT_TYPES = Set.of("STRING", "NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS", "NAME");

    static final Set<String> EMAIL_FIELDS = Set.of("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress");
    static final Set<String> PHONE_FIELDS =
            Set.of("PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber");

    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");

    private ProfileFields() {}

    static boolean validFieldName(String name) {
        return FIELD_NAME.matcher(name).matches();
    }

    /**
     * @param target a {@code Target} such as {@code _profile.Address.City}
     * @return the path below {@code _profile.} ({@code Address.City}, {@code Attributes.tier}), or {@code null} if
     *         the target names nothing in the standard profile
     */
    static @Nullable String targetPath(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return null;
        }
        String path = target.substring(TARGET_PREFIX.length());
        if (STRING_FIELDS.contains(path)) {
            return path;
        }
        if (path.startsWith(ATTRIBUTES)) {
            String name = path.substring(ATTRIBUTES.length());
            return name.isEmpty() || name.length() > MAX_VALUE_LENGTH ? null : path;
        }
        int dot = path.indexOf('.');
        if (dot > 0
                && ADDRESS_FIELDS.contains(path.substring(0, dot))
                && ADDRESS_MEMBERS.contains(path.substring(dot + 1))) {
            return path;
        }
        return null;
    }

    /**
     * @param source a {@code Source} such as {@code _source.Email}
     * @return the CSV column it names, or {@code null} if it is not of that form (dots in column names are not
     *         supported, as the S3 ingestion guide says)
     */
    static @Nullable String sourceColumn(String source) {
        if (source == null || !source.startsWith(SOURCE_PREFIX)) {
            return null;
        }
        String column = source.substring(SOURCE_PREFIX.length());
        return column.isEmpty() || column.contains(".") ? null : column;
    }

    /**
     * @return why the cell cannot be stored at {@code path}, or {@code null}; never the value itself (it may be
     *         personal data)
     */
    static @Nullable String problem(String path, String contentType, String value) {
        int max = path.equals("AdditionalInformation") ? MAX_ADDITIONAL_INFORMATION_LENGTH : MAX_VALUE_LENGTH;
        if (value.length() > max) {
            return "longer than " + max + " characters";
        }
        Set<String> allowed = ENUMS.get(path);
        if (allowed != null && !allowed.contains(value.toUpperCase(Locale.ROOT))) {
            return "not one of " + allowed;
        }
        switch (contentType) {
            case "EMAIL_ADDRESS" -> {
                if (!EMAIL.matcher(value).matches()) {
                    return "not an email address";
                }
            }
            case "PHONE_NUMBER" -> {
                if (!PHONE.matcher(PHONE_PUNCTUATION.matcher(value).replaceAll(""))
                        .matches()) {
                    return "not a phone number";
                }
            }
            case "NUMBER" -> {
                try {
                    new BigDecimal(value.trim());
                } catch (NumberFormatException e) {
                    return "not a number";
                }
            }
            default -> {
                // STRING and NAME take any text
            }
        }
        return null;
    }
}
