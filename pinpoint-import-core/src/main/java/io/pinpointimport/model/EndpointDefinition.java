package io.pinpointimport.model;

import io.pinpointimport.internal.Collections2;
import io.pinpointimport.internal.ToStringBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint as an import file carries it: the service's {@code EndpointBatchItem}, every member optional.
 *
 * <p>A definition is immutable and made only through {@link #builder()}. It may hold values the service would
 * refuse (a missing address, an unknown channel type read from a file): building never judges, validation does
 * ({@code io.pinpointimport.validation}), so that a bad record becomes a rejection with a reason instead of an
 * exception that stops a whole file.
 *
 * <p>{@code toString()} never shows personal data: the address, user id, attribute values and metric values are
 * masked, and attributes appear as names with value counts.
 *
 * <pre>{@code
 * EndpointDefinition email = EndpointDefinition.builder()
 *     .id("user-2-email")
 *     .channelType(ChannelType.EMAIL)
 *     .address("john.stiles@example.com")
 *     .location(l -> l.country("USA"))
 *     .demographic(d -> d.platform("iOS").make("Apple"))
 *     .user(u -> u.userId("example-user-id-2").attribute("tier", "gold"))
 *     .attribute("interests", "cooking", "hiking")
 *     .metric("purchases", 3.0)
 *     .build();
 * }</pre>
 */
public final class EndpointDefinition {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String id;
    private final String channelType;
    private final String address;
    private final String endpointStatus;
    private final String optOut;
    private final String effectiveDate;
    private final String requestId;
    private final Location location;
    private final Demographic demographic;
    private final EndpointUser user;
    private final Map<String, List<String>> attributes;
    private final Map<String, Double> metrics;

    private EndpointDefinition(BuilderImpl b) {
        this.id = b.id;
        this.channelType = b.channelType;
        this.address = b.address;
        this.endpointStatus = b.endpointStatus;
        this.optOut = b.optOut;
        this.effectiveDate = b.effectiveDate;
        this.requestId = b.requestId;
        this.location = b.location == null || b.location.isEmpty() ? null : b.location;
        this.demographic = b.demographic == null || b.demographic.isEmpty() ? null : b.demographic;
        this.user = b.user == null || b.user.isEmpty() ? null : b.user;
        this.attributes =
                Collections2.copyMultiMap(b.frozenAttributes != null ? b.frozenAttributes : b.attributes, "Attributes");
        this.metrics = Collections2.copyMetrics(b.frozenMetrics != null ? b.frozenMetrics : b.metrics, "Metrics");
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** @return a builder holding this definition's values */
    public Builder toBuilder() {
        return new BuilderImpl(this);
    }

    /** @return the endpoint id ({@code Id}), needed to update an existing endpoint; or {@code null} */
    public @Nullable String id() {
        return id;
    }

    /**
     * The channel type as a constant.
     *
     * @return the channel type, {@link ChannelType#UNKNOWN_TO_LIBRARY} if the text is not a known value, or
     *     {@code null} when absent
     */
    public @Nullable ChannelType channelType() {
        return ChannelType.fromValue(channelType);
    }

    /** @return the channel type exactly as given or read, or {@code null} */
    public @Nullable String channelTypeAsString() {
        return channelType;
    }

    /** @return the address (phone number, email address or device token), or {@code null}; personal data */
    public @Nullable String address() {
        return address;
    }

    /** @return the endpoint status as a constant, {@link EndpointStatus#UNKNOWN_TO_LIBRARY}, or {@code null} */
    public @Nullable EndpointStatus endpointStatus() {
        return EndpointStatus.fromValue(endpointStatus);
    }

    /** @return the endpoint status exactly as given or read, or {@code null} */
    public @Nullable String endpointStatusAsString() {
        return endpointStatus;
    }

    /** @return the opt-out setting as a constant, {@link OptOut#UNKNOWN_TO_LIBRARY}, or {@code null} */
    public @Nullable OptOut optOut() {
        return OptOut.fromValue(optOut);
    }

    /** @return the opt-out setting exactly as given or read, or {@code null} */
    public @Nullable String optOutAsString() {
        return optOut;
    }

    /** @return the effective date as ISO 8601 text, exactly as given or read, or {@code null} */
    public @Nullable String effectiveDate() {
        return effectiveDate;
    }

    /** @return the request id, or {@code null} */
    public @Nullable String requestId() {
        return requestId;
    }

    /** @return the location, or {@code null} when no member of it is set */
    public @Nullable Location location() {
        return location;
    }

    /** @return the demographic, or {@code null} when no member of it is set */
    public @Nullable Demographic demographic() {
        return demographic;
    }

    /** @return the user, or {@code null} when neither user id nor user attributes are set */
    public @Nullable EndpointUser user() {
        return user;
    }

    /** @return custom endpoint attributes, name to values, in insertion order; never {@code null}, unmodifiable */
    public Map<String, List<String>> attributes() {
        return attributes;
    }

    /** @return custom metrics, name to value, in insertion order; never {@code null}, unmodifiable */
    public Map<String, Double> metrics() {
        return metrics;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EndpointDefinition other)) {
            return false;
        }
        return Objects.equals(id, other.id)
                && Objects.equals(channelType, other.channelType)
                && Objects.equals(address, other.address)
                && Objects.equals(endpointStatus, other.endpointStatus)
                && Objects.equals(optOut, other.optOut)
                && Objects.equals(effectiveDate, other.effectiveDate)
                && Objects.equals(requestId, other.requestId)
                && Objects.equals(location, other.location)
                && Objects.equals(demographic, other.demographic)
                && Objects.equals(user, other.user)
                && attributes.equals(other.attributes)
                && metrics.equals(other.metrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id,
                channelType,
                address,
                endpointStatus,
                optOut,
                effectiveDate,
                requestId,
                location,
                demographic,
                user,
                attributes,
                metrics);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("EndpointDefinition")
                .add("id", id)
                .add("channelType", channelType)
                .addMasked("address", address)
                .add("endpointStatus", endpointStatus)
                .add("optOut", optOut)
                .add("effectiveDate", effectiveDate)
                .add("requestId", requestId)
                .add("location", location)
                .add("demographic", demographic)
                .add("user", user)
                .add("attributes", attributes.isEmpty() ? null : Collections2.describeMasked(attributes))
                .add("metrics", metrics.isEmpty() ? null : Collections2.describeMaskedMetrics(metrics))
                .build();
    }

    /**
     * Builds an {@link EndpointDefinition}. Not thread-safe; {@link #build()} may be called more than once.
     * Setting a member to {@code null} clears it. The {@code Consumer} overloads start from an empty nested builder
     * and replace the member, as the AWS SDK's builders do.
     */
    public interface Builder {
        /**
         * @param id the endpoint id; must not contain {@code $}, <code>{</code> or <code>}</code> (checked by validation)
         * @return this builder
         */
        Builder id(@Nullable String id);

        /**
         * @param channelType the channel type
         * @return this builder
         */
        Builder channelType(@Nullable ChannelType channelType);

        /**
         * Sets the channel type from text, as a reader does; an unknown value is kept and later rejected by validation.
         *
         * @param channelType the channel type's text
         * @return this builder
         */
        Builder channelType(@Nullable String channelType);

        /**
         * @param address the address: E.164 phone number, email address or device token
         * @return this builder
         */
        Builder address(@Nullable String address);

        /**
         * Sets the member.
         *
         * <p>The import does not take this member: a record holding it is refused by validation and by the writers
         * ({@link io.pinpointimport.validation.Rule#MEMBER_UNSUPPORTED}). It stays in the model so that files holding
         * it can be read and their records rejected with a reason instead of an unknown-field error.
         *
         * @param endpointStatus the status
         * @return this builder
         */
        Builder endpointStatus(@Nullable EndpointStatus endpointStatus);

        /**
         * @param endpointStatus the status as text
         * @return this builder
         */
        Builder endpointStatus(@Nullable String endpointStatus);

        /**
         * @param optOut the opt-out setting
         * @return this builder
         */
        Builder optOut(@Nullable OptOut optOut);

        /**
         * @param optOut the opt-out setting as text
         * @return this builder
         */
        Builder optOut(@Nullable String optOut);

        /**
         * Sets the member.
         *
         * <p>The import does not take this member: a record holding it is refused by validation and by the writers
         * ({@link io.pinpointimport.validation.Rule#MEMBER_UNSUPPORTED}). It stays in the model so that files holding
         * it can be read and their records rejected with a reason instead of an unknown-field error.
         *
         * @param effectiveDate ISO 8601 date and time text
         * @return this builder
         */
        Builder effectiveDate(@Nullable String effectiveDate);

        /**
         * Sets the effective date, written as ISO 8601 in UTC with milliseconds ({@code 2018-05-24T21:26:33.995Z}).
         *
         * @param effectiveDate the instant
         * @return this builder
         */
        Builder effectiveDate(@Nullable Instant effectiveDate);

        /**
         * @param requestId the request id
         * @return this builder
         */
        Builder requestId(@Nullable String requestId);

        /**
         * @param location the location
         * @return this builder
         */
        Builder location(@Nullable Location location);

        /**
         * @param location fills a new location builder
         * @return this builder
         */
        default Builder location(Consumer<Location.Builder> location) {
            return location(Location.builder().applyMutation(location).build());
        }

        /**
         * @param demographic the demographic
         * @return this builder
         */
        Builder demographic(@Nullable Demographic demographic);

        /**
         * @param demographic fills a new demographic builder
         * @return this builder
         */
        default Builder demographic(Consumer<Demographic.Builder> demographic) {
            return demographic(Demographic.builder().applyMutation(demographic).build());
        }

        /**
         * @param user the user
         * @return this builder
         */
        Builder user(@Nullable EndpointUser user);

        /**
         * @param user fills a new user builder
         * @return this builder
         */
        default Builder user(Consumer<EndpointUser.Builder> user) {
            return user(EndpointUser.builder().applyMutation(user).build());
        }

        /**
         * Replaces all custom attributes.
         *
         * @param attributes name to values; {@code null} clears them
         * @return this builder
         */
        Builder attributes(@Nullable Map<String, ? extends Collection<String>> attributes);

        /**
         * Sets one custom attribute, replacing its values if the name is already set.
         *
         * @param name the attribute name
         * @param values its values, in order
         * @return this builder
         */
        Builder attribute(String name, String... values);

        /**
         * Sets one custom attribute, replacing its values if the name is already set.
         *
         * @param name the attribute name
         * @param values its values, in order
         * @return this builder
         */
        Builder attribute(String name, Collection<String> values);

        /**
         * Replaces all metrics.
         *
         * @param metrics name to value; {@code null} clears them
         * @return this builder
         */
        Builder metrics(@Nullable Map<String, Double> metrics);

        /**
         * Sets one metric.
         *
         * @param name the metric name
         * @param value the value (validation requires a finite number)
         * @return this builder
         */
        Builder metric(String name, double value);

        /**
         * Applies a change to this builder.
         *
         * @param mutation the change
         * @return this builder
         */
        default Builder applyMutation(Consumer<Builder> mutation) {
            mutation.accept(this);
            return this;
        }

        /** @return an immutable definition */
        EndpointDefinition build();
    }

    private static final class BuilderImpl implements Builder {
        private String id;
        private String channelType;
        private String address;
        private String endpointStatus;
        private String optOut;
        private String effectiveDate;
        private String requestId;
        private Location location;
        private Demographic demographic;
        private EndpointUser user;
        private final Map<String, List<String>> attributes = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        // A reader's frozen map (Collections2.freezeEntries), kept as it is instead of copied twice; the live map
        // above is empty while it is set, and takes its entries over at the first change.
        private Map<String, List<String>> frozenAttributes;
        private Map<String, Double> frozenMetrics;

        BuilderImpl() {}

        BuilderImpl(EndpointDefinition d) {
            this.id = d.id;
            this.channelType = d.channelType;
            this.address = d.address;
            this.endpointStatus = d.endpointStatus;
            this.optOut = d.optOut;
            this.effectiveDate = d.effectiveDate;
            this.requestId = d.requestId;
            this.location = d.location;
            this.demographic = d.demographic;
            this.user = d.user;
            if (Collections2.isFrozen(d.attributes)) {
                this.frozenAttributes = d.attributes;
            } else {
                this.attributes.putAll(d.attributes);
            }
            if (Collections2.isFrozen(d.metrics)) {
                this.frozenMetrics = d.metrics;
            } else {
                this.metrics.putAll(d.metrics);
            }
        }

        private void thawAttributes() {
            if (frozenAttributes != null) {
                attributes.putAll(frozenAttributes);
                frozenAttributes = null;
            }
        }

        private void thawMetrics() {
            if (frozenMetrics != null) {
                metrics.putAll(frozenMetrics);
                frozenMetrics = null;
            }
        }

        @Override
        public Builder id(@Nullable String id) {
            this.id = id;
            return this;
        }

        @Override
        public Builder channelType(@Nullable ChannelType channelType) {
            this.channelType = channelType == null ? null : channelType.value();
            return this;
        }

        @Override
        public Builder channelType(@Nullable String channelType) {
            this.channelType = channelType;
            return this;
        }

        @Override
        public Builder address(@Nullable String address) {
            this.address = address;
            return this;
        }

        @Override
        public Builder endpointStatus(@Nullable EndpointStatus endpointStatus) {
            this.endpointStatus = endpointStatus == null ? null : endpointStatus.name();
            return this;
        }

        @Override
        public Builder endpointStatus(@Nullable String endpointStatus) {
            this.endpointStatus = endpointStatus;
            return this;
        }

        @Override
        public Builder optOut(@Nullable OptOut optOut) {
            this.optOut = optOut == null ? null : optOut.name();
            return this;
        }

        @Override
        public Builder optOut(@Nullable String optOut) {
            this.optOut = optOut;
            return this;
        }

        @Override
        public Builder effectiveDate(@Nullable String effectiveDate) {
            this.effectiveDate = effectiveDate;
            return this;
        }

        @Override
        public Builder effectiveDate(@Nullable Instant effectiveDate) {
            this.effectiveDate = effectiveDate == null ? null : ISO_MILLIS.format(effectiveDate);
            return this;
        }

        @Override
        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        @Override
        public Builder location(@Nullable Location location) {
            this.location = location;
            return this;
        }

        @Override
        public Builder demographic(@Nullable Demographic demographic) {
            this.demographic = demographic;
            return this;
        }

        @Override
        public Builder user(@Nullable EndpointUser user) {
            this.user = user;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Builder attributes(@Nullable Map<String, ? extends Collection<String>> attributes) {
            this.attributes.clear();
            this.frozenAttributes = null;
            if (Collections2.isFrozen(attributes)) {
                this.frozenAttributes = (Map<String, List<String>>) attributes;
            } else if (attributes != null) {
                attributes.forEach(this::attribute);
            }
            return this;
        }

        @Override
        public Builder attribute(String name, String... values) {
            return attribute(name, Arrays.asList(Objects.requireNonNull(values, "values")));
        }

        @Override
        public Builder attribute(String name, Collection<String> values) {
            Objects.requireNonNull(name, "Attributes: a name must not be null");
            thawAttributes();
            attributes.put(name, Collections2.copyList(Objects.requireNonNull(values, "values"), "Attributes." + name));
            return this;
        }

        @Override
        public Builder metrics(@Nullable Map<String, Double> metrics) {
            this.metrics.clear();
            this.frozenMetrics = null;
            if (Collections2.isFrozen(metrics)) {
                this.frozenMetrics = metrics;
            } else if (metrics != null) {
                metrics.forEach((name, value) -> metric(name, Objects.requireNonNull(value, () -> "Metrics." + name)));
            }
            return this;
        }

        @Override
        public Builder metric(String name, double value) {
            Objects.requireNonNull(name, "Metrics: a name must not be null");
            thawMetrics();
            metrics.put(name, value);
            return this;
        }

        @Override
        public EndpointDefinition build() {
            return new EndpointDefinition(this);
        }
    }
}
