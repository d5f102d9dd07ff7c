package io.pinpointimport.spi;

import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.validation.RecordCheck;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the library and the service that imports stored shards: create a job for a stored shard, read
 * a job's status, find a job created before (after a create whose answer was lost), stop one. The Pinpoint
 * implementation is {@link io.pinpointimport.pinpoint.PinpointImportTarget}; other targets plug in here without the
 * library knowing which service they talk to.
 *
 * <p>A target says how it gets a shard's records to its service ({@link #shardAccess()}): the service reads the
 * store's URL itself, or the target sends the bytes ({@link JobRequest#content()}). It may add rules of its own to
 * validation ({@link #recordCheck()}), so that what the validator accepts is what the target's service accepts.
 *
 * <p>Contract: implementations are thread-safe and never block the calling thread. Each call makes one attempt:
 * retries, backoff and the concurrency limit are the library's; implementations switch their SDK's own automatic
 * retries off for these calls. One exception: a create that is several service calls (create, upload, start)
 * retries each step after the job exists, on throttling and transient errors, with the request's
 * {@link JobRequest#retry()} policy and scheduled waits; a step whose attempts ran out fails the create as
 * {@link ImportTargetException.Kind#TRANSIENT TRANSIENT} (the job may exist), so that the library looks the job up
 * before anything else. Failures complete the future with an
 * {@link ImportTargetException} whose {@link ImportTargetException.Kind kind} tells the library what it may do next.
 * Implementations never close clients they were given.
 */
public interface ImportTarget {
    /**
     * Creates one import job (for a target that sends the bytes: creates it, uploads the shard and starts it). One
     * attempt, no automatic retry: a create that may have reached the service is not repeated by the library before
     * it has looked the job up with {@link #findJob(JobRequest)}.
     *
     * @param request what to import and how
     * @return completes with the new job as the service first reported it
     */
    CompletableFuture<JobSnapshot> createJob(JobRequest request);

    /**
     * Reads a job's current state.
     *
     * @param jobId the job's id
     * @return completes with the job's state
     */
    CompletableFuture<JobSnapshot> getJob(String jobId);

    /**
     * Looks for a job that {@link #createJob(JobRequest)} may have created for this very request, among all of the
     * target's jobs (every page): Pinpoint matches the job's {@code S3Url}; a target that names its jobs matches the
     * name it gives (run id and shard number). A job found here is adopted instead of creating a second one; a
     * target that uploads the bytes finishes what the lost create left undone (upload, start) before answering.
     *
     * @param request the request whose create may have reached the service
     * @return completes with the newest such job, or empty when there is none
     */
    CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request);

    /**
     * Asks the service to stop a job, when the run is cancelled. The default does nothing and completes with
     * {@code false}: Amazon Pinpoint has no call to stop an import job.
     *
     * @param jobId the job's id
     * @return completes with {@code true} when the service was asked to stop the job
     */
    default CompletableFuture<Boolean> stopJob(String jobId) {
        return CompletableFuture.completedFuture(false);
    }

    /**
     * @return how the target gets a shard's records to its service; the default,
     *     {@link ShardAccess#SERVICE_READS_URL}, needs a store whose URLs the service reads
     */
    default ShardAccess shardAccess() {
        return ShardAccess.SERVICE_READS_URL;
    }

    /**
     * Rules the target's service adds to the library's validation, such as shorter value limits. The importer
     * applies them to every record with its validator's own rules, so {@code validate} tells the truth for this
     * target. The default adds none.
     *
     * @return the target's own record check
     */
    default RecordCheck recordCheck() {
        return RecordCheck.NONE;
    }

    /** @return a short name for logs, such as {@code pinpoint(app 1234abcd)}; never credentials */
    default String describe() {
        return getClass().getSimpleName();
    }
}
