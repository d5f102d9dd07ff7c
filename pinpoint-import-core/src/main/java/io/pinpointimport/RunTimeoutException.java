package io.pinpointimport;

import java.time.Duration;
import java.util.Objects;

/**
 * A whole run did not finish within {@link EndpointImporter.Builder#runTimeout(Duration) its run timeout}: the run's
 * summary future completes exceptionally with this. The library stopped the run; the service has no call to cancel an
 * import job, so jobs already created go on running there (the run's {@link ImportRun#jobs() job futures} and its
 * journal, if any, say which). A single job's timeout is a {@link io.pinpointimport.job.JobTimeoutException}.
 *
 * <p>What to do next: raise the run timeout, or {@link EndpointImporter#resume(String) resume} the run (with a
 * journal) to pick up the jobs left running.
 */
public class RunTimeoutException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final Duration timeout;

    /**
     * @param runId the run that timed out
     * @param timeout the run timeout that ran out
     */
    public RunTimeoutException(String runId, Duration timeout) {
        super("Import run " + Objects.requireNonNull(runId, "runId") + " did not finish within "
                + Objects.requireNonNull(timeout, "timeout") + " (its run timeout); jobs already created go on in the"
                + " service: raise runTimeout, or resume the run to pick them up");
        this.runId = runId;
        this.timeout = timeout;
    }

    /** @return the run that timed out */
    public String runId() {
        return runId;
    }

    /** @return the run timeout that ran out */
    public Duration timeout() {
        return timeout;
    }
}
