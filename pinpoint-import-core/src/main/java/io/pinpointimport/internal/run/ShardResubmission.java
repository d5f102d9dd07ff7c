package io.pinpointimport.internal.run;

import static io.pinpointimport.internal.Futures.unwrap;

import io.pinpointimport.ResubmitException;
import io.pinpointimport.ResumeException;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.internal.RunContext;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.internal.job.JobExecution;
import io.pinpointimport.internal.job.JobObserver;
import io.pinpointimport.internal.journal.JournalState;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.spi.ShardContent;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.validation.RecordCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives stored shards of a run whose jobs failed for a cause outside the data (a denied role, a service fault, a
 * {@code FAILED} job, a refused create) a new job each, from the stored object, without reading the input again.
 * The journal is held (locked) from the checks to the new jobs' ends and records each step: {@code resubmitted},
 * then the new job's {@code created} and {@code finished} or {@code failed}, so that the run's journal, and what is
 * read from it, see the new job in place of the failed one. No promises: internal.
 */
public final class ShardResubmission {
    private static final Logger LOG = LoggerFactory.getLogger(ShardResubmission.class);

    private final Path journalDirectory;
    private final Clock clock;

    /**
     * @param journalDirectory the importer's journal directory, or {@code null} when it keeps none
     * @param clock the importer's clock, for the journal's entries
     */
    public ShardResubmission(Path journalDirectory, Clock clock) {
        this.journalDirectory = journalDirectory;
        this.clock = clock;
    }

    /** Why a shard may or may not get a new job. */
    private record Verdict(boolean allowed, boolean mayExist, String previousJobId, String refusal) {
        static Verdict refused(String why) {
            return new Verdict(false, false, null, why);
        }
    }

    /**
     * Starts new jobs for shards of a run.
     *
     * @param runId the run
     * @param shard the shard to resubmit, or {@code null} for every shard whose job failed
     * @param stillGoing whether the run is live in this importer
     * @param settings the importer's settings, which must be the run's
     * @param observer also told of the new jobs (the importer's listeners)
     * @return each new job's future by shard number, completing as {@link JobExecution#result()}; exceptionally with
     *     a {@link ResubmitException} when the store no longer holds the shard. Empty when {@code shard} is null and
     *     no shard's job failed
     * @throws ResumeException (a {@link ResubmitException} when about the shard or the run) at once when the journal
     *     does not allow it
     */
    public SortedMap<Integer, CompletableFuture<ImportResult>> start(
            String runId, Integer shard, boolean stillGoing, RunSettings settings, JobObserver observer) {
        int number = shard == null ? -1 : shard;
        if (journalDirectory == null) {
            throw new ResubmitException(
                    runId,
                    number,
                    "Cannot resubmit a shard of run " + runId + ": this importer has no journal directory; build it"
                            + " with journalDirectory(...) set to the directory the run used");
        }
        if (stillGoing) {
            throw new ResubmitException(
                    runId,
                    number,
                    "Run " + runId + " is still going in this importer: its jobs are being started and watched;"
                            + " wait for its end");
        }
        JournalState state = JournalState.read(RunJournal.fileOf(journalDirectory, runId), runId);
        if (state.abandoned()) {
            throw new ResubmitException(
                    runId,
                    number,
                    "Run " + runId + " was abandoned (its bad-record policy tripped) and its stored shards were"
                            + " deleted: there is nothing to resubmit");
        }
        RunResumer.checkSettings(
                runId,
                state,
                settings.fingerprinted(),
                "resubmit a shard of run " + runId,
                "so a new job would not read the shard as the run wrote it");
        SortedMap<Integer, Verdict> chosen = new TreeMap<>();
        if (shard != null) {
            JournalState.ShardState known = state.shards().get(shard);
            Verdict v = known == null && state.inputDone() != null
                    ? Verdict.refused("Cannot resubmit shard " + shard + " of run " + runId + ": the run has no such"
                            + " shard (it wrote " + state.shards().size() + ", numbered from 0)")
                    : verdict(runId, shard, known);
            if (!v.allowed()) {
                throw new ResubmitException(runId, shard, v.refusal());
            }
            chosen.put(shard, v);
        } else {
            for (JournalState.ShardState s : state.shards().values()) {
                Verdict v = verdict(runId, s.number(), s);
                if (v.allowed()) {
                    chosen.put(s.number(), v);
                }
            }
            if (chosen.isEmpty()) {
                return Collections.emptySortedMap();
            }
        }
        RunJournal journal;
        try {
            journal = RunJournal.reopen(state.file(), runId, state.validLength(), clock);
        } catch (ResumeException e) {
            throw new ResubmitException(
                    runId,
                    number,
                    "Run " + runId
                            + " is going on (in this or another process: its journal is in use); its jobs may still be"
                            + " running; wait for it to end",
                    e);
        }
        try {
            return launch(runId, state, chosen, journal, settings, observer);
        } catch (RuntimeException | Error e) {
            // nothing launched: let go of the journal, so the run can be resumed or resubmitted
            try {
                journal.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Verdict verdict(String runId, int n, JournalState.ShardState s) {
        String shard = "shard " + n + " of run " + runId;
        if (s == null || !s.stored()) {
            return Verdict.refused("Cannot resubmit " + shard + ": the journal has it as never stored (the run"
                    + " stopped before); resume the run instead");
        }
        ImportResult r = s.result();
        if (r != null && r.status() == JobStatus.FAILED) {
            return new Verdict(true, false, r.jobId(), null);
        }
        if (r != null) {
            return Verdict.refused("Cannot resubmit " + shard + ": its job " + r.jobId() + " succeeded ("
                    + r.status() + ", " + r.totalProcessed().orElse(0) + " rows processed, "
                    + r.totalFailures().orElse(0) + " failed). Rows the service failed are the data's: fix them and"
                    + " import them again (the records that did not make it can be written out with 'failed')");
        }
        if (s.jobId() != null) {
            return Verdict.refused("Cannot resubmit " + shard + ": a job for it, " + s.jobId() + ", has no"
                    + " recorded end and may still be running; watch it to its end (watchJob, or 'job " + s.jobId()
                    + " --wait'), or resume the run, which records its end");
        }
        if (s.error() != null) {
            // its create was refused, or its answer lost: look for a job by its URL before creating one
            return new Verdict(true, true, null, null);
        }
        if (s.resubmitted()) {
            // an earlier resubmission stopped between its journal entry and its job's: the create may have been sent
            return new Verdict(true, true, null, null);
        }
        return Verdict.refused("Cannot resubmit " + shard + ": no job was created for it (the run stopped"
                + " first); resume the run instead, which creates it");
    }

    private SortedMap<Integer, CompletableFuture<ImportResult>> launch(
            String runId,
            JournalState state,
            SortedMap<Integer, Verdict> chosen,
            RunJournal journal,
            RunSettings settings,
            JobObserver observer) {
        Logger log = RunContext.logger(LOG, runId);
        Map<Integer, List<String>> earlier = new TreeMap<>();
        chosen.keySet().forEach(n -> earlier.put(n, state.shards().get(n).previousJobIds()));
        JobEngine engine = new JobEngine(
                new EarlierJobsIgnored(settings.target(), earlier),
                RunContext.scheduler(settings.scheduler(), runId),
                settings.limit(),
                settings.polling(),
                settings.retry(),
                settings.jobTimeout(),
                settings.clock(),
                runId);
        engine.onRetry(cause -> tellRetrying(settings, cause));
        Set<Integer> created = ConcurrentHashMap.newKeySet();
        JobObserver journaling = new JobObserver() {
            @Override
            public void status(JobExecution execution, JobSnapshot snapshot) {
                if (created.add(execution.shardNumber())) {
                    write(log, runId, () -> journal.created(execution.shardNumber(), snapshot.id()));
                }
                observer.status(execution, snapshot);
            }

            @Override
            public void finished(JobExecution execution, ImportResult result) {
                write(log, runId, () -> journal.finished(result));
                observer.finished(execution, result);
            }

            @Override
            public void failed(JobExecution execution, Throwable error) {
                Throwable cause = unwrap(error);
                if (!(cause instanceof CancellationException)) {
                    write(
                            log,
                            runId,
                            () -> journal.failed(
                                    execution.shardNumber(),
                                    execution.jobId().orElse(null),
                                    cause.getClass().getSimpleName() + ": " + cause.getMessage()));
                }
                observer.failed(execution, error);
            }
        };
        SortedMap<Integer, CompletableFuture<ImportResult>> inner = new TreeMap<>();
        for (Map.Entry<Integer, Verdict> e : chosen.entrySet()) {
            int n = e.getKey();
            Verdict v = e.getValue();
            JournalState.ShardState s = state.shards().get(n);
            long records = s.written() == null ? -1 : s.written().records();
            CompletableFuture<ImportResult> result = new CompletableFuture<>();
            inner.put(n, result);
            CompletableFuture<Boolean> held;
            try {
                held = settings.store().holds(s.storedUrl(), s.storedSha256());
            } catch (RuntimeException ex) {
                held = CompletableFuture.failedFuture(ex);
            }
            held.whenComplete((isHeld, t) -> {
                if (result.isDone()) {
                    return; // cancelled while the store was asked
                }
                if (t != null || !Boolean.TRUE.equals(isHeld)) {
                    result.completeExceptionally(notHeld(runId, n, s, settings, t == null ? null : unwrap(t)));
                    return;
                }
                JobRequest request;
                try {
                    request = request(runId, n, s.storedUrl(), settings);
                } catch (ShardStoreException ex) {
                    result.completeExceptionally(notHeld(runId, n, s, settings, ex));
                    return;
                }
                if (!write(log, runId, () -> journal.resubmitted(n, v.previousJobId()))) {
                    result.completeExceptionally(new ResubmitException(
                            runId,
                            n,
                            "Cannot resubmit shard " + n + " of run " + runId + ": its journal cannot be"
                                    + " written, and a job the journal does not know of could be created twice"));
                    return;
                }
                log.info(
                        "Shard {} of run {} resubmitted from {} (its job {} failed)",
                        n,
                        runId,
                        s.storedUrl(),
                        v.previousJobId() == null ? "create" : v.previousJobId());
                JobExecution execution = engine.submit(request, n, records, journaling, v.mayExist());
                result.whenComplete((r, x) -> {
                    if (result.isCancelled()) {
                        execution.result().cancel(false);
                    }
                });
                execution.result().whenComplete((r, x) -> {
                    if (x == null) {
                        result.complete(r);
                    } else if (unwrap(x) instanceof CancellationException) {
                        result.cancel(false);
                    } else {
                        result.completeExceptionally(unwrap(x));
                    }
                });
            });
        }
        // The caller's futures complete once the journal is let go and, when the run is now whole, its kept shards
        // are deleted: a process that exits on them leaves nothing half done.
        SortedMap<Integer, CompletableFuture<ImportResult>> out = new TreeMap<>();
        inner.forEach((n, result) -> {
            CompletableFuture<ImportResult> given = new CompletableFuture<>();
            given.whenComplete((r, x) -> {
                if (given.isCancelled()) {
                    result.cancel(false);
                }
            });
            out.put(n, given);
        });
        CompletableFuture.allOf(inner.values().toArray(CompletableFuture[]::new))
                .handle((v, t) -> {
                    try {
                        journal.close();
                    } catch (RuntimeException e) {
                        log.warn("Run {}: the journal could not be closed after its shards were resubmitted", runId, e);
                    }
                    return deleteStagedShardsIfWhole(log, runId, state, inner, settings);
                })
                .thenCompose(deleted -> deleted)
                .whenComplete((v, t) -> inner.forEach((n, result) -> result.whenComplete((r, x) -> {
                    if (x == null) {
                        out.get(n).complete(r);
                    } else if (result.isCancelled()) {
                        out.get(n).cancel(false);
                    } else {
                        out.get(n).completeExceptionally(unwrap(x));
                    }
                })));
        return Collections.unmodifiableSortedMap(out);
    }

    // A target that uploads the bytes itself keeps a run's shards in the store while a job of the run failed (see
    // RunExecution): once the resubmitted jobs completed and every other shard's job had, nothing needs them.
    private static CompletableFuture<Void> deleteStagedShardsIfWhole(
            Logger log,
            String runId,
            JournalState state,
            SortedMap<Integer, CompletableFuture<ImportResult>> resubmitted,
            RunSettings settings) {
        if (settings.target().shardAccess() != ShardAccess.TARGET_SENDS_CONTENT || state.inputDone() == null) {
            return CompletableFuture.completedFuture(null);
        }
        for (JournalState.ShardState s : state.shards().values()) {
            CompletableFuture<ImportResult> again = resubmitted.get(s.number());
            ImportResult r = again == null ? s.result() : again.isCompletedExceptionally() ? null : again.getNow(null);
            if (r == null || r.status() != JobStatus.COMPLETED) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return RunExecution.deleteKeptShards(settings, runId).handle((v, t) -> {
            if (t != null) {
                log.warn(
                        "Run {}: every job has now completed, but the shards kept for upload in {} could not be"
                                + " deleted: {}",
                        runId,
                        settings.store().describe(),
                        unwrap(t).getMessage());
            } else {
                log.info("Run {}: every job has now completed; the shards kept for upload were deleted", runId);
            }
            return null;
        });
    }

    private static ResubmitException notHeld(
            String runId, int n, JournalState.ShardState s, RunSettings settings, Throwable cause) {
        String why = cause == null
                ? " is no longer stored at " + s.storedUrl() + " (deleted, or its content changed)"
                : " cannot be found at " + s.storedUrl() + " (" + cause.getMessage() + ")";
        return new ResubmitException(
                runId,
                n,
                "Cannot resubmit shard " + n + " of run " + runId + ": it" + why + " in "
                        + settings.store().describe() + "; nothing was created. Import its records again from the"
                        + " input instead",
                cause);
    }

    private static JobRequest request(String runId, int n, String url, RunSettings settings) {
        JobRequest.Builder b = JobRequest.builder()
                .s3Url(url)
                .format(settings.format())
                .options(settings.jobOptions())
                .runId(runId)
                .shardNumber(n)
                .retry(settings.retry())
                .scheduler(RunContext.scheduler(settings.scheduler(), runId))
                .onRetry(cause -> tellRetrying(settings, cause));
        if (settings.target().shardAccess() == ShardAccess.TARGET_SENDS_CONTENT) {
            ShardContent content = settings.store().content(url);
            b.content(content);
        }
        return b.build();
    }

    // as a run tells its listeners of its retries; a listener that throws is logged and ignored
    private static void tellRetrying(RunSettings settings, Throwable cause) {
        for (ImportListener l : settings.listeners()) {
            try {
                l.retrying(cause);
            } catch (RuntimeException e) {
                LOG.warn("An import listener threw; listeners must not throw", e);
            }
        }
    }

    private static boolean write(Logger log, String runId, Runnable entry) {
        try {
            entry.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("Run {}: a resubmitted shard's step could not be written to the journal", runId, e);
            return false;
        }
    }

    /**
     * The target, except that a job looked for by its shard's URL is never one of the shard's earlier jobs: those
     * failed, and adopting one would end the new attempt before it began.
     */
    public static final class EarlierJobsIgnored implements ImportTarget {
        private final ImportTarget target;
        private final Map<Integer, List<String>> earlier;

        /**
         * @param target the target
         * @param earlier each shard's earlier job ids, by shard number
         */
        public EarlierJobsIgnored(ImportTarget target, Map<Integer, List<String>> earlier) {
            this.target = target;
            this.earlier = Map.copyOf(earlier);
        }

        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            return target.createJob(request);
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            return target.getJob(jobId);
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            List<String> ignored = request.shardNumber().isPresent()
                    ? earlier.getOrDefault(request.shardNumber().getAsInt(), List.of())
                    : List.of();
            return target.findJob(request).thenApply(found -> found.filter(j -> !ignored.contains(j.id())));
        }

        @Override
        public CompletableFuture<Boolean> stopJob(String jobId) {
            return target.stopJob(jobId);
        }

        @Override
        public ShardAccess shardAccess() {
            return target.shardAccess();
        }

        @Override
        public RecordCheck recordCheck() {
            return target.recordCheck();
        }

        @Override
        public String describe() {
            return target.describe();
        }
    }
}
