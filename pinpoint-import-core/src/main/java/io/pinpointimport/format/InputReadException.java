package io.pinpointimport.format;

import io.pinpointimport.ImportException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An input could not be read at all: a file that cannot be opened, or an I/O error in the middle of a stream (not a
 * bad line: a line that cannot be understood is a {@link io.pinpointimport.validation.Rejection}). Carries the
 * source's name and the last line read before the failure; the {@link IOException} is the cause.
 *
 * <p>What to do next: check that the file exists and is readable, and that the stream or disk did not fail; records
 * read before the failure were handed out normally.
 */
public class InputReadException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String source;
    private final long line;

    /**
     * @param message what could not be read, naming the source and position, never a record's content
     * @param source the source's name (file or object name), if known
     * @param line the last line read before the failure, 0 when nothing was read
     * @param cause the I/O failure
     */
    public InputReadException(String message, @Nullable String source, long line, IOException cause) {
        super(message, Objects.requireNonNull(cause, "cause"));
        this.source = source;
        this.line = line;
    }

    /** @return the source's name (file or object name), if one was known */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** @return the last line read before the failure (1-based), 0 when nothing had been read */
    public long line() {
        return line;
    }
}
