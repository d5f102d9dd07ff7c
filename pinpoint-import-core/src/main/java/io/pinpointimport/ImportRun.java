package io.pinpointimport;

import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.internal.run.RunExecution;
import io.pinpointimport.job.ImportResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The handle of one import run, returned at once by {@link EndpointImporter#importEndpoints}: the run goes on in
 * the background (reading on the importer's executor, uploads and jobs on futures and the scheduler).
 *
 * <p>The number of shards, hence of jobs, is known only once the whole input is read. So the per-job futures come
 * in a future: {@link #jobs()} completes with the final list when the input is sharded; {@link #jobsSoFar()} gives
 * those known now. Each job's future completes with its {@link ImportResult}, or exceptionally with
 * {@link io.pinpointimport.job.ImportJobFailedException} when the job ends {@code FAILED}. Cancelling one job's
 * future stops watching that job and frees its slot (the service has no cancel call: the job goes on there).
 *
 * <p>{@link #summary()} completes normally when every job has ended, also when some ended {@code FAILED} or have
 * failed rows (the summary says so), and exceptionally only when the run could not be carried out: the input could
 * not be read, a shard could not be stored, the bad-record policy tripped
 * ({@link TooManyRejectionsException}), the run's timeout passed ({@link RunTimeoutException})
 * or the run was {@link #cancel() cancelled} ({@link java.util.concurrent.CancellationException}).
 *
 * <p>{@link #outcome()} completes normally in every case, with a summary whose figures add up to the records read
 * (see {@link ImportSummary}) and that says why the run stopped, if it did. Both futures complete only after a
 * stopped run has cleaned up: reading has stopped, uploads have let go and the run's stored shards are deleted, or
 * {@link ImportSummary#leftInStore()} says where they stay and why. So closing the SDK clients right after is safe.
 *
 * <pre>{@code
 * ImportRun run = importer.importEndpoints(endpoints);
 * run.addListener(new ImportListener() {
 *     public void progress(ImportProgress p) { log.info("{} read, {} processed", p.recordsRead(), p.processed()); }
 * });
 * ImportSummary summary = run.summary().join();
 * }</pre>
 */
public final class ImportRun {
    /**
     * The SLF4J MDC key that holds the run's id ({@value}) while the library logs for the run, calls its listeners
     * or runs its scheduled tasks, on whatever thread: add {@code %X{pinpointimport.runId}} to your log pattern to
     * tell the lines of concurrent runs apart.
     */
    public static final String MDC_RUN_ID = "pinpointimport.runId";

    private final RunExecution execution;

    ImportRun(RunExecution execution) {
        this.execution = execution;
    }

    /** @return the run's id; the shard store keys the run's objects by it */
    public String runId() {
        return execution.runId();
    }

    /**
     * @return the run's journal file when the importer has a
     *     {@link EndpointImporter.Builder#journalDirectory(java.nio.file.Path) journal directory}; pass
     *     {@link #runId()} to {@link EndpointImporter#resume(String)} to continue the run after a crash
     */
    public Optional<Path> journal() {
        return execution.journalFile();
    }

    /**
     * @return completes with the run's summary however it ended, after its clean-up, and never exceptionally: with
     *     {@link ImportSummary#stopped()} set when the run stopped before its end (its policy, a cancel, its timeout,
     *     an error), the same cause {@link #summary()} completes with; {@link #summary()} is complete by then.
     *     Each call returns a new future of its own: timing it out or cancelling it leaves the run alone.
     */
    public CompletableFuture<ImportSummary> outcome() {
        return follow(execution.outcome(), new CompletableFuture<>());
    }

    /**
     * Each call returns a new future of its own, so a caller may time it out ({@code orTimeout}), complete it or
     * hand it on without touching what other callers see. Cancelling it ({@code cancel(...)}) cancels the run,
     * as {@link #cancel()} does; every other caller's summary then completes with a
     * {@link java.util.concurrent.CancellationException}.
     *
     * @return completes with the run's summary once every job has ended
     */
    public CompletableFuture<ImportSummary> summary() {
        CompletableFuture<ImportSummary> view = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    execution.cancel();
                }
                return cancelled;
            }
        };
        return follow(execution.summary(), view);
    }

    /**
     * Each call returns a new future of its own: timing it out or cancelling it leaves the run and other callers
     * alone (to stop the run, use {@link #cancel()} or cancel the {@link #summary()}). The job futures in the list
     * are the run's own: see the class comment for what cancelling one does.
     *
     * @return completes, once the whole input is read and sharded, with one future per shard's job in shard order;
     *     exceptionally when the run stops before that
     */
    public CompletableFuture<List<CompletableFuture<ImportResult>>> jobs() {
        return follow(execution.jobs(), new CompletableFuture<>());
    }

    /** Completes {@code view} as {@code source} completes, with the same value or the same (unwrapped) failure. */
    private static <T> CompletableFuture<T> follow(CompletableFuture<T> source, CompletableFuture<T> view) {
        source.whenComplete((value, failure) -> {
            if (failure == null) {
                view.complete(value);
            } else {
                view.completeExceptionally(failure);
            }
        });
        return view;
    }

    /** @return the futures of the jobs known so far (one per shard written), in shard order */
    public List<CompletableFuture<ImportResult>> jobsSoFar() {
        return execution.jobsSoFar();
    }

    /** @return the run's counts now */
    public ImportProgress progress() {
        return execution.progress();
    }

    /**
     * Adds a listener that hears what happens from now on (listeners given to the importer's builder hear
     * everything). See {@link ImportListener} for the contract.
     *
     * @param listener the listener
     * @return this run
     */
    public ImportRun addListener(ImportListener listener) {
        execution.addListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Cancels the run: reading stops, no further job is created, every check and wait is dropped, slots are given
     * back and no further request is sent. Jobs the service already accepted go on there (it has no cancel call).
     * The summary completes with a {@link java.util.concurrent.CancellationException}.
     */
    public void cancel() {
        execution.cancel();
    }

    @Override
    public String toString() {
        return "ImportRun{" + execution.progress() + "}";
    }
}
