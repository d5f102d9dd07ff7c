package io.pinpointimport;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.validation.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a whole run went: every record accounted for, every job reported.
 *
 * <p>Every record read is in exactly one of five figures, in every outcome (completed, partial, failed job, job
 * error, stopped by the policy, cancelled, timed out, resumed):
 * <pre>{@code
 * recordsRead() == recordsRejected() + recordsImported() + recordsFailedInService()
 *                  + recordsFailedWithJob() + recordsNotSubmitted()
 * }</pre>
 * <ul>
 *   <li>{@link #recordsRejected()}: rejected here, never sent; the rejections listed in {@link #rejections()} up to
 *       the importer's {@link EndpointImporter.Builder#retainedRejections(int) retainedRejections}, the rest counted
 *       in {@link #rejectionsOmitted()}, every one handed to
 *       {@link io.pinpointimport.event.ImportListener#recordRejected}.</li>
 *   <li>{@link #recordsImported()}: in a job that ended {@code COMPLETED}, and not among the rows it failed.</li>
 *   <li>{@link #recordsFailedInService()}: rows a {@code COMPLETED} job failed one by one (its
 *       {@code TotalFailures}; the service's lines in {@link ImportResult#failures()}).</li>
 *   <li>{@link #recordsFailedWithJob()}: every record of a job that ended {@code FAILED}, and of a job that was
 *       created but whose end the library did not see (its watch was abandoned, it timed out, the run was
 *       cancelled): such a job is in {@link #jobErrors()} with its id, to be checked in the service. The library
 *       counts on nothing it did not see, so an unknown outcome counts as failed, never as imported.</li>
 *   <li>{@link #recordsNotSubmitted()}: valid records that were never given to a job: the service refused the
 *       create, the shard could not be stored, or the run stopped first.</li>
 * </ul>
 * The service's own counts are reported as it gave them in {@link #serviceProcessed()} and
 * {@link #serviceFailed()}: nothing there is estimated. A run that stopped early says why in {@link #stopped()}, and
 * {@link #leftInStore()} says what it left in the shard store, if anything.
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
    private final long recordsNotSubmitted;
    private final String stopped;
    private final String leftInStore;

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
        if (b.recordsNotSubmitted < 0) {
            throw new IllegalArgumentException("recordsNotSubmitted must be >= 0, was " + b.recordsNotSubmitted);
        }
        this.recordsNotSubmitted = b.recordsNotSubmitted;
        this.stopped = b.stopped;
        this.leftInStore = b.leftInStore;
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

    /**
     * @return records that passed validation and were written to a shard: {@link #recordsRead()} less
     *     {@link #recordsRejected()}, unless the run stopped while reading
     */
    public long recordsSubmitted() {
        return recordsSubmitted;
    }

    /** @return records imported: in {@code COMPLETED} jobs and not among their failed rows */
    public long recordsImported() {
        return results.stream().mapToLong(ImportResult::recordsImported).sum();
    }

    /** @return rows the service failed one by one in {@code COMPLETED} jobs */
    public long recordsFailedInService() {
        return results.stream().mapToLong(ImportResult::recordsFailedInService).sum();
    }

    /**
     * @return records of jobs that ended {@code FAILED}, and of jobs created whose end was not seen (in
     *     {@link #jobErrors()} with their id)
     */
    public long recordsFailedWithJob() {
        return results.stream().mapToLong(ImportResult::recordsFailedWithJob).sum()
                + jobErrors.stream()
                        .filter(e -> e.jobId().isPresent())
                        .mapToLong(JobError::records)
                        .sum();
    }

    /** @return valid records never given to a job (create refused, shard not stored, run stopped first) */
    public long recordsNotSubmitted() {
        return recordsNotSubmitted;
    }

    /**
     * @return records not imported, for whatever reason: {@link #recordsRead()} less {@link #recordsImported()}
     */
    public long recordsNotImported() {
        return recordsRejected + recordsFailedInService() + recordsFailedWithJob() + recordsNotSubmitted;
    }

    /**
     * @return why the run stopped before its end (its bad-record policy, a cancel, its timeout, an error), or empty
     *     when it ran to its end
     */
    public Optional<String> stopped() {
        return Optional.ofNullable(stopped);
    }

    /**
     * @return what a run left in the shard store and why (the run id and where), or empty when it left nothing it
     *     meant to delete: a run that stopped deletes its stored shards unless a job created from them may still
     *     read them, and says here when it kept them or could not delete them
     */
    public Optional<String> leftInStore() {
        return Optional.ofNullable(leftInStore);
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
        return (int)
                results.stream().filter(r -> r.status() == JobStatus.COMPLETED).count();
    }

    /** @return jobs that ended {@code FAILED} */
    public int jobsFailed() {
        return (int)
                results.stream().filter(r -> r.status() == JobStatus.FAILED).count();
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
     * @return true when the run ran to its end, nothing was rejected, every record was given to a job, every job
     *     ended {@code COMPLETED} and no job reported a failed record
     */
    public boolean isClean() {
        return rejections.isEmpty()
                && rejectionsOmitted == 0
                && recordsRejected == 0
                && jobErrors.isEmpty()
                && jobsFailed() == 0
                && serviceFailed() == 0
                && recordsNotSubmitted == 0
                && stopped == null;
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
        return recordsRead == other.recordsRead
                && recordsRejected == other.recordsRejected
                && recordsSubmitted == other.recordsSubmitted
                && shards == other.shards
                && runId.equals(other.runId)
                && results.equals(other.results)
                && jobErrors.equals(other.jobErrors)
                && rejections.equals(other.rejections)
                && rejectionsOmitted == other.rejectionsOmitted
                && startedAt.equals(other.startedAt)
                && finishedAt.equals(other.finishedAt)
                && resumed == other.resumed
                && recordsNotSubmitted == other.recordsNotSubmitted
                && Objects.equals(stopped, other.stopped)
                && Objects.equals(leftInStore, other.leftInStore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                runId,
                recordsRead,
                recordsRejected,
                recordsSubmitted,
                shards,
                results,
                jobErrors,
                rejections,
                rejectionsOmitted,
                startedAt,
                finishedAt,
                resumed,
                recordsNotSubmitted,
                stopped,
                leftInStore);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("ImportSummary")
                .add("runId", runId)
                .add("read", recordsRead)
                .add("rejected", recordsRejected)
                .add("rejectionsOmitted", rejectionsOmitted > 0 ? Long.valueOf(rejectionsOmitted) : null)
                .add("imported", recordsImported())
                .add("failedInService", recordsFailedInService())
                .add("failedWithJob", recordsFailedWithJob())
                .add("notSubmitted", recordsNotSubmitted)
                .add("shards", shards)
                .add("completed", jobsCompleted())
                .add("failed", jobsFailed())
                .add("jobErrors", jobErrors.size())
                .add("serviceProcessed", serviceProcessed())
                .add("serviceFailed", serviceFailed())
                .add("duration", duration())
                .add("resumed", resumed ? Boolean.TRUE : null)
                .add("stopped", stopped)
                .add("leftInStore", leftInStore)
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
        private long recordsNotSubmitted;
        private String stopped;
        private String leftInStore;

        private Builder() {}

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
            this.recordsNotSubmitted = s.recordsNotSubmitted;
            this.stopped = s.stopped;
            this.leftInStore = s.leftInStore;
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

        /**
         * @param recordsNotSubmitted valid records never given to a job, default 0
         * @return this builder
         */
        public Builder recordsNotSubmitted(long recordsNotSubmitted) {
            this.recordsNotSubmitted = recordsNotSubmitted;
            return this;
        }

        /**
         * @param stopped why the run stopped before its end, or {@code null} (the default) when it ran to its end
         * @return this builder
         */
        public Builder stopped(String stopped) {
            this.stopped = stopped;
            return this;
        }

        /**
         * @param leftInStore what the run left in the shard store and why, or {@code null} (the default) for nothing
         * @return this builder
         */
        public Builder leftInStore(String leftInStore) {
            this.leftInStore = leftInStore;
            return this;
        }

        /** @return the summary */
        public ImportSummary build() {
            return new ImportSummary(this);
        }
    }
}
