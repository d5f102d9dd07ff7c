package io.pinpointimport;

/**
 * Root of every exception this library throws. Unchecked: an import that cannot be carried out is a failure of the
 * run, not a condition to recover from at each call. Subclasses carry the culprit (job id, shard, S3 URL, record
 * position); SDK exceptions stay as the cause. Messages never contain personal data or credentials.
 *
 * <p>A record that breaks a rule is not an exception but a {@link io.pinpointimport.validation.Rejection}.
 */
public class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do next
     */
    public ImportException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do next
     * @param cause the underlying failure, often an SDK exception
     */
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
