package io.pinpointimport.validation;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.internal.json.Field;
import io.pinpointimport.internal.json.NdjsonEncoder;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.model.OptOut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks one endpoint definition against the service's rules and returns every rule it breaks, not only the first.
 * Immutable and thread-safe: one validator may serve any number of runs and threads.
 *
 * <p>Each {@link Rejection} names the record's position, the field path ({@code Address}, {@code Location.Latitude},
 * {@code Attributes.Interests}, {@code User.UserAttributes.tier[3]}, {@code Metrics.purchases}; value indexes are
 * 0-based), the {@link Rule} and a message that says what the service allows. Messages never repeat the offending
 * value: not the address, not an attribute or metric value, not even text in {@code ChannelType}, because a shifted
 * CSV column can put an address there.
 *
 * <p>The rules that hold across a run (at most {@value #DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES} custom attribute names,
 * at most {@value #DEFAULT_MAX_ENDPOINTS_PER_USER} endpoints per user id) need state: {@link #newRun()} starts a
 * {@link RunValidator} that checks both kinds, and is what an importer calls per record.
 *
 * <pre>{@code
 * EndpointValidator validator = EndpointValidator.builder().level(ValidationLevel.STRICT).build();
 * try (RunValidator run = validator.newRun()) {
 *     long index = 0;
 *     for (EndpointDefinition endpoint : endpoints) {
 *         List<Rejection> rejections = run.validate(index++, endpoint);
 *         if (rejections.isEmpty()) {
 *             writer.write(endpoint);
 *         } else {
 *             rejections.forEach(r -> log.warn(r.describe()));
 *         }
 *     }
 * }
 * }</pre>
 */
public final class EndpointValidator {
    private static final ThreadLocal<NdjsonEncoder> ENCODER = ThreadLocal.withInitial(NdjsonEncoder::new);

    /** The level used unless {@link Builder#level} says otherwise: {@link ValidationLevel#SERVICE}. */
    public static final ValidationLevel DEFAULT_LEVEL = ValidationLevel.SERVICE;
    /**
     * Most characters in a custom attribute, user attribute or metric name: 50, counted in UTF-16 code units (a
     * character outside the Basic Multilingual Plane counts as 2).
     */
    public static final int MAX_NAME_LENGTH = 50;
    /**
     * Most characters in one attribute value: 100, counted in UTF-16 code units (a character outside the Basic
     * Multilingual Plane counts as 2).
     */
    public static final int MAX_VALUE_LENGTH = 100;
    /** Most values one attribute or user attribute may hold: 50. */
    public static final int MAX_VALUES_PER_ATTRIBUTE = 50;
    /**
     * The service's endpoint size limit, 15 KB, taken as 15 × 1024 = {@value} bytes of the compact JSON encoding
     * (one NDJSON line, UTF-8, without the line end). The service does not say how it counts; lower the limit with
     * {@link Builder#maxEndpointBytes} for a margin.
     */
    public static final long DEFAULT_MAX_ENDPOINT_BYTES = 15 * 1024;
    /**
     * Most distinct custom attribute names a run may use, {@code Attributes}, {@code Metrics} and
     * {@code User.UserAttributes} together: {@value}, the service's default quota per project. The service counts
     * names already in the project too, which the library cannot see; lower the limit to leave room for them, or
     * raise it if the project's quota was raised.
     */
    public static final int DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES = 250;
    /** Most endpoints one user id may have: {@value}, a fixed service limit. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_USER = 15;

    private static final EndpointValidator DEFAULTS = builder().build();
    private static final int PLAIN_NAME_SLOTS = 256;

    private final ValidationLevel level;
    private final long maxEndpointBytes;
    private final int maxCustomAttributeNames;
    private final int maxEndpointsPerUser;
    private final List<RecordCheck> checks;
    // Custom names found plain: the same names come back record after record (the CSV reader even hands the same
    // objects, from its header), so a known name costs a comparison instead of the rules' scan. Shared by the
    // threads that validate without a lock: a slot holds null or a name found plain, and a stale read only means
    // the name is checked again.
    private final String[] plainNames = new String[PLAIN_NAME_SLOTS];

    private EndpointValidator(Builder b) {
        this.level = b.level;
        this.maxEndpointBytes = b.maxEndpointBytes;
        this.maxCustomAttributeNames = b.maxCustomAttributeNames;
        this.maxEndpointsPerUser = b.maxEndpointsPerUser;
        this.checks = List.copyOf(b.checks);
    }

    /**
     * A validator with every default: level {@link #DEFAULT_LEVEL} and the service's limits.
     *
     * @return the shared default validator
     */
    public static EndpointValidator ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts from the defaults and applies a change.
     *
     * @param configuration fills the builder
     * @return the validator
     */
    public static EndpointValidator of(Consumer<Builder> configuration) {
        Builder b = builder();
        configuration.accept(b);
        return b.build();
    }

    /** @return a builder holding this validator's settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the checks added to the built-in rules, such as an import target's ({@link Builder#addCheck}) */
    public List<RecordCheck> checks() {
        return checks;
    }

    /**
     * @param check rules to add, such as {@link io.pinpointimport.spi.ImportTarget#recordCheck()}
     * @return a validator with this one's settings and the check added; this one when the check is
     *     {@link RecordCheck#NONE} or already added
     */
    public EndpointValidator withCheck(RecordCheck check) {
        Objects.requireNonNull(check, "check");
        if (check == RecordCheck.NONE || checks.contains(check)) {
            return this;
        }
        return toBuilder().addCheck(check).build();
    }

    /** @return how strictly records are judged */
    public ValidationLevel level() {
        return level;
    }

    /** @return the largest accepted endpoint, in bytes of its compact JSON encoding */
    public long maxEndpointBytes() {
        return maxEndpointBytes;
    }

    /** @return the most distinct custom attribute names a run may use (checked by {@link RunValidator}) */
    public int maxCustomAttributeNames() {
        return maxCustomAttributeNames;
    }

    /** @return the most endpoints one user id may have in a run (checked by {@link RunValidator}) */
    public int maxEndpointsPerUser() {
        return maxEndpointsPerUser;
    }

    /**
     * Starts checking a run: the returned validator applies this validator's per-record rules and adds the rules
     * that hold across the run. Past {@link RunValidator#DEFAULT_HEAP_BUDGET_BYTES} of heap its state moves to
     * temporary files in {@code java.io.tmpdir}; close it when the run ends.
     *
     * @return a new, empty run validator
     */
    public RunValidator newRun() {
        return newRun(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Starts checking a run whose state, once past {@link RunValidator#DEFAULT_HEAP_BUDGET_BYTES} of heap, moves to
     * temporary files in the given directory (see {@link RunValidator}). Close the run validator when the run ends.
     *
     * @param spillDirectory where the run's state may go; created when needed
     * @return a new, empty run validator
     */
    public RunValidator newRun(Path spillDirectory) {
        return new RunValidator(this, spillDirectory, RunValidator.DEFAULT_HEAP_BUDGET_BYTES);
    }

    /**
     * Checks one record against every per-record rule. Does not check the rules across a run; use
     * {@link #newRun()} for those.
     *
     * @param recordIndex the record's 0-based position in the run's input, copied into each rejection
     * @param definition the record
     * @return every rule the record breaks, in field order; empty when it may be imported; unmodifiable
     */
    public List<Rejection> validate(long recordIndex, EndpointDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Collector c = new Collector(recordIndex);
        checkIdentity(definition, c);
        checkEnums(definition, c);
        checkUnsupported(definition, c);
        checkEmpty(definition, c);
        checkLocation(definition.location(), c);
        checkMultiMap("Attributes", "Custom attribute", definition.attributes(), c);
        checkMetrics(definition.metrics(), c);
        EndpointUser user = definition.user();
        if (user != null) {
            checkMultiMap("User.UserAttributes", "User attribute", user.userAttributes(), c);
        }
        // Measured with the writer's own encoder, so the size checked is the size written; -1 means a number that
        // is not finite, which the metric and location rules above already report. Encoded only when a bound from
        // the string lengths says it may be too large: almost no record is.
        long bytes = NdjsonEncoder.maxEncodedSize(definition) <= maxEndpointBytes
                ? -1
                : ENCODER.get().encodedSize(definition);
        if (bytes > maxEndpointBytes) {
            c.add(
                    null,
                    Rule.ENDPOINT_TOO_LARGE,
                    "The endpoint encodes to " + bytes + " bytes of JSON, more than the "
                            + maxEndpointBytes + " allowed (the service's limit is 15 KB per endpoint); "
                            + "use fewer or shorter attributes.");
        }
        for (RecordCheck check : checks) {
            for (Rejection r : check.check(recordIndex, definition)) {
                c.add(r);
            }
        }
        return c.result();
    }

    private void checkIdentity(EndpointDefinition d, Collector c) {
        String id = d.id();
        boolean update = id != null && !id.isBlank();
        if (id != null) {
            if (!update) {
                c.add("Id", Rule.ID_INVALID, "Id must not be blank; leave it out to create a new endpoint.");
            } else if (id.indexOf('$') >= 0 || id.indexOf('{') >= 0 || id.indexOf('}') >= 0) {
                c.add("Id", Rule.ID_INVALID, "Id must not contain '$', '{' or '}'.");
            }
        }
        String channelText = d.channelTypeAsString();
        ChannelType channel = d.channelType();
        if (channelText == null || (channelText.isBlank() && !update)) {
            if (!update) {
                c.add(
                        "ChannelType",
                        Rule.CHANNEL_TYPE_REQUIRED,
                        "A new endpoint (one without an Id) needs a ChannelType.");
            }
            channel = null;
        } else if (channel == ChannelType.UNKNOWN_TO_LIBRARY) {
            c.add(
                    "ChannelType",
                    Rule.CHANNEL_TYPE_UNKNOWN,
                    "ChannelType is not one of the service's channel types: " + channelTypeNames() + ".");
        }
        String address = d.address();
        boolean hasAddress = address != null && !address.isBlank();
        if (!hasAddress && !update) {
            c.add("Address", Rule.ADDRESS_REQUIRED, "A new endpoint (one without an Id) needs an Address.");
            return;
        }
        if (address == null || channel == null || channel == ChannelType.UNKNOWN_TO_LIBRARY) {
            // Without a known channel there is no shape to hold the address to.
            return;
        }
        switch (channel) {
            case SMS, VOICE -> {
                String problem = Checks.phoneProblem(address, level);
                if (problem != null) {
                    c.add("Address", Rule.ADDRESS_PHONE_FORMAT, "The " + channel.value() + " address " + problem + ".");
                }
            }
            case EMAIL -> {
                String problem = Checks.emailProblem(address, level);
                if (problem != null) {
                    c.add("Address", Rule.ADDRESS_EMAIL_FORMAT, "The EMAIL address " + problem + ".");
                }
            }
            default -> {
                // The service documents no shape for CUSTOM and IN_APP addresses: only require some text.
                String problem = Checks.tokenProblem(address, !channel.isPush());
                if (problem != null) {
                    c.add("Address", Rule.ADDRESS_TOKEN_FORMAT, "The " + channel.value() + " address " + problem + ".");
                }
            }
        }
    }

    private static void checkEnums(EndpointDefinition d, Collector c) {
        // The raw text is never echoed: a misaligned CSV column can carry personal data into these fields.
        if (d.optOut() == OptOut.UNKNOWN_TO_LIBRARY) {
            c.add("OptOut", Rule.OPT_OUT_UNKNOWN, "OptOut must be ALL or NONE.");
        }
    }

    /**
     * Members the import does not take. Refused rather than left out: a member dropped on the way would be data lost
     * without a word, and a member written would fail the row in the service (for CSV, every row of the file).
     */
    private static void checkUnsupported(EndpointDefinition d, Collector c) {
        if (d.endpointStatusAsString() != null) {
            c.add(
                    "EndpointStatus",
                    Rule.MEMBER_UNSUPPORTED,
                    "EndpointStatus cannot be imported: the service sets it"
                            + " itself and refuses it in an import file; leave it out.");
        }
        if (d.effectiveDate() != null) {
            c.add(
                    "EffectiveDate",
                    Rule.MEMBER_UNSUPPORTED,
                    "EffectiveDate cannot be imported: the import"
                            + " documentation says imports do not support it; leave it out.");
        }
    }

    /**
     * Empty text: an empty CSV cell means "absent", so an empty value would vanish in a CSV file and stay in a JSON
     * one. Refused in both formats, so that what is imported never depends on the format.
     */
    private static void checkEmpty(EndpointDefinition d, Collector c) {
        // Every text member in the order of Field, read straight from the model (Field.text's switch per member
        // cost a measurable share of each record). Id and ChannelType have rules of their own, EndpointStatus and
        // EffectiveDate are refused whatever they hold, and numbers cannot be empty.
        checkEmpty(Field.ADDRESS, d.address(), c);
        checkEmpty(Field.OPT_OUT, d.optOutAsString(), c);
        checkEmpty(Field.REQUEST_ID, d.requestId(), c);
        Location l = d.location();
        if (l != null) {
            checkEmpty(Field.LOCATION_COUNTRY, l.country(), c);
            checkEmpty(Field.LOCATION_REGION, l.region(), c);
            checkEmpty(Field.LOCATION_CITY, l.city(), c);
            checkEmpty(Field.LOCATION_POSTAL_CODE, l.postalCode(), c);
        }
        Demographic g = d.demographic();
        if (g != null) {
            checkEmpty(Field.DEMOGRAPHIC_PLATFORM, g.platform(), c);
            checkEmpty(Field.DEMOGRAPHIC_PLATFORM_VERSION, g.platformVersion(), c);
            checkEmpty(Field.DEMOGRAPHIC_MAKE, g.make(), c);
            checkEmpty(Field.DEMOGRAPHIC_MODEL, g.model(), c);
            checkEmpty(Field.DEMOGRAPHIC_MODEL_VERSION, g.modelVersion(), c);
            checkEmpty(Field.DEMOGRAPHIC_APP_VERSION, g.appVersion(), c);
            checkEmpty(Field.DEMOGRAPHIC_LOCALE, g.locale(), c);
            checkEmpty(Field.DEMOGRAPHIC_TIMEZONE, g.timezone(), c);
        }
        EndpointUser u = d.user();
        if (u != null) {
            checkEmpty(Field.USER_USER_ID, u.userId(), c);
        }
    }

    private static void checkEmpty(Field f, String text, Collector c) {
        if (text != null && text.isEmpty() && !c.has(f.path())) {
            c.add(
                    f.path(),
                    Rule.VALUE_EMPTY,
                    f.path() + " is empty; an empty value means absent in an import file, so leave the member out.");
        }
    }

    private static void checkLocation(Location l, Collector c) {
        if (l == null) {
            return;
        }
        Double latitude = l.latitude();
        if (latitude != null && !(Double.isFinite(latitude) && latitude >= -90 && latitude <= 90)) {
            c.add(
                    "Location.Latitude",
                    Rule.LATITUDE_RANGE,
                    "Location.Latitude must be a finite number of degrees from -90 to 90.");
        }
        Double longitude = l.longitude();
        if (longitude != null && !(Double.isFinite(longitude) && longitude >= -180 && longitude <= 180)) {
            c.add(
                    "Location.Longitude",
                    Rule.LONGITUDE_RANGE,
                    "Location.Longitude must be a finite number of degrees from -180 to 180.");
        }
    }

    private void checkMultiMap(String prefix, String kind, Map<String, List<String>> map, Collector c) {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            if (isPlain(name, values)) {
                continue;
            }
            String path = prefix + "." + Checks.pathSegment(name);
            checkName(path, kind, name, c);
            if (values.size() > MAX_VALUES_PER_ATTRIBUTE) {
                c.add(
                        path,
                        Rule.TOO_MANY_VALUES,
                        kind + " has " + values.size() + " values; the service allows at most "
                                + MAX_VALUES_PER_ATTRIBUTE + " per attribute.");
            }
            if (values.isEmpty()) {
                c.add(
                        path,
                        Rule.VALUE_EMPTY,
                        kind + " has no values; a CSV file cannot carry an attribute without"
                                + " values, so leave it out.");
            }
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (value.isEmpty()) {
                    c.add(
                            path + "[" + i + "]",
                            Rule.VALUE_EMPTY,
                            kind + " value is empty; an empty CSV cell means"
                                    + " absent, so an empty value cannot be imported; leave it out.");
                    continue;
                }
                int length = Checks.length(value);
                if (length > MAX_VALUE_LENGTH) {
                    c.add(
                            path + "[" + i + "]",
                            Rule.VALUE_TOO_LONG,
                            kind + " value has " + length + " " + Checks.LENGTH_UNIT + "; the service allows at most "
                                    + MAX_VALUE_LENGTH + ".");
                }
            }
        }
    }

    /**
     * The common case, judged without building the attribute's path: a name no name rule refuses, and from 1 to
     * {@link #MAX_VALUES_PER_ATTRIBUTE} values, none empty or too long.
     */
    private boolean isPlain(String name, List<String> values) {
        int n = values.size();
        if (n == 0 || n > MAX_VALUES_PER_ATTRIBUTE || !isPlainName(name)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            String value = values.get(i);
            if (value.isEmpty() || Checks.length(value) > MAX_VALUE_LENGTH) {
                return false;
            }
        }
        return true;
    }

    private boolean isPlainName(String name) {
        int slot = name.hashCode() & (PLAIN_NAME_SLOTS - 1);
        String known = plainNames[slot];
        // An equal name is as plain: the JSON reader makes new name objects for every record, and storing each
        // one would cost a write barrier per name (the array lives long, the names do not).
        if (known == name || (known != null && known.equals(name))) {
            return true;
        }
        boolean plain = Checks.nameProblems(name, level).isEmpty() && Checks.nameTooLong(name) == null;
        if (plain) {
            plainNames[slot] = name;
        }
        return plain;
    }

    private void checkMetrics(Map<String, Double> metrics, Collector c) {
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (Double.isFinite(e.getValue()) && isPlainName(e.getKey())) {
                continue;
            }
            String path = "Metrics." + Checks.pathSegment(e.getKey());
            checkName(path, "Metric", e.getKey(), c);
            if (!Double.isFinite(e.getValue())) {
                c.add(
                        path,
                        Rule.METRIC_NOT_FINITE,
                        "Metric value must be a finite number; NaN and infinity cannot be imported.");
            }
        }
    }

    private void checkName(String path, String kind, String name, Collector c) {
        List<String> problems = Checks.nameProblems(name, level);
        if (!problems.isEmpty()) {
            c.add(path, Rule.NAME_INVALID, kind + " name " + String.join("; it ", problems) + ".");
        }
        String tooLong = Checks.nameTooLong(name);
        if (tooLong != null) {
            c.add(path, Rule.NAME_TOO_LONG, kind + " name " + tooLong + ".");
        }
    }

    private static String channelTypeNames() {
        StringBuilder sb = new StringBuilder();
        for (ChannelType t : ChannelType.values()) {
            if (t != ChannelType.UNKNOWN_TO_LIBRARY) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t.value());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("EndpointValidator")
                .add("level", level)
                .add("maxEndpointBytes", maxEndpointBytes)
                .add("maxCustomAttributeNames", maxCustomAttributeNames)
                .add("maxEndpointsPerUser", maxEndpointsPerUser)
                .build();
    }

    /** Gathers the rejections of one record. */
    static final class Collector {
        private final long recordIndex;
        private List<Rejection> rejections;

        Collector(long recordIndex) {
            this.recordIndex = recordIndex;
        }

        void add(String field, Rule rule, String message) {
            if (rejections == null) {
                rejections = new ArrayList<>(4);
            }
            rejections.add(Rejection.builder()
                    .recordIndex(recordIndex)
                    .field(field)
                    .rule(rule)
                    .message(message)
                    .build());
        }

        void add(Rejection r) {
            if (rejections == null) {
                rejections = new ArrayList<>(4);
            }
            rejections.add(
                    r.recordIndex() == recordIndex
                            ? r
                            : r.toBuilder().recordIndex(recordIndex).build());
        }

        boolean has(String field) {
            if (rejections != null) {
                for (Rejection r : rejections) {
                    if (field.equals(r.field().orElse(null))) {
                        return true;
                    }
                }
            }
            return false;
        }

        List<Rejection> result() {
            return rejections == null ? List.of() : Collections.unmodifiableList(rejections);
        }
    }

    /**
     * Builds an {@link EndpointValidator}. Starts from the defaults; not thread-safe; {@link #build()} may be called
     * more than once.
     */
    public static final class Builder {
        private ValidationLevel level = DEFAULT_LEVEL;
        private long maxEndpointBytes = DEFAULT_MAX_ENDPOINT_BYTES;
        private int maxCustomAttributeNames = DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES;
        private int maxEndpointsPerUser = DEFAULT_MAX_ENDPOINTS_PER_USER;
        private final List<RecordCheck> checks = new ArrayList<>();

        private Builder() {}

        private Builder(EndpointValidator v) {
            this.level = v.level;
            this.maxEndpointBytes = v.maxEndpointBytes;
            this.maxCustomAttributeNames = v.maxCustomAttributeNames;
            this.maxEndpointsPerUser = v.maxEndpointsPerUser;
            this.checks.addAll(v.checks);
        }

        /**
         * Adds rules to the built-in ones, such as an import target's ({@link
         * io.pinpointimport.spi.ImportTarget#recordCheck()}); they run on every record after the built-in rules,
         * and their rejections are reported with the built-in ones.
         *
         * @param check the rules to add
         * @return this builder
         */
        public Builder addCheck(RecordCheck check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * @param level how strictly to judge; default {@link #DEFAULT_LEVEL}
         * @return this builder
         */
        public Builder level(ValidationLevel level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * @param maxEndpointBytes the largest accepted endpoint, 1 to {@link #DEFAULT_MAX_ENDPOINT_BYTES} bytes of
         *     compact JSON (the service's limit cannot be raised); default {@link #DEFAULT_MAX_ENDPOINT_BYTES}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxEndpointBytes(long maxEndpointBytes) {
            if (maxEndpointBytes < 1 || maxEndpointBytes > DEFAULT_MAX_ENDPOINT_BYTES) {
                throw new IllegalArgumentException("maxEndpointBytes must be from 1 to " + DEFAULT_MAX_ENDPOINT_BYTES
                        + ", was " + maxEndpointBytes);
            }
            this.maxEndpointBytes = maxEndpointBytes;
            return this;
        }

        /**
         * @param maxCustomAttributeNames the most distinct custom attribute names per run, at least 1 (the service's
         *     quota per project can be raised); default {@link #DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES}
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxCustomAttributeNames(int maxCustomAttributeNames) {
            if (maxCustomAttributeNames < 1) {
                throw new IllegalArgumentException(
                        "maxCustomAttributeNames must be at least 1, was " + maxCustomAttributeNames);
            }
            this.maxCustomAttributeNames = maxCustomAttributeNames;
            return this;
        }

        /**
         * @param maxEndpointsPerUser the most endpoints per user id in a run, 1 to
         *     {@link #DEFAULT_MAX_ENDPOINTS_PER_USER} (the service's limit cannot be raised); lower it when the
         *     project already holds endpoints for the run's users; default {@link #DEFAULT_MAX_ENDPOINTS_PER_USER}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxEndpointsPerUser(int maxEndpointsPerUser) {
            if (maxEndpointsPerUser < 1 || maxEndpointsPerUser > DEFAULT_MAX_ENDPOINTS_PER_USER) {
                throw new IllegalArgumentException("maxEndpointsPerUser must be from 1 to "
                        + DEFAULT_MAX_ENDPOINTS_PER_USER + ", was " + maxEndpointsPerUser);
            }
            this.maxEndpointsPerUser = maxEndpointsPerUser;
            return this;
        }

        /** @return an immutable validator */
        public EndpointValidator build() {
            return new EndpointValidator(this);
        }
    }
}
