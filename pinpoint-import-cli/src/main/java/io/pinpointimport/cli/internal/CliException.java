package io.pinpointimport.cli.internal;

/**
 * A failure the tool explains itself: the message says what went wrong and what to do next, and carries the exit
 * code. Messages never contain secrets or personal data.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link io.pinpointimport.cli.ExitCodes}
     * @param message what went wrong and what to do next
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link io.pinpointimport.cli.ExitCodes}
     * @param message what went wrong and what to do next
     * @param cause the underlying failure, shown with {@code --debug}
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the exit code the process ends with */
    public int exitCode() {
        return exitCode;
    }
}
