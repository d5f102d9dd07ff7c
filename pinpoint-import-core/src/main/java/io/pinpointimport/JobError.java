package io.pinpointimport;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * A job of a run that did not reach a terminal status: its create was refused, it timed out, or checking it kept
 * failing. Its records were submitted (the shard is stored) but the service's outcome is not known to the library.
 *
 * @param s3Url the job's {@code S3Url}
 * @param shardNumber the shard's number
 * @param records the records in the shard
 * @param jobId the job's id, if it had been created (it may go on in the service)
 * @param cause why
 */
public record JobError(String s3Url, int shardNumber, long records, Optional<String> jobId, Throwable cause) {
    /**
     * Checks the members.
     *
     * @param s3Url the job's {@code S3Url}
     * @param shardNumber the shard's number
     * @param records the records in the shard
     * @param jobId the job's id, if created
     * @param cause why
     */
    public JobError {
        Objects.requireNonNull(s3Url, "s3Url");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("JobError")
                .add("s3Url", s3Url)
                .add("shard", shardNumber)
                .add("records", records)
                .add("jobId", jobId.orElse(null))
                .add("cause", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                .build();
    }
}
