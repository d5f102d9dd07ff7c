package io.pinpointimport.job;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The status of an import job, as the service names it, plus {@link #UNKNOWN} for a value this library does not
 * know. Only {@link #COMPLETED} and {@link #FAILED} are terminal; every other value, unknown ones included, means
 * "still running".
 */
public enum JobStatus {
    /** Just created. */
    CREATED,
    /** Being prepared. */
    PREPARING_FOR_INITIALIZATION,
    /** Being initialised. */
    INITIALIZING,
    /** Reading and importing pieces. */
    PROCESSING,
    /** Waiting, plausibly behind the account's active-job quota. */
    PENDING_JOB,
    /** Finishing. */
    COMPLETING,
    /** Done; some records may still have failed (see the job's failure counts). Terminal. */
    COMPLETED,
    /** Failing. */
    FAILING,
    /** The service could not process one or more pieces. Terminal. */
    FAILED,
    /** A status this library does not know; treated as running. */
    UNKNOWN;

    /**
     * Maps the service's text to a status.
     *
     * @param text the status text, such as {@code PROCESSING}; may be null
     * @return the status, {@link #UNKNOWN} when the text is null or not known
     */
    public static @Nullable JobStatus fromText(@Nullable String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            JobStatus status = valueOf(text.trim().toUpperCase(Locale.ROOT));
            return status;
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** @return whether the job has ended: {@link #COMPLETED} or {@link #FAILED} */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
