package io.pinpointimport.internal.run;

import io.pinpointimport.ImportException;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.JobError;
import io.pinpointimport.TooManyRejectionsException;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.internal.job.JobExecution;
import io.pinpointimport.internal.job.JobObserver;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobTimeoutException;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.RunValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: read, validate, write shards, store them, start and watch their jobs, sum up. Reading runs as one task
 * on the run's executor; storing and jobs run on futures and the scheduler. No promises: internal.
 */
public final class RunExecution {
    /** How many records pass between two progress reports while reading. */
    static final int PROGRESS_EVERY = 1000;
    /** How many finished shards may wait for their upload before reading pauses (bounds the temporary disk use). */
    static final int MAX_PENDING_UPLOADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private final String runId;
    private final RunSettings settings;
    private final JobEngine engine;
    private final CompletableFuture<ImportSummary> summary = new CompletableFuture<>();
    private final CompletableFuture<List<CompletableFuture<ImportResult>>> jobsKnown = new CompletableFuture<>();
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final List<ShardJob> shardJobs = new CopyOnWriteArrayList<>();
    private final List<ImportListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final Semaphore uploads = new Semaphore(MAX_PENDING_UPLOADS);
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicInteger shardsStored = new AtomicInteger();
    private final AtomicInteger jobsStarted = new AtomicInteger();
    private final AtomicInteger jobsEnded = new AtomicInteger();
    private final Map<String, Integer> processed = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean inputDone;
    private volatile ShardWriter writer;
    private volatile Future<?> runTimeout;
    private Instant startedAt;

    /** The job of one shard: stored, then imported. */
    private static final class ShardJob {
        final Shard shard;
        final CompletableFuture<ImportResult> future = new CompletableFuture<>();
        volatile CompletableFuture<StoredShard> stored;
        volatile JobExecution execution;
        volatile String s3Url;

        ShardJob(Shard shard) {
            this.shard = shard;
        }
    }

    /**
     * @param runId the run's id
     * @param settings the importer's settings
     */
    public RunExecution(String runId, RunSettings settings) {
        this.runId = runId;
        this.settings = settings;
        this.listeners.addAll(settings.listeners());
        this.engine = new JobEngine(settings.target(), settings.scheduler(), settings.limit(), settings.polling(),
                settings.retry(), settings.jobTimeout(), settings.clock());
        if (!settings.policy().canFail()) {
            gate.complete(null);
        }
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }

    /** @return the run's journal file, if it keeps one */
    public java.util.Optional<java.nio.file.Path> journalFile() {
        return java.util.Optional.empty();
    }

    /** @return completes with the summary when every job ended */
    public CompletableFuture<ImportSummary> summary() {
        return summary;
    }

    /** @return completes with every job's future once the whole input is sharded */
    public CompletableFuture<List<CompletableFuture<ImportResult>>> jobs() {
        return jobsKnown;
    }

    /** @return the futures of the jobs known so far, in shard order */
    public List<CompletableFuture<ImportResult>> jobsSoFar() {
        return shardJobs.stream().map(j -> j.future).toList();
    }

    /**
     * @param listener another listener, hearing what happens from now on
     */
    public void addListener(ImportListener listener) {
        listeners.add(listener);
    }

    /** @return the current counts */
    public ImportProgress progress() {
        return new ImportProgress(runId, read.get(), rejected.get(), submitted.get(), shardJobs.size(),
                shardsStored.get(), jobsStarted.get(), jobsEnded.get(),
                processed.values().stream().mapToLong(Integer::longValue).sum(), inputDone);
    }

    /**
     * Starts the run: reading is handed to the executor, nothing happens on the caller's thread.
     *
     * @param source the input; closed by the run
     */
    public void start(RecordSource source) {
        startedAt = settings.clock().instant();
        LOG.info("Import run {} started: format {}, target {}", runId, settings.format(),
                settings.target().describe());
        if (settings.runTimeout() != null) {
            runTimeout = settings.scheduler().schedule(() -> abort(new JobTimeoutException("Import run " + runId
                    + " did not finish within " + settings.runTimeout() + "; jobs already created go on in the"
                    + " service", settings.runTimeout(), null, null)), settings.runTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        try {
            settings.executor().execute(() -> readAll(source));
        } catch (RejectedExecutionException e) {
            source.close();
            abort(new ImportException("The executor refused the run's reading task; was it shut down?", e));
        }
    }

    /** Cancels the run: reading stops, no job starts, checks stop, slots are given back. */
    public void cancel() {
        abort(new CancellationException("Import run " + runId + " was cancelled; jobs already created go on in the"
                + " service, which has no cancel call"));
    }

    private void readAll(RecordSource source) {
        RunValidator validator = settings.validator().newRun();
        try (source) {
            writer = ShardWriter.builder()
                    .format(settings.format())
                    .maxShardBytes(settings.maxShardBytes())
                    .maxRecordsPerShard(settings.maxRecordsPerShard())
                    .directory(settings.tempDirectory())
                    .onShard(this::onShard)
                    .build();
            long index = 0;
            RecordSource.Entry e;
            while (!stopped.get() && (e = source.next()) != null) {
                long i = index++;
                read.incrementAndGet();
                List<Rejection> rs;
                if (e.rejection() != null) {
                    rs = List.of(e.rejection().toBuilder().recordIndex(i).build());
                } else {
                    rs = validator.validate(i, e.definition());
                    if (rs.isEmpty()) {
                        rs = writer.write(i, e.definition()).map(List::of).orElse(List.of());
                    }
                }
                if (rs.isEmpty()) {
                    submitted.incrementAndGet();
                } else {
                    long n = rejected.incrementAndGet();
                    synchronized (rejections) {
                        rejections.addAll(rs);
                    }
                    if (settings.policy().isExceeded(n)) {
                        List<Rejection> soFar;
                        synchronized (rejections) {
                            soFar = List.copyOf(rejections);
                        }
                        abort(new TooManyRejectionsException(settings.policy().maxRejected(), soFar));
                        return;
                    }
                }
                if (i % PROGRESS_EVERY == PROGRESS_EVERY - 1) {
                    progressChanged();
                }
            }
            if (stopped.get()) {
                return;
            }
            writer.finish();
            inputDone = true;
            LOG.info("Import run {} read its input: {} records, {} rejected, {} submitted in {} shards", runId,
                    read.get(), rejected.get(), submitted.get(), shardJobs.size());
            progressChanged();
            gate.complete(null);
            jobsKnown.complete(jobsSoFar());
            List<CompletableFuture<ImportResult>> all = jobsSoFar();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, t) -> {
                finish();
                return null;
            });
        } catch (RuntimeException | Error ex) {
            abort(ex);
        }
    }

    private void onShard(Shard shard) {
        ShardJob job = new ShardJob(shard);
        shardJobs.add(job);
        job.future.whenComplete((r, t) -> {
            JobExecution ex = job.execution;
            if (job.future.isCancelled() && ex != null) {
                ex.result().cancel(false);
            }
        });
        progressChanged();
        try {
            // Bounded wait, so that shard files do not pile up on disk when uploading is slower than writing.
            while (!uploads.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    throw new CancellationException("run stopped");
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        CompletableFuture<StoredShard> stored;
        try {
            stored = settings.store().store(runId, shard);
        } catch (RuntimeException ex) {
            stored = CompletableFuture.failedFuture(ex);
        }
        job.stored = stored;
        stored.whenComplete((s, t) -> {
            uploads.release();
            releaseFile(shard);
            if (t != null) {
                Throwable cause = unwrap(t);
                job.future.completeExceptionally(cause);
                abort(cause instanceof ImportException || cause instanceof CancellationException ? cause
                        : new ImportException("Shard " + shard.number() + " of run " + runId
                                + " could not be stored: " + cause.getMessage(), cause));
                return;
            }
            job.s3Url = s.jobUrl();
            shardsStored.incrementAndGet();
            each(l -> l.shardStored(s));
            progressChanged();
            gate.thenRun(() -> startJob(job, s));
        });
    }

    private void releaseFile(Shard shard) {
        ShardWriter w = writer;
        if (w == null) {
            return;
        }
        try {
            w.release(shard);
        } catch (RuntimeException e) {
            LOG.warn("Import run {} could not delete the local file of shard {}", runId, shard.number(), e);
        }
    }

    private void startJob(ShardJob job, StoredShard stored) {
        if (stopped.get() || job.future.isDone()) {
            return;
        }
        JobRequest request = JobRequest.of(stored.jobUrl(), settings.format(), settings.jobOptions());
        JobExecution ex = engine.submit(request, job.shard.number(), job.shard.recordCount(), observer);
        job.execution = ex;
        if (job.future.isCancelled()) {
            ex.result().cancel(false);
        }
        ex.result().whenComplete((r, t) -> {
            if (t == null) {
                job.future.complete(r);
            } else {
                Throwable cause = unwrap(t);
                if (cause instanceof CancellationException) {
                    job.future.cancel(false);
                } else {
                    job.future.completeExceptionally(cause);
                }
            }
        });
    }

    private final JobObserver observer = new JobObserver() {
        @Override
        public void status(JobExecution execution, JobSnapshot snapshot) {
            if (processed.putIfAbsent(execution.s3Url(), snapshot.totalProcessed().orElse(0)) == null) {
                jobsStarted.incrementAndGet();
            } else {
                processed.put(execution.s3Url(), snapshot.totalProcessed().orElse(0));
            }
            each(l -> l.jobStatus(execution.s3Url(), snapshot));
            progressChanged();
        }

        @Override
        public void finished(JobExecution execution, ImportResult result) {
            jobsEnded.incrementAndGet();
            each(l -> l.jobEnded(result));
            progressChanged();
        }

        @Override
        public void failed(JobExecution execution, Throwable error) {
            jobsEnded.incrementAndGet();
            each(l -> l.jobError(execution.s3Url(), unwrap(error)));
            progressChanged();
        }
    };

    private void finish() {
        if (stopped.get() || !ended.compareAndSet(false, true)) {
            return;
        }
        cancelRunTimeout();
        List<ImportResult> results = new ArrayList<>();
        List<JobError> errors = new ArrayList<>();
        for (ShardJob job : shardJobs) {
            Throwable t = null;
            ImportResult r = null;
            try {
                r = job.future.getNow(null);
            } catch (CancellationException | CompletionException e) {
                t = unwrap(e);
            }
            if (r != null) {
                results.add(r);
            } else if (t instanceof ImportJobFailedException failed && failed.result() != null) {
                results.add(failed.result());
            } else {
                JobExecution ex = job.execution;
                errors.add(new JobError(job.s3Url == null ? "(not stored)" : job.s3Url, job.shard.number(),
                        job.shard.recordCount(), ex == null ? Optional.empty() : ex.jobId(),
                        t == null ? new ImportException("job did not end") : t));
            }
        }
        List<Rejection> allRejections;
        synchronized (rejections) {
            allRejections = List.copyOf(rejections);
        }
        ImportSummary s = ImportSummary.builder()
                .runId(runId)
                .recordsRead(read.get())
                .recordsRejected(rejected.get())
                .recordsSubmitted(submitted.get())
                .shards(shardJobs.size())
                .results(results)
                .jobErrors(errors)
                .rejections(allRejections)
                .startedAt(startedAt)
                .finishedAt(settings.clock().instant())
                .build();
        closeWriter();
        LOG.info("Import run {} finished: {} records read, {} rejected, {} submitted; {} jobs completed, {} failed,"
                + " {} without an end; service processed {}, failed {}", runId, s.recordsRead(),
                s.recordsRejected(), s.recordsSubmitted(), s.jobsCompleted(), s.jobsFailed(), s.jobErrors().size(),
                s.serviceProcessed(), s.serviceFailed());
        each(l -> l.runEnded(s));
        summary.complete(s);
    }

    private void abort(Throwable cause) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ended.set(true);
        cancelRunTimeout();
        boolean policy = cause instanceof TooManyRejectionsException;
        LOG.info("Import run {} stopped: {}", runId, cause.getClass().getSimpleName());
        gate.completeExceptionally(cause);
        engine.cancelAll();
        jobsKnown.completeExceptionally(cause);
        List<CompletableFuture<?>> stores = new ArrayList<>();
        for (ShardJob job : shardJobs) {
            if (job.stored != null) {
                stores.add(job.stored);
            }
            if (!job.future.isDone()) {
                if (cause instanceof CancellationException) {
                    job.future.cancel(false);
                } else {
                    job.future.completeExceptionally(cause);
                }
            }
        }
        // Local files go once every upload has let go of them; a run that tripped its policy imported nothing, so
        // its stored shards go too.
        CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new)).handle((v, t) -> {
            closeWriter();
            if (policy) {
                settings.store().deleteRun(runId).whenComplete((d, e) -> {
                    if (e != null) {
                        LOG.warn("Import run {} could not delete its stored shards", runId, unwrap(e));
                    }
                });
            }
            return null;
        });
        each(l -> l.runFailed(cause));
        summary.completeExceptionally(cause);
    }

    private void cancelRunTimeout() {
        Future<?> f = runTimeout;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void closeWriter() {
        ShardWriter w = writer;
        if (w == null) {
            return;
        }
        try {
            w.close();
        } catch (RuntimeException e) {
            LOG.warn("Import run {} could not delete its temporary shard files", runId, e);
        }
    }

    private void progressChanged() {
        if (listeners.isEmpty()) {
            return;
        }
        ImportProgress p = progress();
        each(l -> l.progress(p));
    }

    private void each(java.util.function.Consumer<ImportListener> call) {
        for (ImportListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("An import listener threw; listeners must not throw", e);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
