package io.pinpointimport.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pinpointimport.ImportException;
import io.pinpointimport.connect.internal.ProfileContent;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.RecordCheck;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link EndpointDefinition} becomes a Customer Profiles {@link ProfileRow}: the one place the mapping lives.
 * AWS publishes no mapping from Pinpoint endpoints to profiles; the default table below is this library's, written
 * out in {@code docs/customer-profiles.md}, and a caller can extend or replace it ({@link Builder#customize},
 * {@link Builder#defaultTable(boolean)}).
 *
 * <p><b>One profile per user.</b> The profile's key is {@code User.UserId}, or the endpoint's {@code Id} for an
 * endpoint without a user. Every endpoint is one row; the rows of one user's endpoints carry the same key and each
 * sets only its own fields, so the service merges them into one profile (a later row sets the fields it has; an
 * empty cell leaves a field as it is). A user's EMAIL and SMS endpoints therefore give one profile with both
 * addresses, whichever shards and jobs the rows land in.
 *
 * <p><b>The default table.</b>
 * <ul>
 * <li>key ({@code User.UserId}, else {@code Id}) → {@value #KEY_FIELD} (the upload file's {@code UniqueKey} column)</li>
 * <li>EMAIL address → {@code EmailAddress}; SMS address → {@code PhoneNumber}; VOICE address →
 * {@code HomePhoneNumber}; any other channel's address (push tokens, CUSTOM, IN_APP) →
 * {@code Attributes.<ChannelType>_Address}</li>
 * <li>{@code Location.City / Country / PostalCode / Region} → {@code Address.City / Country / PostalCode / State};
 * {@code Location.Latitude / Longitude} → {@code Attributes.Location_Latitude / Location_Longitude}</li>
 * <li>what belongs to the endpoint (the device) goes to attributes prefixed by its channel type, so that one user's
 * endpoints do not overwrite each other: {@code Id} → {@code <ChannelType>_EndpointId}, {@code OptOut},
 * {@code EndpointStatus}, {@code EffectiveDate} → {@code <ChannelType>_OptOut} ..., {@code Demographic.<Member>} →
 * {@code <ChannelType>_Demographic_<Member>}, {@code Metrics.<name>} → {@code <ChannelType>_Metric_<name>}
 * (an endpoint without a channel type uses {@code Endpoint} as its prefix)</li>
 * <li>{@code Attributes.<name>} → {@code Attributes.<name>}; {@code User.UserAttributes.<name>} →
 * {@code Attributes.User_<name>}</li>
 * <li>multi-valued attributes: one value as it is; several as a JSON array ({@code ["cooking","hiking"]}); empty
 * values are left out; numbers in plain decimal ({@code 3}, {@code 47.6062})</li>
 * <li>{@code RequestId} is not mapped</li>
 * </ul>
 *
 * <p><b>Rules</b> ({@link #recordCheck()}, added to validation by the target): a record needs a key
 * ({@link Rule#TARGET_UNMAPPABLE}); every value, the key included, is at most {@value #MAX_VALUE_LENGTH} characters
 * (UTF-16 code units) ({@link Rule#TARGET_VALUE_TOO_LONG}); every attribute name is 1 to {@value #MAX_VALUE_LENGTH}
 * characters without a dot ({@link Rule#TARGET_NAME_INVALID}); two sources may not fill one field
 * ({@link Rule#TARGET_UNMAPPABLE}); no value may hold a line break ({@link Rule#CSV_UNWRITABLE_VALUE}); a value must
 * be what the upload job declares for its field ({@link Rule#TARGET_VALUE_INVALID}): in a field whose name ends in
 * {@code EmailAddress}, one {@code @} with text on both sides and no white space; in one ending in
 * {@code PhoneNumber}, an optional {@code +} and 5 to 15 digits {@code 0-9} once spaces, parentheses, dots and dashes
 * are removed; in {@code Gender}, {@code MALE}, {@code FEMALE} or {@code UNSPECIFIED}, and in {@code PartyType},
 * {@code INDIVIDUAL}, {@code BUSINESS} or {@code OTHER}, in any letter case. This holds for the default table (an SMS
 * address such as {@code +1555} passes the Pinpoint rules but is no profile phone number) and for custom steps alike.
 * Rejections name the field and the limit, never the value.
 *
 * <pre>{@code
 * ProfileMapping mapping = ProfileMapping.builder()
 *     .customize((endpoint, row) -> row.attribute("Source", "pinpoint-migration"))
 *     .build();
 * }</pre>
 */
public final class ProfileMapping {
    /** The most characters (UTF-16 code units) of a profile value, key or attribute name: {@value}. */
    public static final int MAX_VALUE_LENGTH = 255;
    /** The profile field the key column fills: {@value}. */
    public static final String KEY_FIELD = "AccountNumber";
    /** The prefix of attribute paths: {@value}. */
    public static final String ATTRIBUTES_PREFIX = "Attributes.";

    /** The standard profile fields a row may set, besides {@code Attributes.<name>} (the key's field excluded). */
    public static final Set<String> STANDARD_FIELDS = Set.of(
            "FirstName",
            "MiddleName",
            "LastName",
            "BirthDate",
            "Gender",
            "GenderString",
            "PhoneNumber",
            "MobilePhoneNumber",
            "HomePhoneNumber",
            "BusinessPhoneNumber",
            "EmailAddress",
            "PersonalEmailAddress",
            "BusinessEmailAddress",
            "AdditionalInformation",
            "PartyType",
            "PartyTypeString",
            "BusinessName",
            "Address.Address1",
            "Address.Address2",
            "Address.Address3",
            "Address.Address4",
            "Address.City",
            "Address.County",
            "Address.State",
            "Address.Province",
            "Address.Country",
            "Address.PostalCode",
            "ShippingAddress.Address1",
            "ShippingAddress.City",
            "ShippingAddress.State",
            "ShippingAddress.Country",
            "ShippingAddress.PostalCode",
            "MailingAddress.Address1",
            "MailingAddress.City",
            "MailingAddress.State",
            "MailingAddress.Country",
            "MailingAddress.PostalCode",
            "BillingAddress.Address1",
            "BillingAddress.City",
            "BillingAddress.State",
            "BillingAddress.Country",
            "BillingAddress.PostalCode");

    private static final ProfileMapping DEFAULTS = builder().build();
    private static final JsonFactory JSON = new JsonFactory();

    private final boolean defaultTable;
    private final List<BiConsumer<EndpointDefinition, ProfileRow.Builder>> steps;
    private final RecordCheck check = this::check;

    private ProfileMapping(Builder b) {
        this.defaultTable = b.defaultTable;
        this.steps = List.copyOf(b.steps);
    }

    /** @return the default table, unchanged */
    public static ProfileMapping ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the default table */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the rules of this mapping, as a check for the validator (the same object on every call) */
    public RecordCheck recordCheck() {
        return check;
    }

    /**
     * Checks that a record maps onto a profile row within the service's limits.
     *
     * @param recordIndex the record's position in its run, copied into each rejection
     * @param definition the record
     * @return every rule the mapping breaks; empty when the record maps
     */
    public List<Rejection> check(long recordIndex, EndpointDefinition definition) {
        Problems problems = new Problems(recordIndex);
        mapInto(definition, problems);
        return problems.list == null ? List.of() : Collections.unmodifiableList(problems.list);
    }

    /**
     * Maps a record that {@link #check} accepts.
     *
     * @param definition the record
     * @return its profile row
     * @throws ImportException when the record does not map (the message names the field and rule, never a value)
     */
    public ProfileRow map(EndpointDefinition definition) {
        Problems problems = new Problems(-1);
        ProfileRow row = mapInto(definition, problems);
        if (problems.list != null) {
            Rejection first = problems.list.get(0);
            throw new ImportException("The record does not map onto a profile: "
                    + first.field().orElse("record") + " [" + first.rule().id() + "]: " + first.message());
        }
        return row;
    }

    private ProfileRow mapInto(EndpointDefinition d, Problems problems) {
        Objects.requireNonNull(d, "definition");
        ProfileRow.Builder row = ProfileRow.builder();
        Map<String, String> sources = new LinkedHashMap<>();
        if (defaultTable) {
            defaultTable(d, row, sources, problems);
        }
        for (BiConsumer<EndpointDefinition, ProfileRow.Builder> step : steps) {
            try {
                step.accept(d, row);
            } catch (RuntimeException e) {
                // the exception's message may quote the record: only its type is reported
                problems.add(
                        null,
                        Rule.TARGET_UNMAPPABLE,
                        "The custom profile mapping failed on this record ("
                                + e.getClass().getSimpleName() + ").");
                return row.build();
            }
        }
        ProfileRow built = row.build();
        checkLimits(built, sources, problems);
        return built;
    }

    private static void defaultTable(
            EndpointDefinition d, ProfileRow.Builder row, Map<String, String> sources, Problems problems) {
        EndpointUser user = d.user();
        String userId = user == null ? null : user.userId();
        if (userId != null && !userId.isEmpty()) {
            row.key(userId);
            sources.put("key", "User.UserId");
        } else if (d.id() != null && !d.id().isEmpty()) {
            row.key(d.id());
            sources.put("key", "Id");
        }
        ChannelType channel = d.channelType();
        String prefix = channel == null
                ? "Endpoint"
                : d.channelTypeAsString().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        String address = d.address();
        if (address != null) {
            if (channel == ChannelType.EMAIL) {
                set(row, sources, "EmailAddress", address, "Address", problems);
            } else if (channel == ChannelType.SMS) {
                set(row, sources, "PhoneNumber", address, "Address", problems);
            } else if (channel == ChannelType.VOICE) {
                set(row, sources, "HomePhoneNumber", address, "Address", problems);
            } else {
                set(row, sources, ATTRIBUTES_PREFIX + prefix + "_Address", address, "Address", problems);
            }
        }
        attribute(row, sources, prefix + "_EndpointId", d.id(), "Id", problems);
        attribute(row, sources, prefix + "_OptOut", d.optOutAsString(), "OptOut", problems);
        attribute(row, sources, prefix + "_EndpointStatus", d.endpointStatusAsString(), "EndpointStatus", problems);
        attribute(row, sources, prefix + "_EffectiveDate", d.effectiveDate(), "EffectiveDate", problems);
        Location l = d.location();
        if (l != null) {
            set(row, sources, "Address.City", l.city(), "Location.City", problems);
            set(row, sources, "Address.Country", l.country(), "Location.Country", problems);
            set(row, sources, "Address.PostalCode", l.postalCode(), "Location.PostalCode", problems);
            set(row, sources, "Address.State", l.region(), "Location.Region", problems);
            attribute(row, sources, "Location_Latitude", number(l.latitude()), "Location.Latitude", problems);
            attribute(row, sources, "Location_Longitude", number(l.longitude()), "Location.Longitude", problems);
        }
        Demographic g = d.demographic();
        if (g != null) {
            String p = prefix + "_Demographic_";
            attribute(row, sources, p + "AppVersion", g.appVersion(), "Demographic.AppVersion", problems);
            attribute(row, sources, p + "Locale", g.locale(), "Demographic.Locale", problems);
            attribute(row, sources, p + "Make", g.make(), "Demographic.Make", problems);
            attribute(row, sources, p + "Model", g.model(), "Demographic.Model", problems);
            attribute(row, sources, p + "ModelVersion", g.modelVersion(), "Demographic.ModelVersion", problems);
            attribute(row, sources, p + "Platform", g.platform(), "Demographic.Platform", problems);
            attribute(
                    row, sources, p + "PlatformVersion", g.platformVersion(), "Demographic.PlatformVersion", problems);
            attribute(row, sources, p + "Timezone", g.timezone(), "Demographic.Timezone", problems);
        }
        for (Map.Entry<String, Double> m : d.metrics().entrySet()) {
            if (nameOk(m.getKey(), "Metrics", problems)) {
                attribute(
                        row,
                        sources,
                        prefix + "_Metric_" + m.getKey(),
                        number(m.getValue()),
                        "Metrics." + m.getKey(),
                        problems);
            }
        }
        for (Map.Entry<String, List<String>> a : d.attributes().entrySet()) {
            if (nameOk(a.getKey(), "Attributes", problems)) {
                attribute(row, sources, a.getKey(), join(a.getValue()), "Attributes." + a.getKey(), problems);
            }
        }
        if (user != null) {
            for (Map.Entry<String, List<String>> a : user.userAttributes().entrySet()) {
                if (nameOk(a.getKey(), "User.UserAttributes", problems)) {
                    attribute(
                            row,
                            sources,
                            "User_" + a.getKey(),
                            join(a.getValue()),
                            "User.UserAttributes." + a.getKey(),
                            problems);
                }
            }
        }
    }

    private static boolean nameOk(String name, String map, Problems problems) {
        if (name == null || name.isEmpty() || name.indexOf('.') >= 0) {
            problems.add(
                    map,
                    Rule.TARGET_NAME_INVALID,
                    "A name in " + map + " is empty or holds a dot; a profile" + " attribute name cannot.");
            return false;
        }
        return true;
    }

    private static void attribute(
            ProfileRow.Builder row,
            Map<String, String> sources,
            String name,
            String value,
            String source,
            Problems problems) {
        set(row, sources, ATTRIBUTES_PREFIX + name, value, source, problems);
    }

    private static void set(
            ProfileRow.Builder row,
            Map<String, String> sources,
            String path,
            String value,
            String source,
            Problems problems) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String earlier = sources.putIfAbsent(path, source);
        if (earlier != null) {
            problems.add(
                    source,
                    Rule.TARGET_UNMAPPABLE,
                    source + " and " + earlier + " both map to the profile field " + path + "; rename one of them.");
            return;
        }
        row.put(path, value);
    }

    private static void checkLimits(ProfileRow row, Map<String, String> sources, Problems problems) {
        if (row.key().isEmpty()) {
            problems.add(
                    "User.UserId",
                    Rule.TARGET_UNMAPPABLE,
                    "A profile needs a key: the record has neither a" + " User.UserId nor an Id.");
        } else {
            checkValue(row.key().get(), sources.getOrDefault("key", "key"), problems);
        }
        for (Map.Entry<String, String> f : row.fields().entrySet()) {
            String path = f.getKey();
            String source = sources.getOrDefault(path, path);
            if (path.startsWith(ATTRIBUTES_PREFIX) && path.length() - ATTRIBUTES_PREFIX.length() > MAX_VALUE_LENGTH) {
                problems.add(
                        source,
                        Rule.TARGET_NAME_INVALID,
                        "The profile attribute name for " + source + " is "
                                + (path.length() - ATTRIBUTES_PREFIX.length()) + " characters; at most "
                                + MAX_VALUE_LENGTH
                                + " are allowed.");
            }
            checkValue(f.getValue(), source, problems);
            String wrong = ProfileContent.problem(path, f.getValue());
            if (wrong != null) {
                problems.add(
                        source,
                        Rule.TARGET_VALUE_INVALID,
                        "The profile value " + (source.equals(path) ? "" : "from " + source + " ") + "for the field "
                                + path + " (" + ProfileContent.contentType(path) + ") is " + wrong + ".");
            }
        }
    }

    private static void checkValue(String value, String source, Problems problems) {
        if (value.length() > MAX_VALUE_LENGTH) {
            problems.add(
                    source,
                    Rule.TARGET_VALUE_TOO_LONG,
                    "The profile value from " + source + " is "
                            + value.length() + " characters (UTF-16 code units) long; a profile field holds at most "
                            + MAX_VALUE_LENGTH + ".");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            problems.add(
                    source,
                    Rule.CSV_UNWRITABLE_VALUE,
                    "The profile value from " + source + " holds a line"
                            + " break, which the upload file (CSV) cannot carry.");
        }
    }

    static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.startsWith(ATTRIBUTES_PREFIX)) {
            String name = path.substring(ATTRIBUTES_PREFIX.length());
            if (name.isEmpty() || name.indexOf('.') >= 0) {
                throw new IllegalArgumentException("An attribute path is Attributes.<name>, with a name that is not"
                        + " empty and holds no dot: " + path);
            }
            return;
        }
        if (!STANDARD_FIELDS.contains(path)) {
            throw new IllegalArgumentException(path + " is not a profile field this mapping writes (one of "
                    + "ProfileMapping.STANDARD_FIELDS, or Attributes.<name>); the key goes in key()");
        }
    }

    /**
     * Joins a multi-valued attribute: empty values left out; one value as it is; several as a JSON array.
     *
     * @param values the values
     * @return the joined text, or null when no value is left
     */
    static @Nullable String join(List<String> values) {
        List<String> kept = new ArrayList<>(values.size());
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                kept.add(v);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String v : kept) {
                g.writeString(v);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String number(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return "ProfileMapping{defaultTable=" + defaultTable + ", customSteps=" + steps.size() + "}";
    }

    private static final class Problems {
        private final long recordIndex;
        private List<Rejection> list;

        Problems(long recordIndex) {
            this.recordIndex = recordIndex;
        }

        void add(String field, Rule rule, String message) {
            if (list == null) {
                list = new ArrayList<>(2);
            }
            list.add(Rejection.builder()
                    .recordIndex(recordIndex)
                    .field(field)
                    .rule(rule)
                    .message(message)
                    .build());
        }
    }

    /** Builds a {@link ProfileMapping}. */
    public static final class Builder {
        private boolean defaultTable = true;
        private final List<BiConsumer<EndpointDefinition, ProfileRow.Builder>> steps = new ArrayList<>();

        private Builder() {}

        /**
         * @param use whether the default table fills the row before the custom steps; default {@code true}. Without
         *     it, the custom steps alone make the row (and must set its key).
         * @return this builder
         */
        public Builder defaultTable(boolean use) {
            this.defaultTable = use;
            return this;
        }

        /**
         * Adds a step that runs after the default table (and the steps added before it) on every record: it may set,
         * replace or remove fields and the key. It must be deterministic (a resumed run maps the same records again)
         * and must not throw for bad data (the record is then rejected without the exception's message).
         *
         * @param step what to do with the endpoint and the row so far
         * @return this builder
         */
        public Builder customize(BiConsumer<EndpointDefinition, ProfileRow.Builder> step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** @return the mapping */
        public ProfileMapping build() {
            return new ProfileMapping(this);
        }
    }
}
