/**
 * Import jobs: what each job is asked to do ({@link io.pinpointimport.job.JobOptions}), how it is watched
 * ({@link io.pinpointimport.job.PollingOptions}) and retried ({@link io.pinpointimport.job.RetryOptions}), how many
 * run at once ({@link io.pinpointimport.job.JobLimit}), and how each ended
 * ({@link io.pinpointimport.job.ImportResult}, {@link io.pinpointimport.job.ImportJobFailedException}).
 */
@NullMarked
package io.pinpointimport.job;

import org.jspecify.annotations.NullMarked;
