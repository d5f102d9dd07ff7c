package io.pinpointimport.job;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What the import target reported about a job at one moment: the library's own view of the service's job
 * resource. Counters are present only when the service reported them; this library never fills in a number the
 * service did not give.
 *
 * <p>Failure lines are the service's own text, which may quote the failing record; this value's {@code toString()}
 * shows only how many there are.
 */
public final class JobSnapshot {
    private final String id;
    private final String s3Url;
    private final String statusText;
    private final @Nullable JobStatus status;
    private final Integer totalPieces;
    private final Integer completedPieces;
    private final Integer failedPieces;
    private final Integer totalProcessed;
    private final Integer totalFailures;
    private final List<String> failures;
    private final String creationDate;
    private final String completionDate;

    private JobSnapshot(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.s3Url = b.s3Url;
        this.statusText = b.statusText;
        this.status = b.status;
        this.totalPieces = b.totalPieces;
        this.completedPieces = b.completedPieces;
        this.failedPieces = b.failedPieces;
        this.totalProcessed = b.totalProcessed;
        this.totalFailures = b.totalFailures;
        this.failures = b.failures == null ? List.of() : List.copyOf(b.failures);
        this.creationDate = b.creationDate;
        this.completionDate = b.completionDate;
    }

    /** @return a new builder; {@code id} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this snapshot's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the job id the service assigned */
    public String id() {
        return id;
    }

    /** @return the job's {@code S3Url} as the service echoes it, if it did */
    public Optional<String> s3Url() {
        return Optional.ofNullable(s3Url);
    }

    /** @return the status as the service wrote it, if it did */
    public Optional<String> statusText() {
        return Optional.ofNullable(statusText);
    }

    /**
     * @return the status: the one the target set ({@link Builder#status(JobStatus)}, for a service whose words
     *     differ from Pinpoint's), otherwise read from the status text; {@link JobStatus#UNKNOWN} for a missing or
     *     unknown text
     */
    public JobStatus status() {
        return status != null ? status : JobStatus.fromText(statusText);
    }

    /** @return the service's {@code TotalPieces}, if reported */
    public OptionalInt totalPieces() {
        return opt(totalPieces);
    }

    /** @return the service's {@code CompletedPieces}, if reported */
    public OptionalInt completedPieces() {
        return opt(completedPieces);
    }

    /** @return the service's {@code FailedPieces}, if reported */
    public OptionalInt failedPieces() {
        return opt(failedPieces);
    }

    /** @return the service's {@code TotalProcessed} (endpoint definitions processed), if reported */
    public OptionalInt totalProcessed() {
        return opt(totalProcessed);
    }

    /** @return the service's {@code TotalFailures} (endpoint definitions that failed), if reported */
    public OptionalInt totalFailures() {
        return opt(totalFailures);
    }

    /** @return the service's {@code Failures}: at most its first 100 failure lines, opaque text */
    public List<String> failures() {
        return failures;
    }

    /** @return the service's {@code CreationDate}, verbatim (ISO 8601 text), if reported */
    public Optional<String> creationDate() {
        return Optional.ofNullable(creationDate);
    }

    /** @return the service's {@code CompletionDate}, verbatim (ISO 8601 text), if reported */
    public Optional<String> completionDate() {
        return Optional.ofNullable(completionDate);
    }

    private static OptionalInt opt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobSnapshot other)) {
            return false;
        }
        return id.equals(other.id)
                && Objects.equals(s3Url, other.s3Url)
                && Objects.equals(statusText, other.statusText)
                && status() == other.status()
                && Objects.equals(totalPieces, other.totalPieces)
                && Objects.equals(completedPieces, other.completedPieces)
                && Objects.equals(failedPieces, other.failedPieces)
                && Objects.equals(totalProcessed, other.totalProcessed)
                && Objects.equals(totalFailures, other.totalFailures)
                && failures.equals(other.failures)
                && Objects.equals(creationDate, other.creationDate)
                && Objects.equals(completionDate, other.completionDate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id,
                s3Url,
                statusText,
                status(),
                totalPieces,
                completedPieces,
                failedPieces,
                totalProcessed,
                totalFailures,
                failures,
                creationDate,
                completionDate);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("JobSnapshot")
                .add("id", id)
                .add("s3Url", s3Url)
                .add("status", statusText)
                .add("pieces", totalPieces == null ? null : completedPieces + "+" + failedPieces + "/" + totalPieces)
                .add("processed", totalProcessed)
                .add("failed", totalFailures)
                .add("failureLines", failures.isEmpty() ? null : failures.size())
                .build();
    }

    /** Builds a {@link JobSnapshot}. */
    public static final class Builder {
        private String id;
        private String s3Url;
        private String statusText;
        private @Nullable JobStatus status;
        private Integer totalPieces;
        private Integer completedPieces;
        private Integer failedPieces;
        private Integer totalProcessed;
        private Integer totalFailures;
        private List<String> failures;
        private String creationDate;
        private String completionDate;

        private Builder() {}

        private Builder(JobSnapshot s) {
            this.id = s.id;
            this.s3Url = s.s3Url;
            this.statusText = s.statusText;
            this.status = s.status;
            this.totalPieces = s.totalPieces;
            this.completedPieces = s.completedPieces;
            this.failedPieces = s.failedPieces;
            this.totalProcessed = s.totalProcessed;
            this.totalFailures = s.totalFailures;
            this.failures = s.failures;
            this.creationDate = s.creationDate;
            this.completionDate = s.completionDate;
        }

        /**
         * @param id the job id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @param s3Url the job's {@code S3Url}
         * @return this builder
         */
        public Builder s3Url(@Nullable String s3Url) {
            this.s3Url = s3Url;
            return this;
        }

        /**
         * @param statusText the status text as the service wrote it
         * @return this builder
         */
        public Builder statusText(@Nullable String statusText) {
            this.statusText = statusText;
            return this;
        }

        /**
         * @param status the status in the library's terms, for a target whose service names its statuses otherwise
         *     (its own word stays in {@link #statusText(String)}); null to read it from the status text
         * @return this builder
         */
        public Builder status(@Nullable JobStatus status) {
            this.status = status;
            return this;
        }

        /**
         * @param totalPieces {@code TotalPieces}, or null when not reported
         * @return this builder
         */
        public Builder totalPieces(@Nullable Integer totalPieces) {
            this.totalPieces = totalPieces;
            return this;
        }

        /**
         * @param completedPieces {@code CompletedPieces}, or null when not reported
         * @return this builder
         */
        public Builder completedPieces(@Nullable Integer completedPieces) {
            this.completedPieces = completedPieces;
            return this;
        }

        /**
         * @param failedPieces {@code FailedPieces}, or null when not reported
         * @return this builder
         */
        public Builder failedPieces(@Nullable Integer failedPieces) {
            this.failedPieces = failedPieces;
            return this;
        }

        /**
         * @param totalProcessed {@code TotalProcessed}, or null when not reported
         * @return this builder
         */
        public Builder totalProcessed(@Nullable Integer totalProcessed) {
            this.totalProcessed = totalProcessed;
            return this;
        }

        /**
         * @param totalFailures {@code TotalFailures}, or null when not reported
         * @return this builder
         */
        public Builder totalFailures(@Nullable Integer totalFailures) {
            this.totalFailures = totalFailures;
            return this;
        }

        /**
         * @param failures the service's failure lines; null for none
         * @return this builder
         */
        public Builder failures(@Nullable List<String> failures) {
            this.failures = failures;
            return this;
        }

        /**
         * @param creationDate {@code CreationDate}, verbatim
         * @return this builder
         */
        public Builder creationDate(@Nullable String creationDate) {
            this.creationDate = creationDate;
            return this;
        }

        /**
         * @param completionDate {@code CompletionDate}, verbatim
         * @return this builder
         */
        public Builder completionDate(@Nullable String completionDate) {
            this.completionDate = completionDate;
            return this;
        }

        /** @return the snapshot */
        public JobSnapshot build() {
            return new JobSnapshot(this);
        }
    }
}
