package io.pinpointimport.internal.report;

import io.pinpointimport.ImportException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a placement file ({@link PlacementFile}) entry by entry, one record at a time: memory stays flat. A file cut
 * short (a killed run) ends at its last whole entry, and {@link #complete()} stays false. Not thread-safe. No
 * promises: internal.
 */
public final class PlacementReader implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    // own buffer, not a BufferedInputStream: its synchronized single-byte reads cost more than the rest per record
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long index = -1;
    private @Nullable String source;
    private long line;
    private @Nullable String endpointId;
    private boolean rejected;
    private List<String> rules = List.of();
    private boolean complete;
    private boolean atEnd;

    private PlacementReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * @param file the placement file
     * @param runId the run it must belong to
     * @return the open reader, before the first record
     * @throws NoSuchFileException when there is no such file
     * @throws ImportException when it cannot be read or is not a placement file of this run
     */
    public static PlacementReader open(Path file, String runId) throws NoSuchFileException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportException("Cannot read the run report file " + file + ": " + e.getMessage(), e);
        }
        PlacementReader r = new PlacementReader(file, in);
        try {
            byte[] magic = r.bytes(PlacementFile.MAGIC.length);
            if (!Arrays.equals(magic, PlacementFile.MAGIC)) {
                throw new ImportException("The file " + file + " is not a pinpoint-import run report");
            }
            String id = r.string();
            if (!runId.equals(id)) {
                throw new ImportException("The run report " + file + " belongs to run " + id + ", not " + runId);
            }
            return r;
        } catch (IOException e) {
            r.close();
            throw new ImportException("Cannot read the run report file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the file (or of its last whole entry)
     * @throws ImportException when the file cannot be read or is damaged before its end
     */
    public boolean next() {
        if (atEnd) {
            return false;
        }
        try {
            while (true) {
                int kind = read();
                if (kind < 0) {
                    atEnd = true;
                    return false;
                }
                switch (kind) {
                    case PlacementFile.SOURCE -> source = string();
                    case PlacementFile.WRITTEN -> {
                        line = varlong();
                        endpointId = string();
                        rejected = false;
                        rules = List.of();
                        index++;
                        return true;
                    }
                    case PlacementFile.REJECTED -> {
                        line = varlong();
                        endpointId = string();
                        int n = (int) varlong();
                        List<String> rs = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            rs.add(string());
                        }
                        rejected = true;
                        rules = List.copyOf(rs);
                        index++;
                        return true;
                    }
                    case PlacementFile.END -> {
                        long placed = varlong();
                        complete = placed == index + 1;
                        atEnd = true;
                        return false;
                    }
                    default ->
                        throw new ImportException("The run report " + file + " is damaged after record " + index
                                + " (unknown entry " + kind + ")");
                }
            }
        } catch (EOFException e) {
            // cut short by a crash while writing: what came before stands
            atEnd = true;
            return false;
        } catch (IOException e) {
            throw new ImportException("Cannot read the run report file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the current record's 0-based index in the run's input */
    public long index() {
        return index;
    }

    /** @return the file the current record came from, or null */
    public @Nullable String source() {
        return source;
    }

    /** @return its 1-based line there, or 0 */
    public long line() {
        return line;
    }

    /** @return its endpoint id, or null */
    public @Nullable String endpointId() {
        return endpointId;
    }

    /** @return whether it was rejected locally (else it was written to a shard) */
    public boolean rejected() {
        return rejected;
    }

    /** @return the rule ids it broke, empty unless rejected */
    public List<String> rules() {
        return rules;
    }

    /** @return whether the file ends with its end mark: the whole input was placed (known once at its end) */
    public boolean complete() {
        return complete;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read only: nothing lost
        }
    }

    private @Nullable String string() throws IOException {
        long n = varlong();
        if (n == 0) {
            return null;
        }
        if (n - 1 > Integer.MAX_VALUE - 16) {
            throw new ImportException("The run report " + file + " is damaged after record " + index);
        }
        int len = (int) (n - 1);
        return new String(bytes(len), StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private byte[] bytes(int len) throws IOException {
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            if (pos == limit && !fill()) {
                throw new EOFException();
            }
            int n = Math.min(len - done, limit - pos);
            System.arraycopy(buffer, pos, out, done, n);
            pos += n;
            done += n;
        }
        return out;
    }

    private long varlong() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = read();
            if (b < 0) {
                throw new EOFException();
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new ImportException("The run report " + file + " is damaged after record " + index);
    }
}
