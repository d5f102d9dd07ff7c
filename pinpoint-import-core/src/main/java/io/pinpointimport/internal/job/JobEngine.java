package io.pinpointimport.internal.job;

import static io.pinpointimport.internal.Futures.unwrap;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.PollingOptions;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Starts and watches import jobs: one {@link JobExecution} per stored shard, sharing a target, a scheduler, a
 * {@link JobLimit} and the retry policies. No promises: internal.
 */
public final class JobEngine {
    private final ImportTarget target;
    private final ScheduledExecutorService scheduler;
    private final JobLimit limit;
    private final PollingOptions polling;
    private final RetryOptions retryOptions;
    private final Duration jobTimeout;
    private final Clock clock;
    private final PollInterval pollInterval;
    private final Retry transientRetry;
    private final Retry quotaRetry;
    private final Set<JobExecution> live = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private final String runId;

    /**
     * @param target the import target
     * @param scheduler where waits are scheduled; never slept on
     * @param limit the shared concurrency limit
     * @param polling polling options
     * @param retryOptions retry options
     * @param jobTimeout per-job timeout from getting a slot, or null for none
     * @param clock clock for the results' timings
     */
    public JobEngine(
            ImportTarget target,
            ScheduledExecutorService scheduler,
            JobLimit limit,
            PollingOptions polling,
            RetryOptions retryOptions,
            Duration jobTimeout,
            Clock clock) {
        this(target, scheduler, limit, polling, retryOptions, jobTimeout, clock, null);
    }

    /**
     * @param target the import target
     * @param scheduler where waits are scheduled; never slept on
     * @param limit the shared concurrency limit
     * @param polling polling options
     * @param retryOptions retry options
     * @param jobTimeout per-job timeout from getting a slot, or null for none
     * @param clock clock for the results' timings
     * @param runId the run the jobs belong to, for the logging context; or null
     */
    public JobEngine(
            ImportTarget target,
            ScheduledExecutorService scheduler,
            JobLimit limit,
            PollingOptions polling,
            RetryOptions retryOptions,
            Duration jobTimeout,
            Clock clock,
            String runId) {
        this.runId = runId;
        this.target = Objects.requireNonNull(target, "target");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.polling = Objects.requireNonNull(polling, "polling");
        this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
        this.jobTimeout = jobTimeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = PollInterval.of(polling);
        this.transientRetry = Retry.of(
                "import-call",
                RetryConfig.custom()
                        .maxAttempts(retryOptions.maxAttempts())
                        .intervalFunction(Backoff.retry(retryOptions))
                        .retryOnException(t -> kind(t) == ImportTargetException.Kind.THROTTLED
                                || kind(t) == ImportTargetException.Kind.TRANSIENT)
                        .failAfterMaxAttempts(false)
                        .build());
        this.quotaRetry = Retry.of(
                "import-quota",
                RetryConfig.custom()
                        .maxAttempts(Integer.MAX_VALUE)
                        .intervalFunction(Backoff.quota(retryOptions))
                        .retryOnException(t -> kind(t) == ImportTargetException.Kind.QUOTA)
                        .failAfterMaxAttempts(false)
                        .build());
    }

    /** @return the run the jobs belong to, or null */
    public String runId() {
        return runId;
    }

    /**
     * Tells {@code hook} of every call to the service that failed and will be tried again (throttled, transient,
     * or over the quota), before the wait.
     *
     * @param hook told the failure
     */
    public void onRetry(Consumer<Throwable> hook) {
        transientRetry.getEventPublisher().onRetry(e -> hook.accept(e.getLastThrowable()));
        quotaRetry.getEventPublisher().onRetry(e -> hook.accept(e.getLastThrowable()));
    }

    /**
     * Hands one job to the engine; it waits for a slot, creates the job and watches it.
     *
     * @param request what to import
     * @param shardNumber the shard's number, or -1
     * @param records records in the shard, or -1
     * @param observer told of status changes and the end
     * @return the running job; its {@link JobExecution#result()} completes when the job ends
     */
    public JobExecution submit(JobRequest request, int shardNumber, long records, JobObserver observer) {
        return submit(request, shardNumber, records, observer, false);
    }

    /**
     * Hands one job to the engine, telling whether an earlier process may already have created it (a resumed run
     * whose journal has the shard stored but no job): then the job is first looked for by its S3 URL and adopted
     * when found, and created only when not.
     *
     * @param request what to import
     * @param shardNumber the shard's number, or -1
     * @param records records in the shard, or -1
     * @param observer told of status changes and the end
     * @param mayExist whether to look for an existing job before creating one
     * @return the running job
     */
    public JobExecution submit(
            JobRequest request, int shardNumber, long records, JobObserver observer, boolean mayExist) {
        return launch(new JobExecution(this, request, shardNumber, records, observer, mayExist, null));
    }

    /**
     * Watches a job an earlier process created (a resumed run): it takes a slot like a running job, then checks the
     * job until it ends; it is never created again.
     *
     * @param request what the job imports
     * @param shardNumber the shard's number, or -1
     * @param records records in the shard, or -1
     * @param jobId the job's id
     * @param observer told of status changes and the end
     * @return the watched job
     */
    public JobExecution watch(JobRequest request, int shardNumber, long records, String jobId, JobObserver observer) {
        return launch(new JobExecution(
                this, request, shardNumber, records, observer, false, Objects.requireNonNull(jobId, "jobId")));
    }

    /**
     * Watches a job known by its id alone, created by another process or another tool: it takes a slot like a
     * running job (the job counts against the service's quota), then checks the job until it ends. Cancelling the
     * watch only stops watching: the job is never asked to stop, as this process did not start it.
     *
     * @param jobId the job's id
     * @param observer told of status changes and the end
     * @return the watched job; its S3 URL is the one the service reports
     */
    public JobExecution watchById(String jobId, JobObserver observer) {
        return launch(
                new JobExecution(this, null, -1, -1, observer, false, Objects.requireNonNull(jobId, "jobId"), false));
    }

    private JobExecution launch(JobExecution execution) {
        live.add(execution);
        execution.result().whenComplete((r, t) -> live.remove(execution));
        if (cancelled) {
            execution.result().cancel(false);
            return execution;
        }
        execution.start();
        return execution;
    }

    /**
     * Stops every job of this engine: none starts any more, waits and checks are dropped, slots are given back.
     * The flag is set before any slot is freed, so that a freed slot never starts another of this engine's jobs.
     */
    public void cancelAll() {
        cancelled = true;
        for (JobExecution e : live) {
            e.result().cancel(false);
        }
    }

    /** @return whether {@link #cancelAll()} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    static ImportTargetException.Kind kind(Throwable t) {
        Throwable e = unwrap(t);
        return e instanceof ImportTargetException ite ? ite.kind() : null;
    }

    ImportTarget target() {
        return target;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    JobLimit limit() {
        return limit;
    }

    PollingOptions polling() {
        return polling;
    }

    Duration jobTimeout() {
        return jobTimeout;
    }

    Clock clock() {
        return clock;
    }

    PollInterval pollInterval() {
        return pollInterval;
    }

    Retry transientRetry() {
        return transientRetry;
    }

    Retry quotaRetry() {
        return quotaRetry;
    }
}
