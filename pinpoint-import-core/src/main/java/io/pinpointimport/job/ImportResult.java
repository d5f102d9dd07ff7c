package io.pinpointimport.job;

import io.pinpointimport.internal.ToStringBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How one import job ended: which job, for which shard, its final status and the service's own counts.
 *
 * <p>The counts ({@link #totalProcessed()}, {@link #totalFailures()}, pieces) are exactly what the service last
 * reported, empty when it reported none: never computed or filled in here. A {@code COMPLETED} job may still have
 * failed rows; see {@link #totalFailures()} and {@link #failures()}.
 *
 * <p>Timings are taken on this machine: {@link #queuedAt()} when the job was handed to the library,
 * {@link #startedAt()} when it got a slot of the {@link JobLimit}, {@link #createdAt()} when the service accepted
 * (or the library adopted) the job, {@link #finishedAt()} when the terminal status was seen.
 */
public final class ImportResult {
    private final String s3Url;
    private final int shardNumber;
    private final long recordsSubmitted;
    private final boolean adopted;
    private final JobSnapshot job;
    private final Instant queuedAt;
    private final Instant startedAt;
    private final Instant createdAt;
    private final Instant finishedAt;

    private ImportResult(Builder b) {
        this.s3Url = Objects.requireNonNull(b.s3Url, "s3Url");
        this.job = Objects.requireNonNull(b.job, "job");
        this.shardNumber = b.shardNumber;
        this.recordsSubmitted = b.recordsSubmitted;
        this.adopted = b.adopted;
        this.queuedAt = Objects.requireNonNull(b.queuedAt, "queuedAt");
        this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.finishedAt = Objects.requireNonNull(b.finishedAt, "finishedAt");
    }

    /** @return a new builder; s3Url, job and the four instants are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this result's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the job's id */
    public String jobId() {
        return job.id();
    }

    /** @return the {@code S3Url} the job read */
    public String s3Url() {
        return s3Url;
    }

    /** @return the shard's number in its run, or -1 when the job was not made from a shard of a run */
    public int shardNumber() {
        return shardNumber;
    }

    /** @return how many records the library put in the shard, if known */
    public OptionalLong recordsSubmitted() {
        return recordsSubmitted < 0 ? OptionalLong.empty() : OptionalLong.of(recordsSubmitted);
    }

    /**
     * @return the records this result accounts for: {@link #recordsSubmitted()} when known, else the service's
     *     {@code TotalProcessed} (0 when it reported none). Always {@link #recordsImported()} +
     *     {@link #recordsFailedInService()} + {@link #recordsFailedWithJob()}
     */
    public long records() {
        return recordsSubmitted >= 0 ? recordsSubmitted : job.totalProcessed().orElse(0);
    }

    /**
     * @return records the job imported: for a {@code COMPLETED} job its {@link #records()} less the rows the service
     *     failed ({@link #recordsFailedInService()}); 0 for a {@code FAILED} job
     */
    public long recordsImported() {
        return status() == JobStatus.COMPLETED ? records() - recordsFailedInService() : 0;
    }

    /**
     * @return records the service failed one by one in a {@code COMPLETED} job: its {@code TotalFailures}, capped at
     *     {@link #records()} (0 when it reported none); 0 for a {@code FAILED} job, whose records all count in
     *     {@link #recordsFailedWithJob()}
     */
    public long recordsFailedInService() {
        return status() == JobStatus.COMPLETED
                ? Math.min(records(), Math.max(0, job.totalFailures().orElse(0)))
                : 0;
    }

    /**
     * @return records that failed with their whole job: all of {@link #records()} when the job ended {@code FAILED}
     *     (whatever its {@code TotalFailures} says: a failed job imports nothing the library can count on), else 0
     */
    public long recordsFailedWithJob() {
        return status() == JobStatus.FAILED ? records() : 0;
    }

    /** @return true when the job was found by listing the application's jobs after a create whose answer was lost */
    public boolean adopted() {
        return adopted;
    }

    /** @return the final status: {@link JobStatus#COMPLETED} or {@link JobStatus#FAILED} */
    public JobStatus status() {
        return job.status();
    }

    /** @return the service's last report on the job */
    public JobSnapshot job() {
        return job;
    }

    /** @return the service's {@code TotalPieces}, if reported */
    public OptionalInt totalPieces() {
        return job.totalPieces();
    }

    /** @return the service's {@code CompletedPieces}, if reported */
    public OptionalInt completedPieces() {
        return job.completedPieces();
    }

    /** @return the service's {@code FailedPieces}, if reported */
    public OptionalInt failedPieces() {
        return job.failedPieces();
    }

    /** @return the service's {@code TotalProcessed}, if reported */
    public OptionalInt totalProcessed() {
        return job.totalProcessed();
    }

    /** @return the service's {@code TotalFailures}, if reported */
    public OptionalInt totalFailures() {
        return job.totalFailures();
    }

    /** @return the service's failure lines (at most its first 100), opaque text */
    public List<String> failures() {
        return job.failures();
    }

    /** @return when the job was handed to the library */
    public Instant queuedAt() {
        return queuedAt;
    }

    /** @return when the job got its slot */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the service accepted the job, or it was adopted */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the terminal status was seen */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** @return time spent waiting for a slot */
    public Duration waitTime() {
        return Duration.between(queuedAt, startedAt);
    }

    /** @return time from getting the slot to seeing the terminal status */
    public Duration runTime() {
        return Duration.between(startedAt, finishedAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImportResult other)) {
            return false;
        }
        return shardNumber == other.shardNumber
                && recordsSubmitted == other.recordsSubmitted
                && adopted == other.adopted
                && s3Url.equals(other.s3Url)
                && job.equals(other.job)
                && queuedAt.equals(other.queuedAt)
                && startedAt.equals(other.startedAt)
                && createdAt.equals(other.createdAt)
                && finishedAt.equals(other.finishedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                s3Url, shardNumber, recordsSubmitted, adopted, job, queuedAt, startedAt, createdAt, finishedAt);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("ImportResult")
                .add("jobId", job.id())
                .add("s3Url", s3Url)
                .add("shard", shardNumber < 0 ? null : shardNumber)
                .add("status", job.statusText().orElse(null))
                .add("submitted", recordsSubmitted < 0 ? null : recordsSubmitted)
                .add(
                        "processed",
                        job.totalProcessed().isPresent() ? job.totalProcessed().getAsInt() : null)
                .add(
                        "failed",
                        job.totalFailures().isPresent() ? job.totalFailures().getAsInt() : null)
                .add("imported", recordsImported())
                .add("adopted", adopted ? Boolean.TRUE : null)
                .add("runTime", runTime())
                .build();
    }

    /** Builds an {@link ImportResult}. */
    public static final class Builder {
        private String s3Url;
        private int shardNumber = -1;
        private long recordsSubmitted = -1;
        private boolean adopted;
        private JobSnapshot job;
        private Instant queuedAt;
        private Instant startedAt;
        private Instant createdAt;
        private Instant finishedAt;

        private Builder() {}

        private Builder(ImportResult r) {
            this.s3Url = r.s3Url;
            this.shardNumber = r.shardNumber;
            this.recordsSubmitted = r.recordsSubmitted;
            this.adopted = r.adopted;
            this.job = r.job;
            this.queuedAt = r.queuedAt;
            this.startedAt = r.startedAt;
            this.createdAt = r.createdAt;
            this.finishedAt = r.finishedAt;
        }

        /**
         * @param s3Url the job's {@code S3Url}
         * @return this builder
         */
        public Builder s3Url(String s3Url) {
            this.s3Url = s3Url;
            return this;
        }

        /**
         * @param shardNumber the shard's number, -1 for none
         * @return this builder
         */
        public Builder shardNumber(int shardNumber) {
            this.shardNumber = shardNumber;
            return this;
        }

        /**
         * @param recordsSubmitted records in the shard, -1 for unknown
         * @return this builder
         */
        public Builder recordsSubmitted(long recordsSubmitted) {
            this.recordsSubmitted = recordsSubmitted;
            return this;
        }

        /**
         * @param adopted whether the job was found by listing rather than created by this call
         * @return this builder
         */
        public Builder adopted(boolean adopted) {
            this.adopted = adopted;
            return this;
        }

        /**
         * @param job the service's last report
         * @return this builder
         */
        public Builder job(JobSnapshot job) {
            this.job = job;
            return this;
        }

        /**
         * @param job fills a new {@link JobSnapshot#builder()} with the service's last report
         * @return this builder
         */
        public Builder job(Consumer<JobSnapshot.Builder> job) {
            JobSnapshot.Builder b = JobSnapshot.builder();
            job.accept(b);
            return job(b.build());
        }

        /**
         * @param queuedAt when the job was handed over
         * @return this builder
         */
        public Builder queuedAt(Instant queuedAt) {
            this.queuedAt = queuedAt;
            return this;
        }

        /**
         * @param startedAt when the job got its slot
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * @param createdAt when the job was accepted or adopted
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * @param finishedAt when the terminal status was seen
         * @return this builder
         */
        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** @return the result */
        public ImportResult build() {
            return new ImportResult(this);
        }
    }
}
