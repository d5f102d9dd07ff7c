package io.pinpointimport.spi;

import io.pinpointimport.ImportException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call to an {@link ImportTarget} failed. The {@link #kind()} tells the library whether and how to try again;
 * the SDK's exception stays as the cause.
 */
public class ImportTargetException extends ImportException {
    private static final long serialVersionUID = 1L;

    /** What a failure means for the next attempt. */
    public enum Kind {
        /** Throttled (HTTP 429): the request was refused, nothing happened; try again after a wait. */
        THROTTLED,
        /** A create refused because the account's active-job quota is full: try again much later. */
        QUOTA,
        /**
         * Server error (5xx), I/O error or timeout: worth another attempt, but a create may have reached the
         * service and started a job.
         */
        TRANSIENT,
        /** Any other client error (4xx): another attempt would fail the same way. */
        PERMANENT
    }

    private final Kind kind;
    private final int statusCode;
    private final String errorCode;

    /**
     * @param message what failed and what to do next
     * @param kind what the failure means for the next attempt
     * @param statusCode the HTTP status, or 0 when there was no response
     * @param errorCode the service's error code (such as {@code TooManyRequestsException}), or null
     * @param cause the SDK's exception, or null
     */
    public ImportTargetException(
            String message, Kind kind, int statusCode, @Nullable String errorCode, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** @return what the failure means for the next attempt */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status, or 0 when no response arrived */
    public int statusCode() {
        return statusCode;
    }

    /** @return the service's error code, if it sent one */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
