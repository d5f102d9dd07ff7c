package io.pinpointimport.format;

import io.pinpointimport.format.internal.CsvDecoder;
import io.pinpointimport.format.internal.LineDecoder;
import io.pinpointimport.format.internal.LineReader;
import io.pinpointimport.format.internal.NdjsonDecoder;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads an existing CSV or newline-delimited JSON import file, one record at a time, so that files of any size can
 * be validated and resharded in little memory.
 *
 * <p>Every non-blank line (after the CSV header) gives one {@link ReadResult}: an
 * {@link io.pinpointimport.model.EndpointDefinition} or a {@link io.pinpointimport.validation.Rejection} naming the
 * file, the line, for CSV the 1-based column, the field and the rule ({@code MALFORMED_INPUT}, {@code UNKNOWN_FIELD},
 * {@code WRONG_TYPE}). A bad line never stops the reading: the next line is read as if the bad one were not there.
 * The reader does not validate: text it does not know (an unknown channel type, say) is carried as it is, and the
 * validator judges it. The formats read are described in the {@link io.pinpointimport.format package overview};
 * everything the library writes reads back to an equal definition.
 *
 * <p>Not thread-safe. Lines longer than {@value #MAX_LINE_BYTES} bytes are rejected without being held in memory.
 *
 * <pre>{@code
 * try (EndpointReader reader = EndpointReader.open(Path.of("users.csv"), ImportFormat.CSV)) {
 *     reader.stream().forEach(r -> {
 *         if (r.isRejected()) {
 *             System.err.println(r.rejection().describe());
 *         } else {
 *             definitions.add(r.definition());
 *         }
 *     });
 * }
 * }</pre>
 */
public final class EndpointReader implements Closeable {
    /**
     * The longest line read, in bytes: 1 MiB, far above the service's 15 KB per endpoint, so that only a broken file
     * (one without line breaks, say) reaches it.
     */
    public static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final boolean ownsStream;
    private final LineReader lines;
    private final LineDecoder decoder;
    private final String source;
    private long nextRecordIndex;
    private boolean closed;

    private EndpointReader(InputStream in, boolean ownsStream, ImportFormat format, String source) {
        this.in = in;
        this.ownsStream = ownsStream;
        this.source = source;
        this.lines = new LineReader(in, MAX_LINE_BYTES);
        this.decoder = format == ImportFormat.CSV ? new CsvDecoder(source) : new NdjsonDecoder(source);
    }

    /**
     * Opens a file. Rejections name the file by its file name (without directories).
     *
     * @param file the file
     * @param format its format
     * @return a reader that closes the file when closed
     * @throws InputReadException when the file cannot be opened
     */
    public static EndpointReader open(Path file, ImportFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        try {
            return new EndpointReader(Files.newInputStream(file), true, format, source);
        } catch (IOException e) {
            throw new InputReadException("cannot open " + file + ": " + e, source, 0, e);
        }
    }

    /**
     * Reads a stream. The reader buffers on its own; the stream is not closed by {@link #close()}, since the caller
     * opened it.
     *
     * @param in the stream, UTF-8
     * @param format its format
     * @param source the name rejections give as their source, such as the file or object name; may be {@code null}
     * @return a reader
     */
    public static EndpointReader open(InputStream in, ImportFormat format, @Nullable String source) {
        return new EndpointReader(
                Objects.requireNonNull(in, "in"), false, Objects.requireNonNull(format, "format"), source);
    }

    /** @return the source name rejections carry, if one was given */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Reads the next record.
     *
     * @return the next record's result, or {@code null} at the end of the input
     * @throws InputReadException when the input cannot be read (an I/O error, not a bad line)
     * @throws IllegalStateException when the reader is closed
     */
    public @Nullable ReadResult next() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        try {
            while (lines.next()) {
                long index = nextRecordIndex;
                int outcome = lines.tooLong()
                        ? decoder.tooLong(lines.lineNumber(), index, MAX_LINE_BYTES)
                        : decoder.decode(lines.bytes(), lines.length(), lines.lineNumber(), index);
                if (outcome == LineDecoder.SKIPPED) {
                    continue;
                }
                nextRecordIndex++;
                return outcome == LineDecoder.DEFINITION
                        ? ReadResult.of(index, lines.lineNumber(), decoder.definition())
                        : ReadResult.rejected(index, lines.lineNumber(), decoder.rejection());
            }
            return null;
        } catch (IOException e) {
            throw new InputReadException(
                    "cannot read " + (source == null ? "the input" : source) + " after line " + lines.lineNumber()
                            + ": " + e.getMessage(),
                    source,
                    lines.lineNumber(),
                    e);
        }
    }

    /**
     * The remaining records as a sequential stream. Closing the stream does not close this reader.
     *
     * @return the records, read lazily
     */
    public Stream<ReadResult> stream() {
        Iterator<ReadResult> it = new Iterator<>() {
            private ReadResult next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = EndpointReader.this.next();
                }
                return next != null;
            }

            @Override
            public ReadResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ReadResult r = next;
                next = null;
                return r;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Closes the file if this reader opened it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsStream) {
            try {
                in.close();
            } catch (IOException e) {
                throw new InputReadException(
                        "cannot close " + (source == null ? "the input" : source) + ": " + e.getMessage(),
                        source,
                        lines.lineNumber(),
                        e);
            }
        }
    }
}
