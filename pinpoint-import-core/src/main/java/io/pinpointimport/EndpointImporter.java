package io.pinpointimport;

import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.Futures;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.internal.job.JobExecution;
import io.pinpointimport.internal.job.JobObserver;
import io.pinpointimport.internal.journal.JournalHeader;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.internal.run.RecordSource;
import io.pinpointimport.internal.run.RunExecution;
import io.pinpointimport.internal.run.RunResumer;
import io.pinpointimport.internal.run.RunSettings;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.PollingOptions;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.pinpoint.PinpointImportTarget;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.store.LocalShardStore;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.ValidationLevel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;

/**
 * Imports endpoint definitions into Amazon Pinpoint in bulk: validate, write shards (CSV or NDJSON, each small
 * enough for one import job), store them (for example in S3), start one import job per shard within the
 * {@link JobLimit}, watch each to its end, and account for every record.
 *
 * <p>{@code importEndpoints} returns an {@link ImportRun} at once; the work goes on in the background: reading,
 * validating and writing on the executor (never the caller's thread), uploads overlapping the writing, jobs on
 * futures and the scheduler (no thread is held while a job runs).
 *
 * <pre>{@code
 * try (EndpointImporter importer = EndpointImporter.builder()
 *         .pinpoint(pinpointAsyncClient)            // the caller's client: region, credentials, endpoint
 *         .applicationId("app-id")
 *         .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
 *         .shardStore(S3ShardStore.builder().s3(s3AsyncClient).bucket("b").prefix("pinpoint/imports/").build())
 *         .format(ImportFormat.CSV)
 *         .build()) {
 *     ImportRun run = importer.importEndpoints(endpoints);      // starts at once, returns at once
 *     ImportSummary summary = run.summary().join();              // all jobs, all counts
 * }
 * }</pre>
 *
 * <p>With a {@link Builder#journalDirectory(Path) journal directory}, each run keeps a journal of its shards' stages,
 * and {@link #resume(String)} continues a run that crashed, was cancelled or failed: nothing lost, nothing imported
 * twice, per shard. Without one (the default), there is no journal and no resume.
 *
 * <p>Defaults: format {@link #DEFAULT_FORMAT CSV}, shards up to {@link ShardWriter#DEFAULT_MAX_SHARD_BYTES} bytes,
 * validation {@link EndpointValidator#ofDefaults()}, {@link BadRecordPolicy#rejectAndContinue()},
 * {@link JobOptions#ofDefaults()} (register endpoints), {@link PollingOptions#ofDefaults()},
 * {@link RetryOptions#ofDefaults()}, a new {@link JobLimit#ofDefaults()} of 2 (share one instance between importers to
 * share the limit), per-job timeout {@link #DEFAULT_JOB_TIMEOUT 6 h}, no run timeout, the first
 * {@link #DEFAULT_RETAINED_REJECTIONS 10,000} rejections retained in the summary. Executor and scheduler: the
 * caller's if given (never shut down by the importer), otherwise the importer's own daemon threads, shut down by
 * {@link #close()}. The Pinpoint client is the caller's and is never closed.
 */
public final class EndpointImporter implements AutoCloseable {
    /** Default format of the shards: CSV. */
    public static final ImportFormat DEFAULT_FORMAT = ImportFormat.CSV;
    /** Default time a job may take from getting its slot to its terminal status: 6 hours. */
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofHours(6);
    /**
     * Default number of local rejections a run's {@link ImportSummary#rejections()} (and a
     * {@link TooManyRejectionsException}) retains: 10,000. A rejection takes a few hundred bytes, so this bounds
     * them to a few MB and keeps the run's memory flat however many bad records the input holds; the rest are
     * counted in {@link ImportSummary#rejectionsOmitted()} and every one still goes to
     * {@link ImportListener#recordRejected(List)}.
     */
    public static final int DEFAULT_RETAINED_REJECTIONS = 10_000;

    /**
     * The directory, under {@link Builder#tempDirectory(Path) tempDirectory} (default {@code java.io.tmpdir}), of the
     * {@link LocalShardStore} used when no shard store is set and the target uploads the shards' bytes itself:
     * {@value}.
     */
    public static final String DEFAULT_LOCAL_STORE_DIRECTORY = "pinpoint-import-store";

    private static final Logger LOG = LoggerFactory.getLogger(EndpointImporter.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ImportTarget target;
    private final ShardStore store;
    private final ImportFormat format;
    private final long maxShardBytes;
    private final long maxRecordsPerShard;
    private final EndpointValidator validator;
    private final BadRecordPolicy policy;
    private final int retainedRejections;
    private final JobOptions jobOptions;
    private final PollingOptions polling;
    private final RetryOptions retry;
    private final JobLimit limit;
    private final Duration jobTimeout;
    private final Duration runTimeout;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService ownScheduler;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Path tempDirectory;
    private final Path journalDirectory;
    private final boolean runReport;
    private final List<ImportListener> listeners;
    private final Clock clock;
    private final Set<RunExecution> live = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<ImportResult>> watches = ConcurrentHashMap.newKeySet();
    private final RunResumer resumer;
    private volatile boolean closed;

    private EndpointImporter(Builder b) {
        if (b.target != null) {
            rejectRivals("importTarget", "pinpoint", b.pinpoint);
            rejectRivals("importTarget", "applicationId", b.applicationId);
            rejectRivals("importTarget", "roleArn", b.roleArn);
            this.target = b.target;
        } else {
            if (b.pinpoint == null) {
                throw new NullPointerException("pinpoint (or importTarget) is required");
            }
            this.target = PinpointImportTarget.builder()
                    .client(b.pinpoint)
                    .applicationId(Objects.requireNonNull(b.applicationId, "applicationId"))
                    .roleArn(Objects.requireNonNull(b.roleArn, "roleArn"))
                    .attemptTimeout(b.retry.attemptTimeout().orElse(null))
                    .build();
        }
        this.store = storeFor(target, b.store, b.tempDirectory);
        this.format = Objects.requireNonNull(b.format, "format");
        if (b.maxShardBytes < 1) {
            throw new IllegalArgumentException("maxShardBytes must be >= 1, was " + b.maxShardBytes);
        }
        if (b.maxRecordsPerShard < 1) {
            throw new IllegalArgumentException("maxRecordsPerShard must be >= 1, was " + b.maxRecordsPerShard);
        }
        this.maxShardBytes = b.maxShardBytes;
        this.maxRecordsPerShard = b.maxRecordsPerShard;
        EndpointValidator chosen;
        if (b.validator != null) {
            rejectRivals("validator", "validationLevel", b.level);
            chosen = b.validator;
        } else {
            chosen = b.level != null
                    ? EndpointValidator.builder().level(b.level).build()
                    : EndpointValidator.ofDefaults();
        }
        // The target's own rules join whichever validator is used, so that validation tells the truth for it.
        this.validator = chosen.withCheck(target.recordCheck());
        this.policy = Objects.requireNonNull(b.policy, "badRecordPolicy");
        if (b.retainedRejections < 0) {
            throw new IllegalArgumentException("retainedRejections must be >= 0, was " + b.retainedRejections);
        }
        this.retainedRejections = b.retainedRejections;
        this.jobOptions = Objects.requireNonNull(b.jobOptions, "jobOptions");
        this.polling = Objects.requireNonNull(b.polling, "polling");
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.limit = b.limit != null ? b.limit : JobLimit.ofDefaults();
        this.jobTimeout = positiveOrNull(b.jobTimeout, "jobTimeout");
        this.runTimeout = positiveOrNull(b.runTimeout, "runTimeout");
        this.tempDirectory = b.tempDirectory;
        this.journalDirectory = b.journalDirectory;
        this.runReport = b.runReport;
        this.listeners = List.copyOf(b.listeners);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.resumer = new RunResumer(journalDirectory, clock);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newCachedThreadPool(daemonThreads("pinpoint-import-worker-"));
            this.executor = ownExecutor;
        }
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownScheduler = null;
        } else {
            ScheduledThreadPoolExecutor s =
                    new ScheduledThreadPoolExecutor(1, daemonThreads("pinpoint-import-scheduler-"));
            s.setRemoveOnCancelPolicy(true);
            this.ownScheduler = s;
            this.scheduler = s;
        }
    }

    /** The builder policy of this library: two setters that say the same thing differently fail {@code build()}. */
    private static void rejectRivals(String set, String rival, Object rivalValue) {
        if (rivalValue != null) {
            throw new IllegalStateException(set + " and " + rival + " are both set; set only one of them");
        }
    }

    private static ShardStore storeFor(ImportTarget target, ShardStore given, Path tempDirectory) {
        ShardAccess access = target.shardAccess();
        if (given == null) {
            if (access != ShardAccess.TARGET_SENDS_CONTENT) {
                throw new NullPointerException("shardStore is required: " + target.describe() + " reads shards from"
                        + " where the store puts them (for Amazon Pinpoint an S3ShardStore)");
            }
            Path base = tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
            return LocalShardStore.builder()
                    .directory(base.resolve(DEFAULT_LOCAL_STORE_DIRECTORY))
                    .build();
        }
        if (!given.supports(access)) {
            throw new IllegalStateException("The shard store " + given.describe() + " cannot serve the target "
                    + target.describe()
                    + (access == ShardAccess.TARGET_SENDS_CONTENT
                            ? ", which uploads the shards' bytes itself: use a LocalShardStore (or leave shardStore"
                                    + " unset for one under the temporary directory)"
                            : ", whose service reads the shards from the store's URLs: use an S3ShardStore"));
        }
        return given;
    }

    private static Duration positiveOrNull(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return a new builder; a shard store and a target (Pinpoint client, application id, role ARN) are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts importing definitions and returns at once. The iterable is iterated once, on the importer's executor.
     *
     * @param definitions the endpoints
     * @return the run's handle
     */
    public ImportRun importEndpoints(Iterable<? extends EndpointDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        return start(RecordSource.of(definitions.iterator(), null), JournalHeader.Input.memory());
    }

    /**
     * Starts importing definitions and returns at once. The stream is consumed, and closed, on the importer's
     * executor.
     *
     * @param definitions the endpoints
     * @return the run's handle
     */
    public ImportRun importEndpoints(Stream<? extends EndpointDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        return start(RecordSource.of(definitions.iterator(), definitions::close), JournalHeader.Input.memory());
    }

    /**
     * Starts importing definitions and returns at once. The iterator is consumed on the importer's executor.
     *
     * @param definitions the endpoints
     * @return the run's handle
     */
    public ImportRun importEndpoints(Iterator<? extends EndpointDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        return start(RecordSource.of(definitions, null), JournalHeader.Input.memory());
    }

    /**
     * Starts importing existing CSV or NDJSON files, read one after the other, and returns at once. Each file's
     * format comes from its extension: {@code .csv} is CSV, {@code .json}, {@code .ndjson} and {@code .jsonl} are
     * NDJSON. Lines that cannot be read are rejections (with file, line and column), like invalid records.
     *
     * @param files the files
     * @return the run's handle
     * @throws IllegalArgumentException when an extension is not one of those, or the files mix formats
     */
    public ImportRun importFiles(Path... files) {
        List<Path> list = List.of(files);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no files given");
        }
        ImportFormat first = formatOf(list.get(0));
        for (Path p : list) {
            if (formatOf(p) != first) {
                throw new IllegalArgumentException("files mix formats; import CSV and NDJSON files separately");
            }
        }
        return importFiles(first, list);
    }

    /**
     * Starts importing existing files of one format, read one after the other, and returns at once.
     *
     * @param inputFormat the files' format
     * @param files the files
     * @return the run's handle
     */
    public ImportRun importFiles(ImportFormat inputFormat, List<Path> files) {
        Objects.requireNonNull(inputFormat, "inputFormat");
        List<Path> list = List.copyOf(files);
        return start(
                RecordSource.ofFiles(list, inputFormat),
                journalDirectory == null
                        ? null
                        : new JournalHeader.Input(
                                inputFormat,
                                list.stream().map(JournalHeader.FileStamp::of).toList()));
    }

    private static ImportFormat formatOf(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return ImportFormat.CSV;
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return ImportFormat.JSON;
        }
        throw new IllegalArgumentException("cannot tell the format of " + p.getFileName()
                + " from its extension; use importFiles(ImportFormat, List<Path>)");
    }

    private RunSettings runSettings() {
        return new RunSettings(
                target,
                store,
                format,
                maxShardBytes,
                maxRecordsPerShard,
                validator,
                policy,
                jobOptions,
                polling,
                retry,
                limit,
                jobTimeout,
                runTimeout,
                executor,
                scheduler,
                tempDirectory,
                listeners,
                clock,
                retainedRejections);
    }

    private ImportRun start(RecordSource source, JournalHeader.Input input) {
        if (closed) {
            source.close();
            throw new IllegalStateException("the importer is closed");
        }
        String runId = "run-" + RUN_TIME.format(clock.instant()) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
        RunSettings settings = runSettings();
        RunJournal journal = null;
        if (journalDirectory != null) {
            try {
                journal = RunJournal.create(
                        journalDirectory,
                        JournalHeader.of(runId, clock.instant(), settings.fingerprinted(), input),
                        clock);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
        }
        return launch(new RunExecution(runId, settings, journal, null, reportDirectory()), source);
    }

    private Path reportDirectory() {
        return runReport ? journalDirectory : null;
    }

    private ImportRun launch(RunExecution run, RecordSource source) {
        live.add(run);
        run.summary().whenComplete((s, t) -> live.remove(run));
        run.start(source);
        return new ImportRun(run);
    }

    /**
     * Continues a run from its journal after a crash, a {@link ImportRun#cancel() cancel} or a failure, with the same
     * run id (so the same store keys). Needs a {@link Builder#journalDirectory(Path) journal directory} holding
     * {@code <runId>.journal} and this importer built with the same settings as the run (format, shard limits,
     * validation, bad-record policy, job options, import target, shard store).
     *
     * <p>What it does: a run started with {@code importFiles} reads the files recorded in the journal again;
     * every record is validated again; records in shards already stored are not written again, other shards are
     * written again byte for byte (sharding is deterministic) and stored unless the journal says an identical shard
     * is stored. A shard whose job finished keeps the journaled result without asking the service; a shard whose job
     * was created is watched, not created again; a shard stored without a journaled job is first looked for in the
     * service by its S3 URL (the crash may have come right after the create) and only created when not found.
     *
     * <p>A run started from memory ({@code importEndpoints}) can be resumed with this method only when its input
     * was wholly sharded and every shard stored (the journal says so); the summary's counts then come from the
     * journal and its {@link ImportSummary#rejections()} list is empty. Otherwise hand the same definitions again
     * with {@link #resume(String, Iterable)}: an input given in memory cannot be read again by the library.
     *
     * @param runId the run's id, as {@link ImportRun#runId()} gave it
     * @return the resumed run's handle; it starts at once, like {@code importEndpoints}
     * @throws ResumeException at once when no journal directory is set, there is no journal for the run, the journal
     *     is damaged or not this library's, a setting differs (named in the message), an input file changed or is
     *     gone, the run was abandoned (its bad-record policy tripped), or the run's in-memory input is needed
     */
    public ImportRun resume(String runId) {
        return resumeRun(runId, null);
    }

    /**
     * Continues a run started from memory ({@code importEndpoints}), whose input the caller hands again: the same
     * records in the same order. Otherwise as {@link #resume(String)}; a re-written shard whose checksum differs
     * from the journal's fails the run (the input is not the same), never imports a different shard under the same
     * number.
     *
     * @param runId the run's id
     * @param sameDefinitions the run's input again, iterated once on the importer's executor
     * @return the resumed run's handle
     * @throws ResumeException as {@link #resume(String)}, and when the run was started from files
     */
    public ImportRun resume(String runId, Iterable<? extends EndpointDefinition> sameDefinitions) {
        Objects.requireNonNull(sameDefinitions, "sameDefinitions");
        return resumeRun(runId, sameDefinitions);
    }

    private ImportRun resumeRun(String runId, Iterable<? extends EndpointDefinition> again) {
        Objects.requireNonNull(runId, "runId");
        if (closed) {
            throw new IllegalStateException("the importer is closed");
        }
        // A run whose summary is complete is over, even if its removal from the live set has not run yet: callers
        // woken by that summary may resume it at once.
        boolean stillGoing = live.stream()
                .anyMatch(r -> r.runId().equals(runId) && !r.summary().isDone());
        RunSettings settings = runSettings();
        RunResumer.Resumption resumption = resumer.prepare(runId, stillGoing, settings, again);
        return launch(
                new RunExecution(runId, settings, resumption.journal(), resumption.state(), reportDirectory()),
                resumption.source());
    }

    /**
     * Watches an import job that already exists, known by its id alone: started by another process (one that
     * crashed, or another machine), by an earlier run, or by another tool. The job is checked with this importer's
     * polling (the wait between checks grows with the job's age, counted from the service's creation date), its
     * retries and outage rule, and its {@link Builder#jobTimeout(Duration) job timeout}; it takes a slot of the
     * {@link #jobLimit() job limit} while watched, as it counts against the service's quota. No thread is held
     * while waiting. The {@link Builder#listener(ImportListener) listeners} hear of its statuses and its end.
     *
     * <p>Cancelling the returned future (or {@link #close() closing} the importer) stops watching only: the job is
     * never asked to stop, as this importer did not start it.
     *
     * @param jobId the job's id, as the service gave it
     * @return completes with the job's result when it ends {@code COMPLETED}; exceptionally with an
     *     {@link io.pinpointimport.job.ImportJobFailedException} (carrying the result and the service's failure
     *     lines) when it ends {@code FAILED}, a {@link io.pinpointimport.job.JobTimeoutException} when the job
     *     timeout passes, or an {@link ImportException} when the service cannot read the job (for example no
     *     such job, or access denied). The result's {@link ImportResult#s3Url()} is the one the service reports (or
     *     {@code (job ID)} when it reports none); its shard number and records submitted are unknown.
     * @throws IllegalStateException when the importer is closed
     */
    public CompletableFuture<ImportResult> watchJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.isBlank()) {
            throw new IllegalArgumentException("jobId is blank");
        }
        if (closed) {
            throw new IllegalStateException("the importer is closed");
        }
        JobEngine engine = new JobEngine(target, scheduler, limit, polling, retry, jobTimeout, clock);
        JobExecution execution = engine.watchById(jobId, new ListenerObserver(listeners));
        CompletableFuture<ImportResult> result = execution.result();
        watches.add(result);
        result.whenComplete((r, t) -> watches.remove(result));
        if (closed) {
            // closed while it was being launched: close() may have missed it
            result.cancel(false);
        }
        return result;
    }

    /** Tells the importer's listeners of a job watched by its id; a listener that throws is logged and ignored. */
    private static final class ListenerObserver implements JobObserver {
        private final List<ImportListener> listeners;

        ListenerObserver(List<ImportListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public void status(JobExecution execution, JobSnapshot snapshot) {
            each(l -> l.jobStatus(execution.s3Url(), snapshot));
        }

        @Override
        public void finished(JobExecution execution, ImportResult result) {
            each(l -> l.jobEnded(result));
        }

        @Override
        public void failed(JobExecution execution, Throwable error) {
            each(l -> l.jobError(execution.s3Url(), Futures.unwrap(error)));
        }

        private void each(Consumer<ImportListener> call) {
            for (ImportListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("An import listener threw; listeners must not throw", e);
                }
            }
        }
    }

    /**
     * @return the ids of the runs whose journal in the {@link Builder#journalDirectory(Path) journal directory} has
     *     no end (the run did not finish: crashed, cancelled or failed) and was not abandoned, sorted; empty without
     *     a journal directory
     */
    public List<String> unfinishedRuns() {
        return resumer.unfinishedRuns();
    }

    /** @return the import target jobs are created in */
    public ImportTarget importTarget() {
        return target;
    }

    /** @return the job limit this importer's runs share */
    public JobLimit jobLimit() {
        return limit;
    }

    /**
     * Cancels runs still going (jobs already created go on in the service) and shuts down the executor and scheduler
     * the importer made itself. Clients, executors and limits the caller gave are left as they are.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RunExecution run : new ArrayList<>(live)) {
            LOG.info("Closing the importer cancels run {}", run.runId());
            run.cancel();
        }
        for (CompletableFuture<ImportResult> watch : new ArrayList<>(watches)) {
            watch.cancel(false);
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "EndpointImporter{target=" + target.describe() + ", format=" + format + ", limit=" + limit + "}";
    }

    /** Builds an {@link EndpointImporter}. */
    public static final class Builder {
        private PinpointAsyncClient pinpoint;
        private String applicationId;
        private String roleArn;
        private ImportTarget target;
        private ShardStore store;
        private ImportFormat format = DEFAULT_FORMAT;
        private long maxShardBytes = ShardWriter.DEFAULT_MAX_SHARD_BYTES;
        private long maxRecordsPerShard = ShardWriter.DEFAULT_MAX_RECORDS_PER_SHARD;
        private EndpointValidator validator;
        private ValidationLevel level;
        private BadRecordPolicy policy = BadRecordPolicy.rejectAndContinue();
        private int retainedRejections = DEFAULT_RETAINED_REJECTIONS;
        private JobOptions jobOptions = JobOptions.ofDefaults();
        private PollingOptions polling = PollingOptions.ofDefaults();
        private RetryOptions retry = RetryOptions.ofDefaults();
        private JobLimit limit;
        private Duration jobTimeout = DEFAULT_JOB_TIMEOUT;
        private Duration runTimeout;
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private Path tempDirectory;
        private Path journalDirectory;
        private boolean runReport = true;
        private final List<ImportListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Imports into Amazon Pinpoint through this client, with {@link #applicationId} and {@link #roleArn}. Rival
         * of {@link #importTarget}: {@link #build()} throws {@link IllegalStateException} when both are set.
         *
         * @param pinpoint the caller's client (region, credentials, endpoint); never closed by the importer
         * @return this builder
         */
        public Builder pinpoint(PinpointAsyncClient pinpoint) {
            this.pinpoint = pinpoint;
            return this;
        }

        /**
         * Goes with {@link #pinpoint}; {@link #build()} throws {@link IllegalStateException} when it is set together
         * with {@link #importTarget}.
         *
         * @param applicationId the Pinpoint project (application) id; required with {@link #pinpoint}
         * @return this builder
         */
        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        /**
         * Goes with {@link #pinpoint}; {@link #build()} throws {@link IllegalStateException} when it is set together
         * with {@link #importTarget}.
         *
         * @param roleArn the IAM role Pinpoint assumes to read the shards; required with {@link #pinpoint}
         * @return this builder
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * Uses another import target instead of Pinpoint. Rival of {@link #pinpoint}, {@link #applicationId} and
         * {@link #roleArn}: {@link #build()} throws {@link IllegalStateException} when it is set together with any of
         * them.
         *
         * @param target the target
         * @return this builder
         */
        public Builder importTarget(ImportTarget target) {
            this.target = target;
            return this;
        }

        /**
         * @param store where shards are stored. Required for a target whose service reads the shards from the
         *     store ({@link ShardAccess#SERVICE_READS_URL}, Amazon Pinpoint: an {@code S3ShardStore}). For a target
         *     that uploads the bytes itself ({@link ShardAccess#TARGET_SENDS_CONTENT}, such as a service that gives an
         *     upload address per job) it may be left unset: shards are then kept in a {@link LocalShardStore} under
         *     {@code <tempDirectory>/}{@value #DEFAULT_LOCAL_STORE_DIRECTORY} until their run ends; set one
         *     explicitly to keep them somewhere that survives a reboot for resumes. {@link #build()} throws when the
         *     store cannot serve the target.
         * @return this builder
         */
        public Builder shardStore(ShardStore store) {
            this.store = store;
            return this;
        }

        /**
         * @param format the shards' format; default CSV
         * @return this builder
         */
        public Builder format(ImportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * @param maxShardBytes the most bytes per shard (and job); default {@link ShardWriter#DEFAULT_MAX_SHARD_BYTES}
         * @return this builder
         */
        public Builder maxShardBytes(long maxShardBytes) {
            this.maxShardBytes = maxShardBytes;
            return this;
        }

        /**
         * @param maxRecordsPerShard the most records per shard; default no limit
         * @return this builder
         */
        public Builder maxRecordsPerShard(long maxRecordsPerShard) {
            this.maxRecordsPerShard = maxRecordsPerShard;
            return this;
        }

        /**
         * Validates with a default validator at this level: short for {@code validator(v -> v.level(level))}. Rival
         * of {@link #validator}: {@link #build()} throws {@link IllegalStateException} when both are set.
         *
         * @param level the validation level; default {@link EndpointValidator#DEFAULT_LEVEL}
         * @return this builder
         */
        public Builder validationLevel(ValidationLevel level) {
            this.level = level;
            return this;
        }

        /**
         * Rival of {@link #validationLevel}: {@link #build()} throws {@link IllegalStateException} when both are set.
         *
         * @param validator the validator; default {@link EndpointValidator#ofDefaults()}
         * @return this builder
         */
        public Builder validator(EndpointValidator validator) {
            this.validator = validator;
            return this;
        }

        /**
         * Rival of {@link #validationLevel}: {@link #build()} throws {@link IllegalStateException} when both are set.
         *
         * @param validator changes to the default validator
         * @return this builder
         */
        public Builder validator(Consumer<EndpointValidator.Builder> validator) {
            return validator(EndpointValidator.of(validator));
        }

        /**
         * @param policy what to do with rejected records; default {@link BadRecordPolicy#rejectAndContinue()}
         * @return this builder
         */
        public Builder badRecordPolicy(BadRecordPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * How many local rejections a run's summary retains: {@link ImportSummary#rejections()} holds the first
         * {@code max} in input order, {@link ImportSummary#rejectionsOmitted()} counts the rest, and
         * {@link ImportSummary#recordsRejected()} still counts every rejected record. Every rejection goes to
         * {@link ImportListener#recordRejected(List)} whatever this is; listen there to keep them all (to a file, say)
         * without holding them in memory. 0 retains none.
         *
         * @param max rejections retained, {@code >= 0}; default {@link #DEFAULT_RETAINED_REJECTIONS}
         * @return this builder
         */
        public Builder retainedRejections(int max) {
            this.retainedRejections = max;
            return this;
        }

        /**
         * @param jobOptions what each job does with the endpoints; default {@link JobOptions#ofDefaults()}
         * @return this builder
         */
        public Builder jobOptions(JobOptions jobOptions) {
            this.jobOptions = jobOptions;
            return this;
        }

        /**
         * @param jobOptions changes to the default job options
         * @return this builder
         */
        public Builder jobOptions(Consumer<JobOptions.Builder> jobOptions) {
            JobOptions.Builder b = JobOptions.builder();
            jobOptions.accept(b);
            this.jobOptions = b.build();
            return this;
        }

        /**
         * @param polling how jobs are checked; default {@link PollingOptions#ofDefaults()}
         * @return this builder
         */
        public Builder polling(PollingOptions polling) {
            this.polling = polling;
            return this;
        }

        /**
         * @param polling changes to the default polling options
         * @return this builder
         */
        public Builder polling(Consumer<PollingOptions.Builder> polling) {
            PollingOptions.Builder b = PollingOptions.builder();
            polling.accept(b);
            this.polling = b.build();
            return this;
        }

        /**
         * @param retry how calls are retried; default {@link RetryOptions#ofDefaults()}
         * @return this builder
         */
        public Builder retry(RetryOptions retry) {
            this.retry = retry;
            return this;
        }

        /**
         * @param retry changes to the default retry options
         * @return this builder
         */
        public Builder retry(Consumer<RetryOptions.Builder> retry) {
            RetryOptions.Builder b = RetryOptions.builder();
            retry.accept(b);
            this.retry = b.build();
            return this;
        }

        /**
         * @param limit the most jobs running at once; share one instance between importers to share the limit;
         *     default a new {@link JobLimit#ofDefaults()}
         * @return this builder
         */
        public Builder jobLimit(JobLimit limit) {
            this.limit = limit;
            return this;
        }

        /**
         * @param jobTimeout how long a job may take from getting its slot to its end, or null for no limit;
         *     default {@link EndpointImporter#DEFAULT_JOB_TIMEOUT 6 h}
         * @return this builder
         */
        public Builder jobTimeout(@Nullable Duration jobTimeout) {
            this.jobTimeout = jobTimeout;
            return this;
        }

        /**
         * @param runTimeout how long a whole run may take, or null for no limit (the default)
         * @return this builder
         */
        public Builder runTimeout(@Nullable Duration runTimeout) {
            this.runTimeout = runTimeout;
            return this;
        }

        /**
         * @param executor where input is read, validated and written (one task per run); never shut down by the
         *     importer; default the importer's own daemon threads
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * @param scheduler where waits (checks, retries, timeouts) are scheduled; never shut down by the importer;
         *     default the importer's own single daemon thread
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param tempDirectory where shard files are written before upload, and where a run's validation state goes
         *     once it outgrows its heap budget (see {@link io.pinpointimport.validation.RunValidator}); default
         *     {@code java.io.tmpdir}
         * @return this builder
         */
        public Builder tempDirectory(Path tempDirectory) {
            this.tempDirectory = tempDirectory;
            return this;
        }

        /**
         * Keeps a journal of every run: an append-only file {@code <runId>.journal} in this directory (created when
         * missing), in which the run records its settings, its input and each shard as it is written, stored, given
         * a job and finished, each entry forced to disk. {@link EndpointImporter#resume(String)} continues a run
         * from it. Put it on a disk that survives what you guard against (not a temporary file system). A run that
         * cannot write its journal fails. The journal may hold the service's failure lines, which can quote
         * records: keep the directory as private as the input.
         *
         * @param journalDirectory the directory, or null for no journal (the default)
         * @return this builder
         */
        public Builder journalDirectory(@Nullable Path journalDirectory) {
            this.journalDirectory = journalDirectory;
            return this;
        }

        /**
         * Whether each run with a {@link #journalDirectory(Path) journal} also keeps its report: where every input
         * record went (its position, its endpoint id, the rule ids that rejected it or its shard and row), in
         * {@code <runId>.placement} beside the journal, so that {@link io.pinpointimport.report.RunReport} can say
         * what became of each record. On by default with a journal; without a journal there is no report. It costs
         * about 10 to 30 bytes of disk per record (written as the run reads, never held in memory), and never holds
         * addresses or attribute values. A resumed run continues the report of the run it resumes.
         *
         * @param runReport false to keep no report; default true
         * @return this builder
         */
        public Builder runReport(boolean runReport) {
            this.runReport = runReport;
            return this;
        }

        /**
         * @param listener hears every run of this importer; see {@link ImportListener} for the contract
         * @return this builder
         */
        public Builder listener(ImportListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param clock the clock for run ids and timings; default the system's UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the importer
         * @throws NullPointerException when a required setting is missing, named in the message
         * @throws IllegalArgumentException when a setting is out of range, named in the message
         * @throws IllegalStateException when two rival setters were both called, both named in the message
         */
        public EndpointImporter build() {
            return new EndpointImporter(this);
        }
    }
}
