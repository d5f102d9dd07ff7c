package io.pinpointimport.job;

import io.pinpointimport.ImportException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A job did not end within its job timeout. The library stopped watching; the service has no call to cancel an
 * import job, so a job that was created goes on running there ({@link #jobId()} says which). A whole run's timeout
 * is a {@link io.pinpointimport.RunTimeoutException}.
 *
 * <p>What to do next: look the job up later ({@code GetImportJob}) or raise the timeout.
 */
public class JobTimeoutException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;
    private final String s3Url;
    private final @Nullable String jobId;

    /**
     * @param message what timed out
     * @param timeout the timeout that ran out
     * @param s3Url the job's {@code S3Url}
     * @param jobId the job's id, or null when no job had been created yet
     */
    public JobTimeoutException(String message, Duration timeout, String s3Url, @Nullable String jobId) {
        super(message);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.s3Url = Objects.requireNonNull(s3Url, "s3Url");
        this.jobId = jobId;
    }

    /** @return the timeout that ran out */
    public Duration timeout() {
        return timeout;
    }

    /** @return the job's {@code S3Url} */
    public String s3Url() {
        return s3Url;
    }

    /** @return the id of the job left running in the service, if one had been created */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }
}
