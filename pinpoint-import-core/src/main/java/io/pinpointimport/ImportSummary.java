package io.pinpointimport;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.validation.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a whole run went: every record accounted for, every job reported.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>{@code recordsRead() == recordsRejected() + recordsSubmitted()}: a record read is either rejected here
 *       (never sent; its rejections listed in {@link #rejections()} up to the importer's
 *       {@link EndpointImporter.Builder#retainedRejections(int) retainedRejections}, the rest counted in
 *       {@link #rejectionsOmitted()} and every one handed to
 *       {@link io.pinpointimport.event.ImportListener#recordRejected}) or written to a shard that was stored and given a job.</li>
 *   <li>{@code recordsSubmitted()} equals the sum of the records of every job in {@link #results()} and
 *       {@link #jobErrors()}: every shard has exactly one entry in one of the two lists.</li>
 *   <li>The service's counts are reported as the service gave them: {@link #serviceProcessed()} and
 *       {@link #serviceFailed()} add up the {@code TotalProcessed} and {@code TotalFailures} of the jobs in
 *       {@link #results()} that reported them, and each {@link ImportResult} keeps its own. Nothing is estimated:
 *       a job that reported no count adds nothing.</li>
 * </ul>
 * A job that ended {@code FAILED} is in {@link #results()} with its status (its own future completed
 * exceptionally); a job that never reached a terminal status is in {@link #jobErrors()}.
 */
public final class ImportSummary {
    private final String runId;
    private final long recordsRead;
    private final long recordsRejected;
    private final long recordsSubmitted;
    private final int shards;
    private final List<ImportResult> results;
    private final List<JobError> jobErrors;
    private final List<Rejection> rejections;
    private final long rejectionsOmitted;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final boolean resumed;

    private ImportSummary(Builder b) {
        this.runId = Objects.requireNonNull(b.runId, "runId");
        this.recordsRead = b.recordsRead;
        this.recordsRejected = b.recordsRejected;
        this.recordsSubmitted = b.recordsSubmitted;
        this.shards = b.shards;
        this.results = List.copyOf(b.results);
        this.jobErrors = List.copyOf(b.jobErrors);
        this.rejections = List.copyOf(b.rejections);
        if (b.rejectionsOmitted < 0) {
            throw new IllegalArgumentException("rejectionsOmitted must be >= 0, was " + b.rejectionsOmitted);
        }
        this.rejectionsOmitted = b.rejectionsOmitted;
        this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
        this.finishedAt = Objects.requireNonNull(b.finishedAt, "finishedAt");
        this.resumed = b.resumed;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this summary's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the run's id (also the shards' key prefix in the store) */
    public String runId() {
        return runId;
    }

    /** @return records read from the input */
    public long recordsRead() {
        return recordsRead;
    }

    /**
     * @return records rejected locally, never sent: all of them, however many rejections {@link #rejections()}
     *     retains
     */
    public long recordsRejected() {
        return recordsRejected;
    }

    /** @return records written to shards and handed to import jobs */
    public long recordsSubmitted() {
        return recordsSubmitted;
    }

    /** @return shards written, stored and given a job */
    public int shards() {
        return shards;
    }

    /** @return every job that reached a terminal status ({@code COMPLETED} or {@code FAILED}), in shard order */
    public List<ImportResult> results() {
        return results;
    }

    /** @return every job that did not reach a terminal status, in shard order */
    public List<JobError> jobErrors() {
        return jobErrors;
    }

    /**
     * @return the first local rejections in input order, up to the importer's
     *     {@link EndpointImporter.Builder#retainedRejections(int) retainedRejections}; a record may have several.
     *     Complete when {@link #rejectionsOmitted()} is 0; every rejection went to
     *     {@link io.pinpointimport.event.ImportListener#recordRejected}
     */
    public List<Rejection> rejections() {
        return rejections;
    }

    /**
     * @return how many local rejections are not in {@link #rejections()} because the importer retains only so many;
     *     0 when the list is complete. A run resumed from its journal alone (its input not read again) retains none
     *     and counts one per rejected record, since the journal keeps counts, not rejections
     */
    public long rejectionsOmitted() {
        return rejectionsOmitted;
    }

    /** @return jobs that ended {@code COMPLETED} */
    public int jobsCompleted() {
        return (int) results.stream().filter(r -> r.status() == JobStatus.COMPLETED).count();
    }

    /** @return jobs that ended {@code FAILED} */
    public int jobsFailed() {
        return (int) results.stream().filter(r -> r.status() == JobStatus.FAILED).count();
    }

    /** @return the sum of the service's {@code TotalProcessed} over the jobs that reported it */
    public long serviceProcessed() {
        return results.stream().mapToLong(r -> r.totalProcessed().orElse(0)).sum();
    }

    /** @return the sum of the service's {@code TotalFailures} over the jobs that reported it */
    public long serviceFailed() {
        return results.stream().mapToLong(r -> r.totalFailures().orElse(0)).sum();
    }

    /**
     * @return true when nothing was rejected, every job ended {@code COMPLETED} and no job reported a failed record
     */
    public boolean isClean() {
        return rejections.isEmpty() && rejectionsOmitted == 0 && recordsRejected == 0 && jobErrors.isEmpty() && jobsFailed() == 0
                && serviceFailed() == 0;
    }

    /** @return when the run started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the last job ended */
    public Instant finishedAt() {
        return finishedAt;
    }

    /**
     * @return true when this run was continued from its journal by {@link EndpointImporter#resume(String)}: the
     *     counts still cover the whole input, and {@link #startedAt()} is when the run first started
     */
    public boolean resumed() {
        return resumed;
    }

    /** @return how long the run took */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImportSummary other)) {
            return false;
        }
        return recordsRead == other.recordsRead && recordsRejected == other.recordsRejected
                && recordsSubmitted == other.recordsSubmitted && shards == other.shards && runId.equals(other.runId)
                && results.equals(other.results) && jobErrors.equals(other.jobErrors)
                && rejections.equals(other.rejections) && rejectionsOmitted == other.rejectionsOmitted
                && startedAt.equals(other.startedAt)
                && finishedAt.equals(other.finishedAt) && resumed == other.resumed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, recordsRead, recordsRejected, recordsSubmitted, shards, results, jobErrors,
                rejections, rejectionsOmitted, startedAt, finishedAt, resumed);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("ImportSummary")
                .add("runId", runId)
                .add("read", recordsRead)
                .add("rejected", recordsRejected)
                .add("rejectionsOmitted", rejectionsOmitted > 0 ? Long.valueOf(rejectionsOmitted) : null)
                .add("submitted", recordsSubmitted)
                .add("shards", shards)
                .add("completed", jobsCompleted())
                .add("failed", jobsFailed())
                .add("jobErrors", jobErrors.size())
                .add("serviceProcessed", serviceProcessed())
                .add("serviceFailed", serviceFailed())
                .add("duration", duration())
                .add("resumed", resumed ? Boolean.TRUE : null)
                .build();
    }

    /** Builds an {@link ImportSummary}. */
    public static final class Builder {
        private String runId;
        private long recordsRead;
        private long recordsRejected;
        private long recordsSubmitted;
        private int shards;
        private List<ImportResult> results = List.of();
        private List<JobError> jobErrors = List.of();
        private List<Rejection> rejections = List.of();
        private long rejectionsOmitted;
        private Instant startedAt;
        private Instant finishedAt;
        private boolean resumed;

        private Builder() {
        }

        private Builder(ImportSummary s) {
            this.runId = s.runId;
            this.recordsRead = s.recordsRead;
            this.recordsRejected = s.recordsRejected;
            this.recordsSubmitted = s.recordsSubmitted;
            this.shards = s.shards;
            this.results = s.results;
            this.jobErrors = s.jobErrors;
            this.rejections = s.rejections;
            this.rejectionsOmitted = s.rejectionsOmitted;
            this.startedAt = s.startedAt;
            this.finishedAt = s.finishedAt;
            this.resumed = s.resumed;
        }

        /**
         * @param runId the run's id
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * @param recordsRead records read
         * @return this builder
         */
        public Builder recordsRead(long recordsRead) {
            this.recordsRead = recordsRead;
            return this;
        }

        /**
         * @param recordsRejected records rejected locally
         * @return this builder
         */
        public Builder recordsRejected(long recordsRejected) {
            this.recordsRejected = recordsRejected;
            return this;
        }

        /**
         * @param recordsSubmitted records submitted
         * @return this builder
         */
        public Builder recordsSubmitted(long recordsSubmitted) {
            this.recordsSubmitted = recordsSubmitted;
            return this;
        }

        /**
         * @param shards shards written and stored
         * @return this builder
         */
        public Builder shards(int shards) {
            this.shards = shards;
            return this;
        }

        /**
         * @param results jobs that reached a terminal status
         * @return this builder
         */
        public Builder results(List<ImportResult> results) {
            this.results = Objects.requireNonNull(results, "results");
            return this;
        }

        /**
         * @param jobErrors jobs that did not
         * @return this builder
         */
        public Builder jobErrors(List<JobError> jobErrors) {
            this.jobErrors = Objects.requireNonNull(jobErrors, "jobErrors");
            return this;
        }

        /**
         * @param rejections local rejections
         * @return this builder
         */
        public Builder rejections(List<Rejection> rejections) {
            this.rejections = Objects.requireNonNull(rejections, "rejections");
            return this;
        }

        /**
         * @param rejectionsOmitted how many local rejections are not in {@code rejections}
         * @return this builder
         */
        public Builder rejectionsOmitted(long rejectionsOmitted) {
            this.rejectionsOmitted = rejectionsOmitted;
            return this;
        }

        /**
         * @param startedAt when the run started
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * @param finishedAt when the last job ended
         * @return this builder
         */
        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /**
         * @param resumed whether the run was continued from its journal
         * @return this builder
         */
        public Builder resumed(boolean resumed) {
            this.resumed = resumed;
            return this;
        }

        /** @return the summary */
        public ImportSummary build() {
            return new ImportSummary(this);
        }
    }
}
