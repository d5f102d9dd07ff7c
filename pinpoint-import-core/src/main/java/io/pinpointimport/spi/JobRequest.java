package io.pinpointimport.spi;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.RetryOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link ImportTarget} is asked to import: the stored shard (its URL and, for a target that sends the bytes
 * itself, its {@link #content()}), the shard's format, the run and shard it belongs to, and the job options.
 * Target-wide settings (application, domain, role) belong to the target itself.
 *
 * <p>A target uses what its service needs: Amazon Pinpoint reads {@link #s3Url()}; a target that uploads the bytes
 * ({@link ShardAccess#TARGET_SENDS_CONTENT}) reads {@link #content()} and names its job after {@link #runId()} and
 * {@link #shardNumber()} so that {@link ImportTarget#findJob(JobRequest)} can find it again. Such a target retries
 * the steps after its job exists (upload, start) with the run's {@link #retry()} policy, as the library retries its
 * own calls: its waits on the run's {@link #scheduler()}, each failed attempt told to the run with
 * {@link #retrying(Throwable)}.
 */
public final class JobRequest {
    private static final Logger LOG = LoggerFactory.getLogger(JobRequest.class);

    private final String s3Url;
    private final ImportFormat format;
    private final JobOptions options;
    private final @Nullable String runId;
    private final int shardNumber;
    private final @Nullable ShardContent content;
    private final RetryOptions retry;
    private final @Nullable ScheduledExecutorService scheduler;
    private final @Nullable Consumer<Throwable> onRetry;

    private JobRequest(Builder b) {
        this.s3Url = Objects.requireNonNull(b.s3Url, "s3Url");
        this.format = Objects.requireNonNull(b.format, "format");
        this.options = Objects.requireNonNull(b.options, "options");
        this.runId = b.runId;
        this.shardNumber = b.shardNumber;
        this.content = b.content;
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.scheduler = b.scheduler;
        this.onRetry = b.onRetry;
    }

    /**
     * A request outside a run (no run id, shard number or content), as Pinpoint's path needs.
     *
     * @param s3Url the URL the job reads (a prefix holding one shard), such as {@code s3://b/imports/run-1/00000/}
     * @param format the shard's format
     * @param options what the job does with the endpoints
     * @return the request
     */
    public static JobRequest of(String s3Url, ImportFormat format, JobOptions options) {
        return builder().s3Url(s3Url).format(format).options(options).build();
    }

    /** @return a new builder; {@code s3Url}, {@code format} and {@code options} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.s3Url = s3Url;
        b.format = format;
        b.options = options;
        b.runId = runId;
        b.shardNumber = shardNumber;
        b.content = content;
        b.retry = retry;
        b.scheduler = scheduler;
        b.onRetry = onRetry;
        return b;
    }

    /**
     * @return the stored shard's URL as its {@link ShardStore} gave it ({@link StoredShard#jobUrl()}): an
     *     {@code s3://} prefix for an S3 store, a {@code file:} URL for a local one; the key a job is known by in
     *     results, events and the run journal
     */
    public String s3Url() {
        return s3Url;
    }

    /** @return the shard's format */
    public ImportFormat format() {
        return format;
    }

    /** @return what the job does with the endpoints */
    public JobOptions options() {
        return options;
    }

    /** @return the run the shard belongs to, when the request comes from a run */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** @return the shard's number in its run, when the request comes from a run */
    public OptionalInt shardNumber() {
        return shardNumber < 0 ? OptionalInt.empty() : OptionalInt.of(shardNumber);
    }

    /**
     * @return the shard's bytes, present when the target asked for them ({@link ShardAccess#TARGET_SENDS_CONTENT})
     *     and the store can give them
     */
    public Optional<ShardContent> content() {
        return Optional.ofNullable(content);
    }

    /**
     * @return how the run retries calls to the target ({@link RetryOptions#ofDefaults()} unless the run says
     *     otherwise): the policy for a target whose one call is several service calls, to retry each step after the
     *     first that changed the service (the job exists) on throttling and transient errors, with the same backoff
     */
    public RetryOptions retry() {
        return retry;
    }

    /**
     * @return the run's scheduler, where a target schedules its waits between retries as the library schedules its
     *     own: never a held thread, and no wait outlives the importer (a wait scheduled after its close is refused);
     *     empty outside a run
     */
    public Optional<ScheduledExecutorService> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /**
     * Tells the run that a call of the target failed and is tried again after a wait, as the library tells its
     * listeners of its own retries ({@link io.pinpointimport.event.ImportListener#retrying(Throwable)}). Call it
     * before the wait, once per failed attempt; does nothing outside a run, and never throws.
     *
     * @param cause the failure, best an {@link ImportTargetException} whose {@link ImportTargetException#kind()} says
     *     why
     */
    public void retrying(Throwable cause) {
        Consumer<Throwable> hook = onRetry;
        if (hook == null) {
            return;
        }
        try {
            hook.accept(cause);
        } catch (RuntimeException e) {
            LOG.warn("A retry's report failed; the retry goes on", e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobRequest other)) {
            return false;
        }
        return s3Url.equals(other.s3Url)
                && format == other.format
                && options.equals(other.options)
                && Objects.equals(runId, other.runId)
                && shardNumber == other.shardNumber
                && Objects.equals(content, other.content)
                && retry.equals(other.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(s3Url, format, options, runId, shardNumber, content, retry);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("JobRequest")
                .add("s3Url", s3Url)
                .add("format", format)
                .add("options", options)
                .add("runId", runId)
                .add("shard", shardNumber < 0 ? null : shardNumber)
                .add("content", content == null ? null : content.byteCount() + " bytes")
                .build();
    }

    /** Builds a {@link JobRequest}. */
    public static final class Builder {
        private String s3Url;
        private ImportFormat format;
        private JobOptions options;
        private @Nullable String runId;
        private int shardNumber = -1;
        private @Nullable ShardContent content;
        private RetryOptions retry = RetryOptions.ofDefaults();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable Consumer<Throwable> onRetry;

        private Builder() {}

        /**
         * @param s3Url the stored shard's URL ({@link StoredShard#jobUrl()}); required
         * @return this builder
         */
        public Builder s3Url(String s3Url) {
            this.s3Url = s3Url;
            return this;
        }

        /**
         * @param format the shard's format; required
         * @return this builder
         */
        public Builder format(ImportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * @param options what the job does with the endpoints; required
         * @return this builder
         */
        public Builder options(JobOptions options) {
            this.options = options;
            return this;
        }

        /**
         * @param options changes to the default job options ({@link JobOptions#builder()})
         * @return this builder
         */
        public Builder options(Consumer<JobOptions.Builder> options) {
            JobOptions.Builder b = JobOptions.builder();
            options.accept(b);
            return options(b.build());
        }

        /**
         * @param runId the run the shard belongs to, or null
         * @return this builder
         */
        public Builder runId(@Nullable String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * @param shardNumber the shard's number in its run, or -1 for none
         * @return this builder
         */
        public Builder shardNumber(int shardNumber) {
            this.shardNumber = shardNumber < 0 ? -1 : shardNumber;
            return this;
        }

        /**
         * @param content the shard's bytes, or null
         * @return this builder
         */
        public Builder content(@Nullable ShardContent content) {
            this.content = content;
            return this;
        }

        /**
         * @param retry how the run retries calls to the target; default {@link RetryOptions#ofDefaults()}
         * @return this builder
         */
        public Builder retry(RetryOptions retry) {
            this.retry = retry;
            return this;
        }

        /**
         * @param retry changes to the default retry options ({@link RetryOptions#builder()})
         * @return this builder
         */
        public Builder retry(Consumer<RetryOptions.Builder> retry) {
            RetryOptions.Builder b = RetryOptions.builder();
            retry.accept(b);
            return retry(b.build());
        }

        /**
         * @param scheduler the run's scheduler, for the target's waits between retries ({@link #scheduler()}); not
         *     shut down by the request
         * @return this builder
         */
        public Builder scheduler(@Nullable ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param onRetry told of each failed attempt of the target's that is tried again ({@link #retrying}); the
         *     run passes its listeners' {@link io.pinpointimport.event.ImportListener#retrying(Throwable)}
         * @return this builder
         */
        public Builder onRetry(@Nullable Consumer<Throwable> onRetry) {
            this.onRetry = onRetry;
            return this;
        }

        /** @return the request */
        public JobRequest build() {
            return new JobRequest(this);
        }
    }
}
