package io.pinpointimport.spi;

import io.pinpointimport.job.JobSnapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the library and the service that imports stored shards: create a job for a stored shard, read
 * a job's status, find a job by its S3 URL. The Pinpoint implementation is
 * {@link io.pinpointimport.pinpoint.PinpointImportTarget}; another target (such as Amazon Connect Customer Profiles)
 * plugs in here.
 *
 * <p>Contract: implementations are thread-safe and never block the calling thread. Each call makes one attempt:
 * retries, backoff and the concurrency limit are the library's; implementations switch their SDK's own automatic
 * retries off for these calls. Failures complete the future with an {@link ImportTargetException} whose
 * {@link ImportTargetException.Kind kind} tells the library what it may do next. Implementations never close
 * clients they were given.
 */
public interface ImportTarget {
    /**
     * Creates one import job. One attempt, no automatic retry: a create that may have reached the service is not
     * repeated by the library before it has looked the job up with {@link #findJob(String)}.
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
     * Looks for a job reading exactly this URL, among all of the target's jobs (every page).
     *
     * @param s3Url the URL the job reads, as it was sent in {@link JobRequest#s3Url()}
     * @return completes with the newest such job, or empty when there is none
     */
    CompletableFuture<Optional<JobSnapshot>> findJob(String s3Url);

    /** @return a short name for logs, such as {@code pinpoint(app 1234abcd)}; never credentials */
    default String describe() {
        return getClass().getSimpleName();
    }
}
