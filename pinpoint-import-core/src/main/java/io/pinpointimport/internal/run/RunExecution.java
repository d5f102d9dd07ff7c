package io.pinpointimport.internal.run;

import static io.pinpointimport.internal.Futures.unwrap;

import io.pinpointimport.ImportException;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.JobError;
import io.pinpointimport.RunTimeoutException;
import io.pinpointimport.TooManyRejectionsException;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.internal.RunContext;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.internal.job.JobExecution;
import io.pinpointimport.internal.job.JobObserver;
import io.pinpointimport.internal.journal.JournalState;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.internal.report.PlacementWriter;
import io.pinpointimport.job.ImportJobFailedException;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.RunValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: read, validate, write shards, store them, start and watch their jobs, sum up. Reading runs as one task
 * on the run's executor; storing and jobs run on futures and the scheduler. With a journal, each shard's stages are
 * recorded as they pass; a resumed run (with the journal's state) skips what the journal says is done. No promises:
 * internal.
 */
public final class RunExecution {
    /** How many records pass between two progress reports while reading. */
    static final int PROGRESS_EVERY = 1000;
    /** How many finished shards may wait for their upload before reading pauses (bounds the temporary disk use). */
    static final int MAX_PENDING_UPLOADS = 2;
    /** How long a stopped run waits for its running uploads before it ends and says what they may leave. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    /** {@link #LOG} with the run's id in the MDC around every call. */
    private final Logger log;

    private final String runId;
    private final RunSettings settings;
    private final JobEngine engine;
    private final RunJournal journal;
    private final JournalState prior;
    /** Where the run report's placement file goes (the journal directory), or null for no report. */
    private final Path reportDirectory;

    private final Map<Integer, ShardJob> byNumber = new ConcurrentHashMap<>();
    private final CompletableFuture<ImportSummary> summary = new CompletableFuture<>();
    private final CompletableFuture<ImportSummary> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> readingDone = new CompletableFuture<>();
    private final CompletableFuture<List<CompletableFuture<ImportResult>>> jobsKnown = new CompletableFuture<>();
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final List<ShardJob> shardJobs = new CopyOnWriteArrayList<>();
    private final List<ImportListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final AtomicLong rejectionsOmitted = new AtomicLong();
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
        final int number;
        final long records;
        final Shard shard;
        final CompletableFuture<ImportResult> future = new CompletableFuture<>();
        final AtomicBoolean createdJournaled = new AtomicBoolean();
        volatile CompletableFuture<StoredShard> stored;
        volatile JobExecution execution;
        volatile String s3Url;

        ShardJob(int number, long records, Shard shard) {
            this.number = number;
            this.records = records;
            this.shard = shard;
        }
    }

    /**
     * @param runId the run's id
     * @param settings the importer's settings
     */
    public RunExecution(String runId, RunSettings settings) {
        this(runId, settings, null, null);
    }

    /**
     * @param runId the run's id
     * @param settings the importer's settings
     * @param journal the run's open journal, or null for none; closed by the run
     * @param prior what the journal said when a run is resumed, or null for a new run
     */
    public RunExecution(String runId, RunSettings settings, RunJournal journal, JournalState prior) {
        this(runId, settings, journal, prior, null);
    }

    /**
     * @param runId the run's id
     * @param settings the importer's settings
     * @param journal the run's open journal, or null for none; closed by the run
     * @param prior what the journal said when a run is resumed, or null for a new run
     * @param reportDirectory where the run report's placement file is written (beside the journal), or null for no
     *     report; a resumed run that reads its input again writes it anew, one that does not keeps it
     */
    public RunExecution(
            String runId, RunSettings settings, RunJournal journal, JournalState prior, Path reportDirectory) {
        this.runId = runId;
        this.reportDirectory = reportDirectory;
        this.settings = settings;
        this.journal = journal;
        this.prior = prior;
        this.listeners.addAll(settings.listeners());
        this.log = RunContext.logger(LOG, runId);
        this.engine = new JobEngine(
                prior == null ? settings.target() : earlierJobsIgnored(settings, prior),
                RunContext.scheduler(settings.scheduler(), runId),
                settings.limit(),
                settings.polling(),
                settings.retry(),
                settings.jobTimeout(),
                settings.clock(),
                runId);
        engine.onRetry(cause -> each(l -> l.retrying(cause)));
        if (!settings.policy().canFail()) {
            gate.complete(null);
        }
    }

    // A shard resubmitted before has failed jobs under the same URL: a job looked for by that URL is never one of them.
    private static ImportTarget earlierJobsIgnored(RunSettings settings, JournalState prior) {
        Map<Integer, List<String>> earlier = new TreeMap<>();
        prior.shards().forEach((n, s) -> {
            if (!s.previousJobIds().isEmpty()) {
                earlier.put(n, s.previousJobIds());
            }
        });
        return earlier.isEmpty()
                ? settings.target()
                : new ShardResubmission.EarlierJobsIgnored(settings.target(), earlier);
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }

    /** @return the run's journal file, if it keeps one */
    public Optional<Path> journalFile() {
        return journal == null ? Optional.empty() : Optional.of(journal.file());
    }

    /** @return completes with the summary when every job ended; exceptionally, after its clean-up, when it stopped */
    public CompletableFuture<ImportSummary> summary() {
        return summary;
    }

    /** @return completes with the summary however the run ended, after its clean-up; never exceptionally */
    public CompletableFuture<ImportSummary> outcome() {
        return outcome;
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
        return new ImportProgress(
                runId,
                read.get(),
                rejected.get(),
                submitted.get(),
                shardJobs.size(),
                shardsStored.get(),
                jobsStarted.get(),
                jobsEnded.get(),
                processed.values().stream().mapToLong(Integer::longValue).sum(),
                inputDone);
    }

    /**
     * Starts the run: reading is handed to the executor, nothing happens on the caller's thread.
     *
     * @param source the input, closed by the run; null for a resumed run whose input was wholly sharded and stored
     *     (the journal's counts stand in for reading it again)
     */
    public void start(RecordSource source) {
        startedAt = prior != null
                ? prior.header().startedAt()
                : journal != null && journal.startedAt() != null
                        ? journal.startedAt()
                        : settings.clock().instant();
        if (prior != null) {
            log.info(
                    "Import run {} resumed from its journal: {} shards stored before, format {}, target {}",
                    runId,
                    prior.storedPrefix(),
                    settings.format(),
                    settings.target().describe());
            try {
                journal.resumed();
            } catch (RuntimeException e) {
                if (source != null) {
                    source.close();
                }
                readingDone.complete(null);
                abort(e);
                return;
            }
        } else {
            log.info(
                    "Import run {} started: format {}, target {}",
                    runId,
                    settings.format(),
                    settings.target().describe());
        }
        if (settings.runTimeout() != null) {
            Duration timeout = settings.runTimeout();
            runTimeout = RunContext.scheduler(settings.scheduler(), runId)
                    .schedule(
                            () -> abort(new RunTimeoutException(runId, timeout)),
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        try {
            settings.executor().execute(RunContext.wrap(runId, () -> {
                try {
                    if (source == null) {
                        fromJournalOnly();
                    } else {
                        readAll(source);
                    }
                } finally {
                    // a stopped run cleans up only once reading has let go: no shard is stored behind its back
                    readingDone.complete(null);
                }
            }));
        } catch (RejectedExecutionException e) {
            if (source != null) {
                source.close();
            }
            readingDone.complete(null);
            abort(new ImportException("The executor refused the run's reading task; was it shut down?", e));
        }
    }

    /** Cancels the run: reading stops, no job starts, checks stop, slots are given back. */
    public void cancel() {
        abort(new CancellationException("Import run " + runId + " was cancelled; jobs already created go on in the"
                + " service, which has no cancel call"));
    }

    // A resumed run: the shards from 0 on that the journal has stored are taken as they are, and their jobs go on
    // (or their results stand) while the rest of the input is read again.
    private int takePriorPrefix() {
        if (prior == null) {
            return 0;
        }
        int prefix = prior.storedPrefix();
        for (int n = 0; n < prefix; n++) {
            JournalState.ShardState ps = prior.shards().get(n);
            ShardJob job = new ShardJob(n, ps.written().records(), null);
            register(job);
            job.s3Url = ps.storedUrl();
            shardsStored.incrementAndGet();
            gate.thenRun(() -> startJob(job, ps.storedUrl()));
        }
        progressChanged();
        return prefix;
    }

    private void fromJournalOnly() {
        try {
            JournalState.InputDone done = prior.inputDone();
            takePriorPrefix();
            read.set(done.read());
            rejected.set(done.rejected());
            // the journal keeps counts, not rejections: one at least per rejected record, none retained
            rejectionsOmitted.set(done.rejected());
            submitted.set(done.submitted());
            inputRead();
        } catch (RuntimeException | Error ex) {
            abort(ex);
        }
    }

    private void readAll(RecordSource source) {
        // The validator's state may spill to files next to the shards; closed however reading ends.
        try (source;
                RunValidator validator = settings.validator()
                        .newRun(
                                settings.tempDirectory() != null
                                        ? settings.tempDirectory()
                                        : Path.of(System.getProperty("java.io.tmpdir")));
                PlacementWriter placement =
                        reportDirectory == null ? null : PlacementWriter.create(reportDirectory, runId)) {
            int prefix = takePriorPrefix();
            long skipThrough =
                    prefix == 0 ? -1 : prior.shards().get(prefix - 1).written().lastRecordIndex();
            long skippedExpected = 0;
            for (int n = 0; n < prefix; n++) {
                skippedExpected += prior.shards().get(n).written().records();
            }
            long skipped = 0;
            boolean skipChecked = prefix == 0;
            writer = ShardWriter.builder()
                    .format(settings.format())
                    .maxShardBytes(settings.maxShardBytes())
                    .maxRecordsPerShard(settings.maxRecordsPerShard())
                    .directory(settings.tempDirectory())
                    .firstShardNumber(prefix)
                    .onShard(this::onShard)
                    .build();
            long index = 0;
            RecordSource.Entry e;
            while (!stopped.get() && (e = source.next()) != null) {
                long i = index++;
                read.incrementAndGet();
                boolean skip = i <= skipThrough;
                if (!skip && !skipChecked) {
                    checkSkipped(skipped, skippedExpected, prefix);
                    skipChecked = true;
                }
                List<Rejection> rs;
                if (e.rejection() != null) {
                    rs = List.of(e.rejection().toBuilder().recordIndex(i).build());
                } else {
                    rs = validator.validate(i, e.definition());
                    if (rs.isEmpty()) {
                        rs = (skip ? writer.skip(i, e.definition()) : writer.write(i, e.definition()))
                                .map(List::of)
                                .orElse(List.of());
                    }
                    rs = e.place(rs);
                }
                if (placement != null) {
                    String id = e.definition() == null ? null : e.definition().id();
                    if (rs.isEmpty()) {
                        placement.written(e.source(), e.line(), id);
                    } else {
                        placement.rejected(e.source(), e.line(), id, rs);
                    }
                }
                if (skip && rs.isEmpty()) {
                    skipped++;
                }
                if (rs.isEmpty()) {
                    submitted.incrementAndGet();
                } else {
                    long n = rejected.incrementAndGet();
                    retain(rs);
                    List<Rejection> record = rs;
                    each(l -> l.recordRejected(record));
                    if (settings.policy().isExceeded(n)) {
                        List<Rejection> soFar;
                        synchronized (rejections) {
                            soFar = List.copyOf(rejections);
                        }
                        abort(new TooManyRejectionsException(
                                settings.policy().maxRejected(), soFar, rejectionsOmitted.get()));
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
            if (!skipChecked) {
                checkSkipped(skipped, skippedExpected, prefix);
            }
            writer.finish();
            if (prior != null && prior.inputDone() != null && prior.inputDone().shards() != shardJobs.size()) {
                throw new ImportException("Resumed run " + runId + " wrote " + shardJobs.size() + " shards where its"
                        + " journal says " + prior.inputDone().shards() + "; the input or the settings changed."
                        + " Nothing more is imported");
            }
            if (placement != null) {
                // on disk before the journal says the input is read: a resume that does not read it again keeps it
                placement.finish();
            }
            inputRead();
        } catch (RuntimeException | Error ex) {
            abort(ex);
        }
    }

    /** Keeps the first rejections up to the importer's limit and counts the rest, so memory stays flat. */
    private void retain(List<Rejection> rs) {
        synchronized (rejections) {
            int room = Math.max(0, settings.retainedRejections() - rejections.size());
            if (rs.size() <= room) {
                rejections.addAll(rs);
            } else {
                rejections.addAll(rs.subList(0, room));
                rejectionsOmitted.addAndGet(rs.size() - room);
            }
        }
    }

    private void inputRead() {
        inputDone = true;
        journal(j -> j.inputDone(read.get(), rejected.get(), submitted.get(), shardJobs.size()));
        if (stopped.get()) {
            return;
        }
        log.info(
                "Import run {} read its input: {} records, {} rejected, {} submitted in {} shards",
                runId,
                read.get(),
                rejected.get(),
                submitted.get(),
                shardJobs.size());
        progressChanged();
        gate.complete(null);
        jobsKnown.complete(jobsSoFar());
        List<CompletableFuture<ImportResult>> all = jobsSoFar();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, t) -> {
            finish();
            return null;
        });
    }

    // The records up to the last stored shard were validated and checked again, not written: as many must pass as
    // the journal's shards hold, or the input is not the same.
    private void checkSkipped(long skipped, long expected, int prefix) {
        if (skipped != expected) {
            throw new ImportException("Resumed run " + runId + ": the records of its first " + prefix + " stored"
                    + " shards are " + skipped + " valid records now but were " + expected + " when the shards were"
                    + " written; the input or the settings changed. Nothing more is imported");
        }
    }

    private void register(ShardJob job) {
        shardJobs.add(job);
        byNumber.put(job.number, job);
        job.future.whenComplete((r, t) -> {
            JobExecution ex = job.execution;
            if (job.future.isCancelled() && ex != null) {
                ex.result().cancel(false);
            }
        });
    }

    private void onShard(Shard shard) {
        if (stopped.get()) {
            releaseFile(shard);
            throw new CancellationException("run stopped");
        }
        JournalState.ShardState ps = prior == null ? null : prior.shards().get(shard.number());
        if (ps != null && ps.written() != null && !sameShard(ps.written(), shard)) {
            throw new ImportException("Resumed run " + runId + " wrote shard " + shard.number() + " again and it"
                    + " differs from the journal's (records " + shard.firstRecordIndex() + ".."
                    + shard.lastRecordIndex() + ", SHA-256 " + shard.sha256Hex() + " instead of records "
                    + ps.written().firstRecordIndex() + ".." + ps.written().lastRecordIndex() + ", SHA-256 "
                    + ps.written().sha256() + "); the input or the settings changed. Nothing more is imported,"
                    + " never a different shard under the same number");
        }
        ShardJob job = new ShardJob(shard.number(), shard.recordCount(), shard);
        register(job);
        if (journal != null && (ps == null || ps.written() == null)) {
            journal.written(shard);
        }
        progressChanged();
        if (ps != null && ps.stored() && shard.sha256Hex().equals(ps.storedSha256())) {
            // the journal says this very content is stored: no upload
            releaseFile(shard);
            job.s3Url = ps.storedUrl();
            shardsStored.incrementAndGet();
            progressChanged();
            gate.thenRun(() -> startJob(job, ps.storedUrl()));
            return;
        }
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
        if (stopped.get()) {
            // stopped while this shard waited for its slot: nothing more goes to the store
            uploads.release();
            releaseFile(shard);
            throw new CancellationException("run stopped");
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
                abort(
                        cause instanceof ImportException || cause instanceof CancellationException
                                ? cause
                                : new ImportException(
                                        "Shard " + shard.number() + " of run " + runId + " could not be stored: "
                                                + cause.getMessage(),
                                        cause));
                return;
            }
            if (!journal(j -> j.stored(shard.number(), s.jobUrl(), shard.sha256Hex()))) {
                return;
            }
            job.s3Url = s.jobUrl();
            shardsStored.incrementAndGet();
            each(l -> l.shardStored(s));
            progressChanged();
            gate.thenRun(() -> startJob(job, s.jobUrl()));
        });
    }

    private static boolean sameShard(JournalState.Written w, Shard shard) {
        return w.sha256().equals(shard.sha256Hex())
                && w.records() == shard.recordCount()
                && w.bytes() == shard.byteCount()
                && w.firstRecordIndex() == shard.firstRecordIndex()
                && w.lastRecordIndex() == shard.lastRecordIndex();
    }

    // Writes to the journal, if any; a write that fails stops the run. Returns false when the write failed.
    private boolean journal(Consumer<RunJournal> write) {
        if (journal == null) {
            return true;
        }
        try {
            write.accept(journal);
            return true;
        } catch (RuntimeException e) {
            if (!stopped.get()) {
                abort(e);
            } else {
                log.debug("Import run {} could not add to its journal after it stopped", runId, e);
            }
            return false;
        }
    }

    private void releaseFile(Shard shard) {
        ShardWriter w = writer;
        if (w == null) {
            return;
        }
        try {
            w.release(shard);
        } catch (RuntimeException e) {
            log.warn("Import run {} could not delete the local file of shard {}", runId, shard.number(), e);
        }
    }

    private void startJob(ShardJob job, String url) {
        if (stopped.get() || job.future.isDone()) {
            return;
        }
        JournalState.ShardState ps = prior == null ? null : prior.shards().get(job.number);
        if (ps != null && ps.result() != null) {
            // the journal has the job's end: no call to the service
            ImportResult r = ps.result();
            processed.put(url, r.totalProcessed().orElse(0));
            jobsStarted.incrementAndGet();
            jobsEnded.incrementAndGet();
            each(l -> l.jobEnded(r));
            progressChanged();
            if (r.status() == JobStatus.FAILED) {
                job.future.completeExceptionally(new ImportJobFailedException(r));
            } else {
                job.future.complete(r);
            }
            return;
        }
        JobRequest request;
        try {
            request = jobRequest(job.number, url);
        } catch (RuntimeException e) {
            job.future.completeExceptionally(e);
            abort(e);
            return;
        }
        JobExecution ex;
        if (ps != null && ps.jobId() != null) {
            job.createdJournaled.set(true);
            ex = engine.watch(request, job.number, job.records, ps.jobId(), observer);
        } else {
            // stored before the crash but no job journaled: the crash may have come right after the create
            ex = engine.submit(request, job.number, job.records, observer, ps != null && ps.stored());
        }
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

    // What the target gets: the stored shard's URL always, its bytes when the target sends them itself.
    private JobRequest jobRequest(int shardNumber, String url) {
        JobRequest.Builder b = JobRequest.builder()
                .s3Url(url)
                .format(settings.format())
                .options(settings.jobOptions())
                .runId(runId)
                .shardNumber(shardNumber)
                .retry(settings.retry())
                // a target's own retries wait where the library's do and are told to the listeners as theirs are
                .scheduler(RunContext.scheduler(settings.scheduler(), runId))
                .onRetry(cause -> each(l -> l.retrying(cause)));
        if (settings.target().shardAccess() == ShardAccess.TARGET_SENDS_CONTENT) {
            b.content(settings.store().content(url));
        }
        return b.build();
    }

    private final JobObserver observer = new JobObserver() {
        @Override
        public void status(JobExecution execution, JobSnapshot snapshot) {
            ShardJob job = byNumber.get(execution.shardNumber());
            if (job != null && job.createdJournaled.compareAndSet(false, true)) {
                journal(j -> j.created(job.number, snapshot.id()));
            }
            if (processed.putIfAbsent(
                            execution.s3Url(), snapshot.totalProcessed().orElse(0))
                    == null) {
                jobsStarted.incrementAndGet();
            } else {
                processed.put(execution.s3Url(), snapshot.totalProcessed().orElse(0));
            }
            each(l -> l.jobStatus(execution.s3Url(), snapshot));
            progressChanged();
        }

        @Override
        public void finished(JobExecution execution, ImportResult result) {
            journal(j -> j.finished(result));
            jobsEnded.incrementAndGet();
            each(l -> l.jobEnded(result));
            progressChanged();
        }

        @Override
        public void failed(JobExecution execution, Throwable error) {
            Throwable cause = unwrap(error);
            if (!(cause instanceof CancellationException)) {
                journal(j -> j.failed(
                        execution.shardNumber(),
                        execution.jobId().orElse(null),
                        cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            }
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
        ImportSummary s = buildSummary(null, null, null);
        closeWriter();
        if (journal != null) {
            try {
                journal.ended();
            } catch (RuntimeException e) {
                closeJournal();
                each(l -> l.runFailed(e));
                summary.completeExceptionally(e);
                outcome.complete(s.toBuilder()
                        .stopped("the run's journal could not be ended: " + e.getMessage())
                        .build());
                return;
            }
            closeJournal();
        }
        log.info(
                "Import run {} finished: {} records read, {} rejected, {} imported, {} failed in the service, {} failed"
                        + " with their job, {} not submitted; {} jobs completed, {} failed, {} without an end",
                runId,
                s.recordsRead(),
                s.recordsRejected(),
                s.recordsImported(),
                s.recordsFailedInService(),
                s.recordsFailedWithJob(),
                s.recordsNotSubmitted(),
                s.jobsCompleted(),
                s.jobsFailed(),
                s.jobErrors().size());
        // a shard whose job ended FAILED stays for a resubmit, which needs the journal: without one nothing can use it
        boolean nothingToResubmit = s.jobErrors().isEmpty() && (s.jobsFailed() == 0 || journal == null);
        deleteStagedShards(nothingToResubmit).whenComplete((v, t) -> {
            each(l -> l.runEnded(s));
            summary.complete(s);
            outcome.complete(s);
        });
    }

    // For a target that uploads the bytes itself, the store only holds shards until their job has them: once every
    // job has ended and none failed, nothing needs them (a run with jobs left unfinished keeps them for a resume, one
    // whose jobs ended FAILED for a resubmit, as the S3 store keeps every shard). For a store the service reads from
    // (S3), the shards are the jobs' input and stay. The summary completes after the clean-up.
    private CompletableFuture<Void> deleteStagedShards(boolean nothingToResubmit) {
        if (!nothingToResubmit || settings.target().shardAccess() != ShardAccess.TARGET_SENDS_CONTENT) {
            return CompletableFuture.completedFuture(null);
        }
        return deleteKeptShards(settings, runId).handle((v, t) -> {
            if (t != null) {
                log.warn(
                        "Import run {} could not delete the shards it kept for upload in {}: {}",
                        runId,
                        settings.store().describe(),
                        unwrap(t).getMessage());
            }
            return null;
        });
    }

    // The store's deleteRun with a failure it throws turned into a failed future, so that the callers' clean-ups
    // (the end of a run, the end of a resubmission) log one way whichever way the store fails.
    static CompletableFuture<Void> deleteKeptShards(RunSettings settings, String runId) {
        try {
            return settings.store().deleteRun(runId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // Every shard in exactly one list: results for jobs that ended, job errors for the rest. Records never given to
    // a job (rejected aside) are the records read less those in jobs: the records of shards without a job, of the
    // shard being written when the run stopped, and of the record being read then.
    private ImportSummary buildSummary(Throwable stopCause, String stoppedText, String leftInStore) {
        List<ImportResult> results = new ArrayList<>();
        List<JobError> errors = new ArrayList<>();
        long inJobs = 0;
        for (ShardJob job : shardJobs) {
            Throwable t = null;
            ImportResult r = null;
            try {
                r = job.future.getNow(null);
            } catch (CancellationException | CompletionException e) {
                t = unwrap(e);
            }
            if (r == null
                    && t instanceof ImportJobFailedException failed
                    && failed.result().isPresent()) {
                r = failed.result().get();
            }
            if (r != null) {
                results.add(r);
                inJobs += r.records();
                continue;
            }
            JobExecution ex = job.execution;
            Optional<String> jobId = ex == null ? Optional.empty() : ex.jobId();
            if (jobId.isEmpty() && ex == null && prior != null) {
                JournalState.ShardState ps = prior.shards().get(job.number);
                jobId = ps == null ? Optional.empty() : Optional.ofNullable(ps.jobId());
            }
            if (t == null) {
                t = stopCause != null ? stopCause : new ImportException("job did not end");
            }
            errors.add(new JobError(job.s3Url == null ? "(not stored)" : job.s3Url, job.number, job.records, jobId, t));
            if (jobId.isPresent()) {
                inJobs += job.records;
            }
        }
        long notSubmitted = read.get() - rejected.get() - inJobs;
        if (notSubmitted < 0) {
            log.warn(
                    "Import run {}: its jobs hold {} more records than it read and did not reject; counted as none"
                            + " not submitted",
                    runId,
                    -notSubmitted);
            notSubmitted = 0;
        }
        List<Rejection> allRejections;
        synchronized (rejections) {
            allRejections = List.copyOf(rejections);
        }
        return ImportSummary.builder()
                .runId(runId)
                .recordsRead(read.get())
                .recordsRejected(rejected.get())
                .recordsSubmitted(submitted.get())
                .recordsNotSubmitted(notSubmitted)
                .shards(shardJobs.size())
                .results(results)
                .jobErrors(errors)
                .rejections(allRejections)
                .rejectionsOmitted(rejectionsOmitted.get())
                .startedAt(startedAt != null ? startedAt : settings.clock().instant())
                .finishedAt(settings.clock().instant())
                .resumed(prior != null)
                .stopped(stoppedText)
                .leftInStore(leftInStore)
                .build();
    }

    private void abort(Throwable cause) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!ended.compareAndSet(false, true)) {
            return; // it had finished already
        }
        cancelRunTimeout();
        boolean policy = cause instanceof TooManyRejectionsException;
        log.info("Import run {} stopped: {}", runId, cause.getClass().getSimpleName());
        if (journal != null) {
            try {
                if (policy) {
                    journal.abandoned();
                } else if (cause instanceof CancellationException) {
                    journal.cancelled();
                } else {
                    journal.stopped(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
            } catch (RuntimeException e) {
                log.warn("Import run {} could not record in its journal that it stopped: {}", runId, e.toString());
                log.debug("Import run {} journal failure", runId, e);
            }
            // Closed now, so that the run can be resumed at once; what still completes (an upload) is not
            // recorded, and a resume stores that shard again, which the store's idempotence makes cheap.
            closeJournal();
        }
        gate.completeExceptionally(cause);
        engine.cancelAll();
        jobsKnown.completeExceptionally(cause);
        completeUnfinishedJobs(cause);
        // The run's futures complete only once reading has stopped, every upload has let go and what the run stored
        // is deleted (or kept for a reason the summary gives): the caller may close its clients right after.
        readingDone
                .thenCompose(v -> {
                    List<CompletableFuture<?>> stores = new ArrayList<>();
                    for (ShardJob job : shardJobs) {
                        if (job.stored != null) {
                            stores.add(job.stored);
                        }
                    }
                    // Bounded: a store that never lets go must not hold the run's end for ever; the summary then says
                    // so.
                    // On the run's scheduler, not completeOnTimeout: that would start the JDK's own delay thread.
                    CompletableFuture<Void> settled = CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new))
                            .handle((x, t) -> (Void) null);
                    if (!settled.isDone()) {
                        try {
                            Future<?> grace = settings.scheduler()
                                    .schedule(
                                            () -> settled.complete(null), STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                            settled.whenComplete((x, t) -> grace.cancel(false));
                        } catch (RejectedExecutionException e) {
                            settled.complete(null);
                        }
                    }
                    return settled;
                })
                .thenCompose(v -> {
                    long uploading = shardJobs.stream()
                            .filter(j -> j.stored != null && !j.stored.isDone())
                            .count();
                    if (uploading > 0) {
                        // never delete under a running upload: the object could land after the delete; the local files
                        // go
                        // once the uploads let go of them
                        CompletableFuture.allOf(shardJobs.stream()
                                        .filter(j -> j.stored != null)
                                        .map(j -> j.stored)
                                        .toArray(CompletableFuture[]::new))
                                .whenComplete((x, t) -> closeWriter());
                        completeUnfinishedJobs(cause);
                        return CompletableFuture.completedFuture("the shards of run " + runId + " may remain under "
                                + where() + ": " + uploading + " upload" + (uploading == 1 ? " was" : "s were")
                                + " still running " + STOP_GRACE.toSeconds()
                                + " s after the run stopped; delete them once"
                                + " they ended");
                    }
                    closeWriter();
                    completeUnfinishedJobs(cause);
                    return cleanUpStore(policy);
                })
                .handle((leftInStore, t) -> {
                    String left = t == null
                            ? leftInStore
                            : "the shards of run " + runId + " may remain under " + where() + ": the clean-up failed ("
                                    + unwrap(t).getClass().getSimpleName() + ")";
                    if (left != null) {
                        log.warn("Import run {} left its stored shards: {}", runId, left);
                    }
                    ImportSummary s;
                    try {
                        s = buildSummary(cause, describeStop(cause), left);
                    } catch (RuntimeException e) {
                        log.warn("Import run {} could not sum up after it stopped", runId, e);
                        s = null;
                    }
                    each(l -> l.runFailed(cause));
                    // summary first: whoever waits on the outcome finds the summary's cause there
                    summary.completeExceptionally(cause);
                    if (s != null) {
                        outcome.complete(s);
                    } else {
                        outcome.completeExceptionally(cause);
                    }
                    return null;
                });
    }

    private void completeUnfinishedJobs(Throwable cause) {
        for (ShardJob job : shardJobs) {
            if (!job.future.isDone()) {
                if (cause instanceof CancellationException) {
                    job.future.cancel(false);
                } else {
                    job.future.completeExceptionally(cause);
                }
            }
        }
    }

    private String where() {
        return settings.store().describe() + " (run " + runId + ")";
    }

    private static String describeStop(Throwable cause) {
        if (cause instanceof TooManyRejectionsException t) {
            return "more than " + t.maxRejected() + " records were rejected (the bad-record policy)";
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        if (cause instanceof RunTimeoutException) {
            return "the run's timeout passed";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    // Deletes what the run stored, unless a job created from it may still read it, or a journal keeps it for a
    // resume. Completes with what was left and why, or null when nothing was.
    private CompletableFuture<String> cleanUpStore(boolean policy) {
        boolean storedAny = false;
        List<String> readers = new ArrayList<>();
        for (ShardJob job : shardJobs) {
            storedAny |= job.stored != null || job.s3Url != null;
            JobExecution ex = job.execution;
            if (ex != null && ex.mayHaveCreated()) {
                readers.add(ex.jobId().orElse("(create sent for shard " + job.number + ")"));
            } else if (ex == null && prior != null) {
                JournalState.ShardState ps = prior.shards().get(job.number);
                if (ps != null && ps.jobId() != null && ps.result() == null) {
                    readers.add(ps.jobId());
                }
            }
        }
        if (!storedAny) {
            return CompletableFuture.completedFuture(null);
        }
        if (!readers.isEmpty()) {
            return CompletableFuture.completedFuture("the shards of run " + runId + " stay under " + where() + ": "
                    + readers.size() + " import job" + (readers.size() == 1 ? "" : "s") + " created from them may"
                    + " still read them (" + String.join(", ", readers.subList(0, Math.min(5, readers.size())))
                    + (readers.size() > 5 ? ", …" : "") + "); delete them once those jobs ended");
        }
        if (journal != null && !policy) {
            return CompletableFuture.completedFuture("the shards of run " + runId + " stay under " + where()
                    + " so that resuming the run does not upload them again; delete them if it will not be resumed");
        }
        CompletableFuture<Void> deleted;
        try {
            deleted = settings.store().deleteRun(runId);
        } catch (RuntimeException e) {
            deleted = CompletableFuture.failedFuture(e);
        }
        return deleted.handle((v, e) -> {
            if (e == null) {
                log.info("Import run {} deleted its stored shards", runId);
                return null;
            }
            log.debug("Import run {} could not delete its stored shards", runId, unwrap(e));
            return "the shards of run " + runId + " may remain under " + where() + ": deleting them failed ("
                    + unwrap(e).getClass().getSimpleName() + ": " + unwrap(e).getMessage() + ")";
        });
    }

    private void cancelRunTimeout() {
        Future<?> f = runTimeout;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void closeJournal() {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (RuntimeException e) {
            log.warn("Import run {} could not close its journal", runId, e);
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
            log.warn("Import run {} could not delete its temporary shard files", runId, e);
        }
    }

    private void progressChanged() {
        if (listeners.isEmpty()) {
            return;
        }
        ImportProgress p = progress();
        each(l -> l.progress(p));
    }

    private void each(Consumer<ImportListener> call) {
        RunContext.run(runId, () -> {
            for (ImportListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("An import listener threw; listeners must not throw", e);
                }
            }
        });
    }
}
