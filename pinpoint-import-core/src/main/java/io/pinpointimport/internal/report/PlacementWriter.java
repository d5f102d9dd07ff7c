package io.pinpointimport.internal.report;

import io.pinpointimport.ImportException;
import io.pinpointimport.validation.Rejection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run's placement file ({@link PlacementFile}) as the run reads its input: one entry per record, buffered,
 * so memory stays flat whatever the input's size. Used by the run's reading thread only. A write that fails throws
 * {@link ImportException}: a run that promised a report does not go on without one. No promises: internal.
 */
public final class PlacementWriter implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    // own buffer, not a BufferedOutputStream: its synchronized single-byte writes cost more than the rest per record
    private final byte[] buffer = new byte[BUFFER];
    private int used;
    private @Nullable String lastSource;
    private boolean sourceWritten;
    private long placed;
    private boolean closed;

    private PlacementWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Starts the run's placement file, replacing one an earlier attempt of the same run left: a resumed run reads
     * its whole input again and places every record anew, the same way.
     *
     * @param directory the journal directory
     * @param runId the run's id
     * @return the open writer
     * @throws ImportException when the file cannot be made
     */
    public static PlacementWriter create(Path directory, String runId) {
        Path file = PlacementFile.fileOf(directory, runId);
        try {
            Files.createDirectories(directory);
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            PlacementWriter w = new PlacementWriter(file, ch);
            for (byte b : PlacementFile.MAGIC) {
                w.write(b);
            }
            w.string(runId);
            return w;
        } catch (IOException e) {
            throw new ImportException("Cannot create the run report file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return how many records were placed so far */
    public long placed() {
        return placed;
    }

    /**
     * A record given to the shard writer.
     *
     * @param source the file it was read from, or null
     * @param line its line there, or 0
     * @param endpointId its endpoint id, or null
     */
    public void written(@Nullable String source, long line, @Nullable String endpointId) {
        try {
            source(source);
            write(PlacementFile.WRITTEN);
            varlong(Math.max(0, line));
            string(cut(endpointId));
            placed++;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * A record rejected locally.
     *
     * @param source the file it was read from, or null
     * @param line its line there, or 0
     * @param endpointId its endpoint id, or null
     * @param rejections why; each distinct rule id is kept, in order
     */
    public void rejected(@Nullable String source, long line, @Nullable String endpointId, List<Rejection> rejections) {
        try {
            source(source);
            write(PlacementFile.REJECTED);
            varlong(Math.max(0, line));
            string(cut(endpointId));
            List<String> rules = new ArrayList<>(rejections.size());
            for (Rejection r : rejections) {
                if (!rules.contains(r.rule().id())) {
                    rules.add(r.rule().id());
                }
            }
            varlong(rules.size());
            for (String rule : rules) {
                string(rule);
            }
            placed++;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Marks the input as wholly read and forces the file to disk: called before the journal says so, so that a run
     * resumed without reading its input again finds every record placed.
     */
    public void finish() {
        try {
            write(PlacementFile.END);
            varlong(placed);
            flush();
            channel.force(false);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Flushes and closes the file; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void source(@Nullable String source) throws IOException {
        if (sourceWritten && Objects.equals(source, lastSource)) {
            return;
        }
        write(PlacementFile.SOURCE);
        string(source);
        lastSource = source;
        sourceWritten = true;
    }

    private static @Nullable String cut(@Nullable String id) {
        return id == null || id.length() <= PlacementFile.MAX_ID_CHARS
                ? id
                : id.substring(0, PlacementFile.MAX_ID_CHARS);
    }

    private void string(@Nullable String s) throws IOException {
        if (s == null) {
            varlong(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varlong(b.length + 1L);
        if (b.length > buffer.length - used) {
            flush();
        }
        if (b.length > buffer.length) {
            writeFully(ByteBuffer.wrap(b));
        } else {
            System.arraycopy(b, 0, buffer, used, b.length);
            used += b.length;
        }
    }

    private void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    private void flush() throws IOException {
        writeFully(ByteBuffer.wrap(buffer, 0, used));
        used = 0;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void varlong(long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        write((int) v);
    }

    private ImportException failed(IOException e) {
        return new ImportException(
                "Cannot write the run report file " + file + ": " + e.getMessage() + "; the run stops, as it was asked"
                        + " for a report",
                e);
    }
}
