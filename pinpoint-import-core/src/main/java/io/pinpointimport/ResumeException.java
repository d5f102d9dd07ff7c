package io.pinpointimport;

/**
 * A run could not be resumed from its journal: there is no journal directory or no journal for the run id, the
 * journal is damaged or not one of this library's, the importer's settings differ from the run's, an input file
 * changed or is gone, the run was abandoned, or its input was given in memory and cannot be read again. A resume
 * never silently starts afresh: it either continues the journaled run or throws this.
 *
 * <p>What to do next is in the message: use the importer settings the run started with, restore the input files,
 * hand an in-memory input again with {@link EndpointImporter#resume(String, Iterable)}, or start a new run.
 */
public class ResumeException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    /**
     * @param runId the run that could not be resumed
     * @param message what is wrong and what to do next
     */
    public ResumeException(String runId, String message) {
        super(message);
        this.runId = runId;
    }

    /**
     * @param runId the run that could not be resumed
     * @param message what is wrong and what to do next
     * @param cause the underlying failure
     */
    public ResumeException(String runId, String message, Throwable cause) {
        super(message, cause);
        this.runId = runId;
    }

    /** @return the run that could not be resumed */
    public String runId() {
        return runId;
    }
}
