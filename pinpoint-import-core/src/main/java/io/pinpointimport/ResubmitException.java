package io.pinpointimport;

import java.util.OptionalInt;

/**
 * A stored shard could not be given a new import job ({@link EndpointImporter#resubmit(String, int)}): the journal
 * does not allow it (the shard was never stored, its job succeeded, a job for it may still be running, the run is
 * going on elsewhere) or the store no longer holds the shard. Nothing was created; the message says why and what to
 * do instead (resume the run, watch the job, re-import the records).
 */
public final class ResubmitException extends ResumeException {
    private static final long serialVersionUID = 1L;

    private final int shardNumber;

    /**
     * @param runId the run
     * @param shardNumber the shard, or -1 when the refusal is about the whole run
     * @param message what is wrong and what to do next
     */
    public ResubmitException(String runId, int shardNumber, String message) {
        super(runId, message);
        this.shardNumber = shardNumber;
    }

    /**
     * @param runId the run
     * @param shardNumber the shard, or -1 when the refusal is about the whole run
     * @param message what is wrong and what to do next
     * @param cause the underlying failure
     */
    public ResubmitException(String runId, int shardNumber, String message, Throwable cause) {
        super(runId, message, cause);
        this.shardNumber = shardNumber;
    }

    /** @return the shard that could not be resubmitted; empty when the refusal is about the whole run */
    public OptionalInt shardNumber() {
        return shardNumber < 0 ? OptionalInt.empty() : OptionalInt.of(shardNumber);
    }
}
