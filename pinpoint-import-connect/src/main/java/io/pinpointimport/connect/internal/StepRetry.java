package io.pinpointimport.connect.internal;

import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries one step of an upload job that already exists (GetUploadJobPath, the PUT, StartUploadJob, the first
 * GetUploadJob) on throttling and transient errors, with the run's {@link RetryOptions}: as many attempts and the
 * same backoff as the library gives each of its own calls. Waits are scheduled on the run's scheduler
 * ({@link JobRequest#scheduler()}) as the library's own are, so no thread is held and no wait outlives the importer
 * (outside a run, where there is none, on {@link CompletableFuture#delayedExecutor}); each failed attempt that is
 * tried again is told to the run ({@link JobRequest#retrying}), whose listeners hear it as they hear the library's
 * retries. Without this, a 429 on a step after the create would be
 * reported as "the job may exist" and cost the whole create one of its attempts, a job lookup and a new upload.
 * No promises: internal.
 */
public final class StepRetry {
    private static final Logger LOG = LoggerFactory.getLogger(StepRetry.class);

    private final JobRequest request;
    private final RetryOptions retry;
    private final Executor executor;

    /**
     * @param request the job's request: the run's retry policy, scheduler and retry report
     * @param executor where a retry starts after its wait
     */
    public StepRetry(JobRequest request, Executor executor) {
        this.request = Objects.requireNonNull(request, "request");
        this.retry = request.retry();
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * @param step the step's name, for the messages
     * @param attempt makes attempt n (from 1); its failure is translated with {@link TargetErrors#translate}
     * @param <T> the step's result
     * @return completes with the first attempt that succeeded, or with the last failure: at once for a failure that
     *     is neither {@code THROTTLED} nor {@code TRANSIENT}, else once {@link RetryOptions#maxAttempts()} attempts
     *     failed. Completing it (a cancel included) stops further attempts.
     */
    public <T> CompletableFuture<T> run(String step, IntFunction<CompletableFuture<T>> attempt) {
        CompletableFuture<T> out = new CompletableFuture<>();
        attempt(step, attempt, 1, out);
        return out;
    }

    private <T> void attempt(String step, IntFunction<CompletableFuture<T>> attempt, int n, CompletableFuture<T> out) {
        if (out.isDone()) {
            return;
        }
        CompletableFuture<T> call;
        try {
            call = attempt.apply(n);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> current = call;
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                current.cancel(true);
            }
        });
        current.whenComplete((v, t) -> {
            if (t == null) {
                out.complete(v);
                return;
            }
            ImportTargetException e = TargetErrors.translate(step, false, t);
            if (n >= retry.maxAttempts() || !retryable(e)) {
                out.completeExceptionally(e);
                return;
            }
            Duration wait = retry.delayBefore(n);
            LOG.debug(
                    "{} failed ({}), attempt {} of {}; trying again in {}",
                    step,
                    e.kind(),
                    n,
                    retry.maxAttempts(),
                    wait);
            request.retrying(e);
            Runnable next = () -> {
                try {
                    executor.execute(() -> attempt(step, attempt, n + 1, out));
                } catch (RuntimeException rejected) {
                    out.completeExceptionally(e);
                }
            };
            try {
                ScheduledExecutorService scheduler = request.scheduler().orElse(null);
                if (scheduler != null) {
                    scheduler.schedule(next, wait.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
                            .execute(next);
                }
            } catch (RuntimeException rejected) {
                // the run's scheduler is shut down: the importer closed, no attempt is left to wait for
                out.completeExceptionally(e);
            }
        });
    }

    private static boolean retryable(ImportTargetException e) {
        return e.kind() == ImportTargetException.Kind.THROTTLED || e.kind() == ImportTargetException.Kind.TRANSIENT;
    }
}
