package io.pinpointimport.internal.job;

import io.github.resilience4j.retry.Retry;
import io.pinpointimport.ImportException;
import io.pinpointimport.internal.Futures;
import io.pinpointimport.internal.RunContext;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.JobTimeoutException;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's import job, from waiting for a slot to a terminal status. Every wait is a task on the scheduler and
 * every call a future: no thread is held while the job runs. Completing {@link #result()} in any way (terminal
 * status, error, timeout, or the caller's cancel) stops everything still pending and gives the slot back.
 * No promises: internal.
 */
public final class JobExecution {
    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
    /** {@link #LOG} with the run's id in the MDC around every call. */
    private final Logger log;

    private final JobEngine engine;
    private final JobRequest request;
    private final int shardNumber;
    private final long records;
    private final JobObserver observer;
    private final CompletableFuture<ImportResult> result = new CompletableFuture<>();
    private final Object lock = new Object();

    // guarded by lock
    private Future<?> pending;
    private Future<?> timeout;
    private JobLimit.Permit permit;

    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile String jobId;
    private volatile boolean adopted;
    private volatile boolean mayExist;
    private volatile boolean createSent;
    private volatile Instant queuedAt;
    private volatile Instant startedAt;
    private volatile Instant createdAt;
    // what the job's age, which sets the wait between checks, counts from; set with the first answer about the job
    private volatile Instant pollOrigin;

    private final String knownJobId;
    // false for a job watched by its id alone: cancelling such a watch never stops the job in the service
    private final boolean stopOnCancel;
    private volatile String serviceUrl;
    private final AtomicInteger outageChecks = new AtomicInteger();

    JobExecution(
            JobEngine engine,
            JobRequest request,
            int shardNumber,
            long records,
            JobObserver observer,
            boolean mayExist,
            String knownJobId) {
        this(engine, request, shardNumber, records, observer, mayExist, knownJobId, true);
    }

    JobExecution(
            JobEngine engine,
            JobRequest request,
            int shardNumber,
            long records,
            JobObserver observer,
            boolean mayExist,
            String knownJobId,
            boolean stopOnCancel) {
        this.engine = engine;
        this.stopOnCancel = stopOnCancel;
        this.log = RunContext.logger(LOG, engine.runId());
        this.mayExist = mayExist;
        this.knownJobId = knownJobId;
        this.request = request;
        this.shardNumber = shardNumber;
        this.records = records;
        this.observer = observer == null ? JobObserver.NONE : observer;
    }

    /** @return completes with the job's result; exceptionally with ImportJobFailedException for FAILED */
    public CompletableFuture<ImportResult> result() {
        return result;
    }

    /** @return the job's S3 URL; for a job watched by its id alone, the service's once known */
    public String s3Url() {
        return url();
    }

    // A job watched by its id alone has no request: its URL is the one the service reports, once it has answered.
    private String url() {
        if (request != null) {
            return request.s3Url();
        }
        String reported = serviceUrl;
        return reported != null ? reported : "(job " + knownJobId + ")";
    }

    /** @return the shard number, or -1 */
    public int shardNumber() {
        return shardNumber;
    }

    /** @return the records in the shard, or -1 */
    public long records() {
        return records;
    }

    /**
     * @return true once a create was sent (its answer may have been lost, or may still come) or the job is known:
     *     a job may then exist that reads the shard
     */
    public boolean mayHaveCreated() {
        return createSent || mayExist || jobId != null || knownJobId != null;
    }

    /** @return the service's job id, once the job exists */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    void start() {
        queuedAt = engine.clock().instant();
        result.whenComplete((r, t) -> ended());
        CompletableFuture<JobLimit.Permit> ticket = engine.limit().acquire();
        if (!track(ticket)) {
            return;
        }
        ticket.whenComplete((p, t) -> {
            if (t != null) {
                fail(t);
            } else {
                onSlot(p);
            }
        });
    }

    private void onSlot(JobLimit.Permit p) {
        if (engine.isCancelled()) {
            result.cancel(false);
        }
        synchronized (lock) {
            if (isOver()) {
                p.release();
                return;
            }
            permit = p;
            if (engine.jobTimeout() != null) {
                timeout = engine.scheduler()
                        .schedule(this::timedOut, engine.jobTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        startedAt = engine.clock().instant();
        if (knownJobId != null) {
            // created by an earlier process: watch it, never create it again
            jobId = knownJobId;
            createdAt = startedAt;
            if (request == null) {
                log.info("Import job {} is watched by its id", jobId);
            } else {
                log.info("Import job {} for {} (shard {}) is watched again after a resume", jobId, url(), shardNumber);
            }
            check(1);
            return;
        }
        Supplier<CompletionStage<JobSnapshot>> attempt = this::createAttempt;
        Supplier<CompletionStage<JobSnapshot>> withRetries =
                Retry.decorateCompletionStage(engine.transientRetry(), engine.scheduler(), attempt);
        Supplier<CompletionStage<JobSnapshot>> withQuota = Retry.decorateCompletionStage(
                engine.quotaRetry(), engine.scheduler(), this.lastLookOnFailure(withRetries));
        withQuota.get().whenComplete((snapshot, t) -> {
            if (t != null) {
                fail(t);
            } else {
                onCreated(snapshot);
            }
        });
    }

    // When the retries give up after a create that may have reached the service, look once more before failing:
    // one shard, one job.
    private Supplier<CompletionStage<JobSnapshot>> lastLookOnFailure(Supplier<CompletionStage<JobSnapshot>> inner) {
        return () -> inner.get().toCompletableFuture().exceptionallyCompose(t -> {
            if (!mayExist || isOver() || JobEngine.kind(t) == ImportTargetException.Kind.QUOTA) {
                return CompletableFuture.failedFuture(Futures.unwrap(t));
            }
            return tracked(() -> engine.target().findJob(request)).thenCompose(found -> {
                if (found.isPresent()) {
                    return CompletableFuture.completedFuture(adopt(found.get()));
                }
                return CompletableFuture.<JobSnapshot>failedFuture(Futures.unwrap(t));
            });
        });
    }

    private CompletionStage<JobSnapshot> createAttempt() {
        if (isOver()) {
            return CompletableFuture.failedFuture(new CancellationException("job ended"));
        }
        if (!mayExist) {
            return createOnce();
        }
        // An earlier create may have started a job whose answer was lost: adopt it rather than start a second one.
        return tracked(() -> engine.target().findJob(request)).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(adopt(found.get()));
            }
            return createOnce();
        });
    }

    private JobSnapshot adopt(JobSnapshot found) {
        adopted = true;
        log.info("Adopted import job {} for {}, found after a create whose answer was lost", found.id(), url());
        return found;
    }

    private CompletableFuture<JobSnapshot> createOnce() {
        if (isOver()) {
            return CompletableFuture.failedFuture(new CancellationException("job ended"));
        }
        createSent = true;
        return tracked(() -> engine.target().createJob(request)).whenComplete((s, t) -> {
            if (t != null && JobEngine.kind(t) == ImportTargetException.Kind.TRANSIENT) {
                mayExist = true;
            }
        });
    }

    private void onCreated(JobSnapshot snapshot) {
        jobId = snapshot.id();
        createdAt = engine.clock().instant();
        // A job this process did not create may be older than the moment it was found.
        pollOrigin = adopted ? origin(snapshot, createdAt) : createdAt;
        log.info(
                "Import job {} {} for {} (shard {}, {} records)",
                snapshot.id(),
                adopted ? "adopted" : "created",
                url(),
                shardNumber,
                records);
        onSnapshot(snapshot, 1);
    }

    private void onSnapshot(JobSnapshot snapshot, int nextCheck) {
        if (isOver()) {
            return;
        }
        if (request == null && serviceUrl == null) {
            serviceUrl = snapshot.s3Url().orElse(null);
        }
        if (pollOrigin == null) {
            // watched again after a resume: the job's age counts from its creation, as the service reports it
            pollOrigin = origin(snapshot, startedAt);
        }
        notifyStatus(snapshot);
        if (snapshot.status().isTerminal()) {
            finish(snapshot);
        } else {
            scheduleCheck(nextCheck);
        }
    }

    private void scheduleCheck(int check) {
        long delay = engine.pollInterval()
                .waitMillis(Duration.between(pollOrigin, engine.clock().instant()));
        synchronized (lock) {
            if (isOver()) {
                return;
            }
            try {
                pending = engine.scheduler().schedule(() -> check(check), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                stopping = true;
                result.completeExceptionally(new ImportException(
                        "The scheduler refused to schedule the next check" + " of import job " + jobId
                                + "; was it shut down?",
                        e));
            }
        }
    }

    private void check(int check) {
        if (isOver()) {
            return;
        }
        Supplier<CompletionStage<JobSnapshot>> get = () -> isOver()
                ? CompletableFuture.failedFuture(new CancellationException("job ended"))
                : tracked(() -> engine.target().getJob(jobId));
        Retry.decorateCompletionStage(engine.transientRetry(), engine.scheduler(), get)
                .get()
                .whenComplete((snapshot, t) -> {
                    if (t != null && isOutage(t)) {
                        // The job goes on in the service while the network is down: keep checking, further and
                        // further apart as the job ages, until the job timeout (if any) gives up on it.
                        int outage = outageChecks.incrementAndGet();
                        if (outage == 1) {
                            log.info(
                                    "Import job {} for {} could not be checked ({}); checking again until it ends"
                                            + " or its timeout passes",
                                    jobId,
                                    url(),
                                    Futures.unwrap(t).getClass().getSimpleName());
                        } else {
                            log.debug("Import job {} still could not be checked ({} checks)", jobId, outage);
                        }
                        scheduleCheck(check + 1);
                    } else if (t != null) {
                        fail(t);
                    } else {
                        if (outageChecks.getAndSet(0) > 0) {
                            log.info("Import job {} could be checked again", jobId);
                        }
                        log.debug(
                                "Import job {} is {} (check {})",
                                jobId,
                                snapshot.statusText().orElse("?"),
                                check);
                        onSnapshot(snapshot, check + 1);
                    }
                });
    }

    // A check that failed for want of the network or of a healthy service, as opposed to an answer that the job is
    // not there or may not be read (those end the watch at once).
    private static boolean isOutage(Throwable t) {
        ImportTargetException.Kind kind = JobEngine.kind(t);
        return kind == ImportTargetException.Kind.TRANSIENT || kind == ImportTargetException.Kind.THROTTLED;
    }

    // The service's CreationDate, but never later than `latest`: a local clock behind the service's would otherwise
    // give a negative age. Without a readable CreationDate, `latest`.
    static Instant origin(JobSnapshot snapshot, Instant latest) {
        Optional<String> text = snapshot.creationDate();
        if (text.isEmpty()) {
            return latest;
        }
        Instant created;
        try {
            created = OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            LOG.debug(
                    "Import job {}: CreationDate {} is not an ISO 8601 date-time; its age counts from now",
                    snapshot.id(),
                    text.get());
            return latest;
        }
        return created.isAfter(latest) ? latest : created;
    }

    private void finish(JobSnapshot last) {
        ImportResult r = ImportResult.builder()
                .s3Url(url())
                .shardNumber(shardNumber)
                .recordsSubmitted(records)
                .adopted(adopted)
                .job(last)
                .queuedAt(queuedAt)
                .startedAt(startedAt)
                .createdAt(createdAt)
                .finishedAt(engine.clock().instant())
                .build();
        stop();
        // Observers hear of the end before the result completes, so that whoever waits on the result (the run's
        // summary) comes after them.
        if (last.status() == JobStatus.FAILED) {
            log.warn(
                    "Import job {} for {} (shard {}, {} records) ended FAILED; {} failure line{} from the service,"
                            + " the first with its values masked: {}",
                    r.jobId(),
                    r.s3Url(),
                    shardNumber,
                    records,
                    r.failures().size(),
                    r.failures().size() == 1 ? "" : "s",
                    r.failures().isEmpty()
                            ? "(none)"
                            : FailureLines.masked(r.failures().get(0)));
            log.debug("Import job {} failure lines: {}", r.jobId(), r.failures());
            report(() -> observer.finished(this, r));
            result.completeExceptionally(new ImportJobFailedException(r));
        } else {
            log.info(
                    "Import job {} for {} ended {} (processed {}, failed {})",
                    r.jobId(),
                    r.s3Url(),
                    last.statusText().orElse("?"),
                    r.totalProcessed().isPresent() ? r.totalProcessed().getAsInt() : "?",
                    r.totalFailures().isPresent() ? r.totalFailures().getAsInt() : "?");
            report(() -> observer.finished(this, r));
            result.complete(r);
        }
    }

    private void timedOut() {
        if (isOver()) {
            return;
        }
        String id = jobId;
        JobTimeoutException e = new JobTimeoutException(
                "Import job " + (id == null ? "(not created yet)" : id)
                        + " for " + url() + " did not end within " + engine.jobTimeout()
                        + "; the library stopped watching it"
                        + (id == null ? "" : ", but the job goes on in the service"),
                engine.jobTimeout(),
                url(),
                id);
        stop();
        log.info("Import job {} for {} timed out after {}", id, url(), engine.jobTimeout());
        report(() -> observer.failed(this, e));
        result.completeExceptionally(e);
    }

    private void fail(Throwable t) {
        Throwable cause = Futures.unwrap(t);
        if (isOver()) {
            return;
        }
        ImportException e;
        if (cause instanceof ImportException ie && !(cause instanceof ImportTargetException)) {
            e = ie;
        } else {
            e = new ImportException(
                    (jobId == null
                                    ? "Could not create the import job for " + url()
                                    : "Could not follow import job " + jobId + " for " + url())
                            + ": "
                            + cause.getMessage(),
                    cause);
        }
        stop();
        if (cause instanceof CancellationException) {
            log.debug("Import job {} for {} stopped: cancelled", jobId, url());
        } else if (jobId == null) {
            log.warn("Import job for {} (shard {}) could not be created: {}", url(), shardNumber, e.getMessage());
        } else {
            log.warn(
                    "Import job {} for {} (shard {}) could not be followed: {}",
                    jobId,
                    url(),
                    shardNumber,
                    e.getMessage());
        }
        report(() -> observer.failed(this, e));
        result.completeExceptionally(e);
    }

    private boolean isOver() {
        return stopping || result.isDone();
    }

    // Stops what is pending and gives the slot back before the result completes, so that whoever waits on the
    // result finds the slot already free.
    private void stop() {
        synchronized (lock) {
            stopping = true;
            if (pending != null) {
                pending.cancel(true);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (permit != null) {
                permit.release();
            }
        }
    }

    private void ended() {
        stop();
        if (result.isCancelled()) {
            String id = jobId;
            if (id == null) {
                log.info("Import job for {} cancelled before it was created", url());
            } else if (!stopOnCancel) {
                log.info(
                        "Import job {} is no longer watched: the watch was cancelled; the job goes on in the service",
                        id);
            } else {
                askToStop(id);
            }
            report(() -> observer.failed(this, new CancellationException("cancelled")));
        }
    }

    // One attempt, not awaited: the run is over for this job whatever the service answers.
    private void askToStop(String id) {
        CompletableFuture<Boolean> stopped;
        try {
            stopped = engine.target().stopJob(id);
        } catch (RuntimeException e) {
            stopped = CompletableFuture.failedFuture(e);
        }
        stopped.whenComplete((asked, t) -> {
            if (t != null) {
                log.info(
                        "Import job {} for {} cancelled: the library stopped watching it; asking the service to"
                                + " stop it failed ({}), so it may go on there",
                        id,
                        url(),
                        Futures.unwrap(t).getClass().getSimpleName());
            } else if (Boolean.TRUE.equals(asked)) {
                log.info("Import job {} for {} cancelled: the service was asked to stop it", id, url());
            } else {
                log.info(
                        "Import job {} for {} cancelled: the library stopped watching it; the service has no"
                                + " cancel call, so the job goes on there",
                        id,
                        url());
            }
        });
    }

    // Registers the current call so that completing the result cancels it; refuses to start one once done.
    private <T> CompletableFuture<T> tracked(Supplier<CompletableFuture<T>> call) {
        synchronized (lock) {
            if (isOver()) {
                return CompletableFuture.failedFuture(new CancellationException("job ended"));
            }
            CompletableFuture<T> f = call.get();
            pending = f;
            return f;
        }
    }

    private boolean track(Future<?> f) {
        synchronized (lock) {
            if (isOver()) {
                f.cancel(true);
                return false;
            }
            pending = f;
            return true;
        }
    }

    private void notifyStatus(JobSnapshot snapshot) {
        safely(() -> observer.status(this, snapshot));
    }

    private void report(Runnable r) {
        if (reported.compareAndSet(false, true)) {
            safely(r);
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A listener threw; listeners must not throw", e);
        }
    }
}
