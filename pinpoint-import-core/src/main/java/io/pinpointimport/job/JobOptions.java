package io.pinpointimport.job;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What each import job is asked to do with the endpoints it reads: the service's {@code RegisterEndpoints},
 * {@code DefineSegment} with {@code SegmentName}, {@code SegmentId}, and the deprecated {@code ExternalId}.
 *
 * <p>Defaults: {@link #DEFAULT_REGISTER_ENDPOINTS register the endpoints}, define no segment, no segment id, no
 * external id. {@code ExternalId} is sent only when set: the service no longer needs it and AWS advises against it.
 *
 * <pre>{@code
 * JobOptions options = JobOptions.builder().defineSegment(true).segmentName("november-import").build();
 * }</pre>
 */
public final class JobOptions {
    /** Default for {@link #registerEndpoints()}: {@value}. */
    public static final boolean DEFAULT_REGISTER_ENDPOINTS = true;

    private static final JobOptions DEFAULTS = builder().build();

    private final boolean registerEndpoints;
    private final boolean defineSegment;
    private final String segmentName;
    private final String segmentId;
    private final String externalId;

    private JobOptions(Builder b) {
        if (b.segmentName != null && !b.defineSegment) {
            throw new IllegalArgumentException("segmentName is only used with defineSegment(true)");
        }
        this.registerEndpoints = b.registerEndpoints;
        this.defineSegment = b.defineSegment;
        this.segmentName = b.segmentName;
        this.segmentId = b.segmentId;
        this.externalId = b.externalId;
    }

    /** @return the defaults: register endpoints, nothing else */
    public static JobOptions ofDefaults() {
        return DEFAULTS;
    }

    /** @return a new builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return {@code RegisterEndpoints}: create or update the endpoints in the project */
    public boolean registerEndpoints() {
        return registerEndpoints;
    }

    /** @return {@code DefineSegment}: also create a segment holding the imported endpoints */
    public boolean defineSegment() {
        return defineSegment;
    }

    /** @return {@code SegmentName}, the name of the segment created with {@link #defineSegment()} */
    public Optional<String> segmentName() {
        return Optional.ofNullable(segmentName);
    }

    /** @return {@code SegmentId}, an existing segment to add the endpoints to */
    public Optional<String> segmentId() {
        return Optional.ofNullable(segmentId);
    }

    /** @return {@code ExternalId} (deprecated by the service), sent only when set */
    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobOptions other)) {
            return false;
        }
        return registerEndpoints == other.registerEndpoints
                && defineSegment == other.defineSegment
                && Objects.equals(segmentName, other.segmentName)
                && Objects.equals(segmentId, other.segmentId)
                && Objects.equals(externalId, other.externalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registerEndpoints, defineSegment, segmentName, segmentId, externalId);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("JobOptions")
                .add("registerEndpoints", registerEndpoints)
                .add("defineSegment", defineSegment)
                .add("segmentName", segmentName)
                .add("segmentId", segmentId)
                .addMasked("externalId", externalId)
                .build();
    }

    /** Builds {@link JobOptions}. */
    public static final class Builder {
        private boolean registerEndpoints = DEFAULT_REGISTER_ENDPOINTS;
        private boolean defineSegment;
        private String segmentName;
        private String segmentId;
        private String externalId;

        private Builder() {}

        private Builder(JobOptions o) {
            this.registerEndpoints = o.registerEndpoints;
            this.defineSegment = o.defineSegment;
            this.segmentName = o.segmentName;
            this.segmentId = o.segmentId;
            this.externalId = o.externalId;
        }

        /**
         * @param registerEndpoints whether to create or update the endpoints; default {@value #DEFAULT_REGISTER_ENDPOINTS}
         * @return this builder
         */
        public Builder registerEndpoints(boolean registerEndpoints) {
            this.registerEndpoints = registerEndpoints;
            return this;
        }

        /**
         * @param defineSegment whether each job also creates a segment; default false
         * @return this builder
         */
        public Builder defineSegment(boolean defineSegment) {
            this.defineSegment = defineSegment;
            return this;
        }

        /**
         * @param segmentName the name of the segment created with {@code defineSegment(true)}
         * @return this builder
         */
        public Builder segmentName(@Nullable String segmentName) {
            this.segmentName = segmentName;
            return this;
        }

        /**
         * @param segmentId an existing segment to add the imported endpoints to
         * @return this builder
         */
        public Builder segmentId(@Nullable String segmentId) {
            this.segmentId = segmentId;
            return this;
        }

        /**
         * Sets the deprecated {@code ExternalId}. Only for roles whose trust policy still demands one.
         *
         * @param externalId the external id
         * @return this builder
         */
        public Builder externalId(@Nullable String externalId) {
            this.externalId = externalId;
            return this;
        }

        /** @return the options */
        public JobOptions build() {
            return new JobOptions(this);
        }
    }
}
