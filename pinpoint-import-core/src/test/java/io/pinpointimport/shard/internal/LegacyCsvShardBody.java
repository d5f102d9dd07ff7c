package io.pinpointimport.shard.internal;

import io.pinpointimport.format.internal.CsvRecordEncoder;
import io.pinpointimport.internal.json.ByteSink;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The CSV shard body as it was before rows were written in their final form while the layout is stable (commit
 * daef0e7): the reference that {@link CsvShardBodyDifferentialTest} compares the current one with, byte for byte.
 *
 * <p>CSV shards. The header depends on which columns the shard's records use, and how often a multi-valued attribute
 * repeats, so it is known only when the shard closes. Rows therefore go first to a temporary body file in a compact
 * form (logical column, values) next to the shard file; on {@link #finish()} the header is written, then the body is
 * read back once and every value placed in its final column. Memory holds only per-column counters, never records.
 *
 * <p>Exact size while writing: with {@code C} columns (repeats counted), {@code N} bytes of header names,
 * {@code S} bytes of cell values and {@code R} rows, the file is {@code N + S + (R + 1) * C} bytes, since every line
 * (header and rows) has {@code C - 1} commas and one newline.
 */
final class LegacyCsvShardBody implements ShardBody {
    private static final int IO_BUFFER = 64 * 1024;

    private final CsvRecordEncoder encoder = new CsvRecordEncoder();
    private final ByteSink scratch = new ByteSink(256);
    private final ByteSink prefix = new ByteSink(8);

    private Path file;
    private Path bodyFile;
    private OutputStream body;
    private byte[] bodyBuf = new byte[IO_BUFFER];
    private int bodyPos;
    private int[] repeats = new int[64];
    private int[] used = new int[64];
    private int usedCount;
    private long nameBytes;
    private long columns;
    private long cellBytes;
    private long rows;

    @Override
    public Rejection encode(long recordIndex, EndpointDefinition definition) {
        return encoder.encode(recordIndex, definition);
    }

    @Override
    public long sizeAlone() {
        long names = 0;
        long cols = 0;
        for (int e = 0, n = encoder.entryCount(); e < n; e++) {
            int count = encoder.entryValueCount(e);
            cols += count;
            names += (long) count * encoder.headerCell(encoder.entryColumn(e)).length;
        }
        return names + encoder.values().size() + 2 * cols;
    }

    @Override
    public long sizeWithRecord() {
        long names = nameBytes;
        long cols = columns;
        for (int e = 0, n = encoder.entryCount(); e < n; e++) {
            int col = encoder.entryColumn(e);
            int have = col < repeats.length ? repeats[col] : 0;
            int need = encoder.entryValueCount(e);
            if (need > have) {
                cols += need - have;
                names += (long) (need - have) * encoder.headerCell(col).length;
            }
        }
        return names + cellBytes + encoder.values().size() + (rows + 2) * cols;
    }

    @Override
    public void open(Path file) throws IOException {
        this.file = file;
        this.bodyFile = file.resolveSibling(file.getFileName() + ".body");
        this.body = Files.newOutputStream(bodyFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        bodyPos = 0;
        Arrays.fill(repeats, 0);
        usedCount = 0;
        nameBytes = 0;
        columns = 0;
        cellBytes = 0;
        rows = 0;
    }

    @Override
    public void add() throws IOException {
        int entries = encoder.entryCount();
        if (encoder.columnCount() > repeats.length) {
            repeats = Arrays.copyOf(repeats, Math.max(encoder.columnCount(), repeats.length * 2));
        }
        scratch.reset();
        varint(scratch, entries);
        int value = 0;
        int previousEnd = 0;
        for (int e = 0; e < entries; e++) {
            int col = encoder.entryColumn(e);
            int need = encoder.entryValueCount(e);
            int have = repeats[col];
            if (have == 0) {
                if (usedCount == used.length) {
                    used = Arrays.copyOf(used, usedCount * 2);
                }
                used[usedCount++] = col;
            }
            if (need > have) {
                columns += need - have;
                nameBytes += (long) (need - have) * encoder.headerCell(col).length;
                repeats[col] = need;
            }
            varint(scratch, col);
            varint(scratch, need);
            for (int k = 0; k < need; k++, value++) {
                int end = encoder.valueEnd(value);
                varint(scratch, end - previousEnd);
                previousEnd = end;
            }
        }
        ByteSink values = encoder.values();
        cellBytes += values.size();
        rows++;
        // Record layout: length of the rest, entry count, per entry (column, value count, value lengths), values.
        prefix.reset();
        varint(prefix, scratch.size() + values.size());
        bodyWrite(prefix.array(), prefix.size());
        bodyWrite(scratch.array(), scratch.size());
        bodyWrite(values.array(), values.size());
    }

    /** Appends to the body through this class's own buffer (an unsynchronized BufferedOutputStream). */
    private void bodyWrite(byte[] b, int len) throws IOException {
        if (len > bodyBuf.length - bodyPos) {
            body.write(bodyBuf, 0, bodyPos);
            bodyPos = 0;
            if (len > bodyBuf.length) {
                body.write(b, 0, len);
                return;
            }
        }
        System.arraycopy(b, 0, bodyBuf, bodyPos, len);
        bodyPos += len;
    }

    @Override
    public ShardFileOutput finish() throws IOException {
        long expected = nameBytes + cellBytes + (rows + 1) * columns;
        try {
            body.write(bodyBuf, 0, bodyPos);
        } finally {
            bodyPos = 0;
            body.close();
            body = null;
        }
        Integer[] order = new Integer[usedCount];
        for (int i = 0; i < usedCount; i++) {
            order[i] = used[i];
        }
        Arrays.sort(order, encoder::compareColumns);
        int[] position = new int[encoder.columnCount()];
        int width = 0;
        for (Integer col : order) {
            position[col] = width;
            width += repeats[col];
        }
        ShardFileOutput out = new ShardFileOutput(file);
        try {
            boolean first = true;
            for (Integer col : order) {
                byte[] name = encoder.headerCell(col);
                for (int k = 0; k < repeats[col]; k++) {
                    if (!first) {
                        out.write((byte) ',');
                    }
                    first = false;
                    out.write(name, 0, name.length);
                }
            }
            out.write((byte) '\n');
            writeRows(out, position, width);
            out.finish();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        Files.deleteIfExists(bodyFile);
        bodyFile = null;
        file = null;
        if (out.count() != expected) {
            throw new IllegalStateException(
                    "CSV shard size bookkeeping is off: wrote " + out.count() + " bytes, expected " + expected);
        }
        return out;
    }

    private void writeRows(ShardFileOutput out, int[] position, int width) throws IOException {
        int[] cellStart = new int[width];
        int[] cellEnd = new int[width];
        int[] lengths = new int[16];
        int[] at = new int[1];
        int[] cols = new int[32];
        int[] counts = new int[32];
        // The body is read in big chunks into one array and parsed in place; a record cut by the chunk end is moved
        // to the front before the next read.
        byte[] in = bodyBuf;
        int limit = 0;
        int pos = 0;
        try (InputStream stream = Files.newInputStream(bodyFile)) {
            for (long r = 0; r < rows; r++) {
                // A record's length prefix is at most 5 bytes.
                if (limit - pos < 5) {
                    limit = refill(stream, in, pos, limit, 5);
                    pos = 0;
                }
                at[0] = pos;
                int total = varint(in, at);
                int headerLen = at[0] - pos;
                if (limit - pos < headerLen + total) {
                    if (headerLen + total > in.length) {
                        byte[] bigger = new byte[Math.max(headerLen + total, in.length * 2)];
                        System.arraycopy(in, pos, bigger, 0, limit - pos);
                        limit -= pos;
                        pos = 0;
                        in = bigger;
                    }
                    limit = refill(stream, in, pos, limit, headerLen + total);
                    pos = 0;
                    at[0] = headerLen;
                }
                int recordEnd = at[0] + total;
                Arrays.fill(cellStart, -1);
                int entries = varint(in, at);
                // Index first, values after it: collect the value lengths, then walk the values.
                int valueCount = 0;
                if (entries > cols.length) {
                    cols = new int[entries];
                    counts = new int[entries];
                }
                for (int e = 0; e < entries; e++) {
                    cols[e] = varint(in, at);
                    counts[e] = varint(in, at);
                    for (int k = 0; k < counts[e]; k++) {
                        if (valueCount == lengths.length) {
                            lengths = Arrays.copyOf(lengths, valueCount * 2);
                        }
                        lengths[valueCount++] = varint(in, at);
                    }
                }
                int offset = at[0];
                int v = 0;
                for (int e = 0; e < entries; e++) {
                    int base = position[cols[e]];
                    for (int k = 0; k < counts[e]; k++, v++) {
                        cellStart[base + k] = offset;
                        offset += lengths[v];
                        cellEnd[base + k] = offset;
                    }
                }
                int rowLen = width + recordEnd - at[0];
                if (rowLen <= ShardFileOutput.BUFFER) {
                    // The usual row: placed straight into the output's buffer, one bounds check per row.
                    int o = out.reserve(rowLen);
                    byte[] ob = out.buffer();
                    for (int c = 0; c < width; c++) {
                        if (c > 0) {
                            ob[o++] = ',';
                        }
                        int cs = cellStart[c];
                        if (cs >= 0) {
                            int len = cellEnd[c] - cs;
                            System.arraycopy(in, cs, ob, o, len);
                            o += len;
                        }
                    }
                    ob[o] = '\n';
                    out.commit(rowLen);
                } else {
                    for (int c = 0; c < width; c++) {
                        if (c > 0) {
                            out.write((byte) ',');
                        }
                        if (cellStart[c] >= 0) {
                            out.write(in, cellStart[c], cellEnd[c] - cellStart[c]);
                        }
                    }
                    out.write((byte) '\n');
                }
                pos = recordEnd;
            }
        }
    }

    /**
     * Moves the unread bytes {@code [pos, limit)} to the front and reads until at least {@code need} bytes are there
     * (or the file ends, which is only fine when fewer are needed than asked for the length prefix).
     *
     * @return the new limit
     */
    private static int refill(InputStream stream, byte[] in, int pos, int limit, int need) throws IOException {
        int have = limit - pos;
        System.arraycopy(in, pos, in, 0, have);
        while (have < need) {
            int n = stream.read(in, have, in.length - have);
            if (n < 0) {
                if (have > 0 && need == 5) {
                    return have;
                }
                throw new EOFException("CSV body file ended early");
            }
            have += n;
        }
        return have;
    }

    @Override
    public void discard() throws IOException {
        try {
            if (body != null) {
                body.close();
            }
        } finally {
            body = null;
            if (bodyFile != null) {
                Files.deleteIfExists(bodyFile);
                bodyFile = null;
            }
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
            }
        }
    }

    private static void varint(ByteSink out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int varint(byte[] b, int[] at) {
        int result = 0;
        int shift = 0;
        int i = at[0];
        while (true) {
            int x = b[i++];
            result |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                at[0] = i;
                return result;
            }
            shift += 7;
        }
    }
}
