package io.pinpointimport.internal.job;

import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;

/** What a {@link JobExecution} reports as it goes. No promises: internal. */
public interface JobObserver {
    /** Reports nothing. */
    JobObserver NONE = new JobObserver() {};

    /**
     * @param execution the job
     * @param snapshot the service's latest report (after create and after every check)
     */
    default void status(JobExecution execution, JobSnapshot snapshot) {}

    /**
     * @param execution the job
     * @param result how it ended (COMPLETED or FAILED)
     */
    default void finished(JobExecution execution, ImportResult result) {}

    /**
     * @param execution the job
     * @param error why it could not be carried to an end (not a FAILED status); includes cancellation
     */
    default void failed(JobExecution execution, Throwable error) {}
}
