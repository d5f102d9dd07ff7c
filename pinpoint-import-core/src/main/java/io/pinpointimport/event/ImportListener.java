package io.pinpointimport.event;

import io.pinpointimport.ImportSummary;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.validation.Rejection;
import java.util.List;

/**
 * Hears how a run goes. Every method has an empty default; implement the ones you need.
 *
 * <p>Contract: methods may be called from any thread (the reading thread, SDK response threads, the scheduler),
 * concurrently for different jobs. They must return quickly and must not block (hand slow work to your own
 * executor) and must not throw: an exception is logged and otherwise ignored. Each job's {@code jobEnded} or
 * {@code jobError} is called exactly once; {@code runEnded} or {@code runFailed} exactly once per run, last.
 * Causes are unwrapped (never a {@code CompletionException}).
 *
 * <pre>{@code
 * EndpointImporter.builder().listener(new ImportListener() {
 *     public void progress(ImportProgress p) { log.info("{} read, {} processed", p.recordsRead(), p.processed()); }
 * })
 * }</pre>
 */
public interface ImportListener {
    /**
     * Counts changed: records read or rejected (reported every few thousand records and at the end of the input),
     * a shard written or stored, a job started, checked or ended.
     *
     * @param progress the current counts
     */
    default void progress(ImportProgress progress) {}

    /**
     * A record was rejected locally and will not be sent. Called once per rejected record, in input order, on the
     * reading thread, for every rejected record whatever
     * {@link io.pinpointimport.EndpointImporter.Builder#retainedRejections(int) retainedRejections} allows the
     * summary to keep: a listener that writes these out accounts for every rejection of a run of any size. A run
     * resumed from its journal alone (its input not read again) calls it only for the records it reads again.
     *
     * @param rejections the record's rejections (at least one; all with the same
     *     {@link Rejection#recordIndex() recordIndex})
     */
    default void recordRejected(List<Rejection> rejections) {}

    /**
     * A shard was stored and its job is about to be started (or, with a failing bad-record policy, will be once the
     * whole input is accepted).
     *
     * @param stored where the shard is
     */
    default void shardStored(StoredShard stored) {}

    /**
     * The service reported a job's state: after the create and after every check.
     *
     * @param s3Url the job's {@code S3Url}
     * @param job what the service reported
     */
    default void jobStatus(String s3Url, JobSnapshot job) {}

    /**
     * A call to the import service failed in a way that is tried again after a wait: throttled, a transient error,
     * or the account's job quota reached ({@link io.pinpointimport.spi.ImportTargetException#kind()} tells which).
     * Called before the wait, once per failed attempt.
     *
     * @param cause the failure
     */
    default void retrying(Throwable cause) {}

    /**
     * A job reached a terminal status, {@code COMPLETED} or {@code FAILED}.
     *
     * @param result how it ended, with the service's counts
     */
    default void jobEnded(ImportResult result) {}

    /**
     * A job could not be carried to a terminal status: its create was refused, it timed out, it was cancelled, or
     * checking it kept failing.
     *
     * @param s3Url the job's {@code S3Url}
     * @param cause why
     */
    default void jobError(String s3Url, Throwable cause) {}

    /**
     * The run finished: every job ended one way or another.
     *
     * @param summary the run's summary
     */
    default void runEnded(ImportSummary summary) {}

    /**
     * The run could not be carried out (input unreadable, a shard not stored, the bad-record policy tripped, the
     * run's timeout, cancellation).
     *
     * @param cause why
     */
    default void runFailed(Throwable cause) {}
}
