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
 * CSV shards. The header depends on which columns the shard's records use, and how often a multi-valued attribute
 * repeats, so it is final only when the shard closes. With real data the column layout settles after the first rows,
 * so rows are written in their final form once the layout has been stable for a while, and only rows written under
 * an older layout are moved into their final columns. Memory holds only per-column counters and one buffer, never
 * records.
 *
 * <p>Two modes:
 * <ul>
 * <li><b>compact</b> (at the start of a shard, and after a row changed a committed layout): rows go to a temporary
 * body file next to the shard file in a compact form (logical column, values), created only when its buffer first
 * fills.</li>
 * <li><b>direct</b>: the shard file is open with the header of the current layout and rows go into it in their final
 * form, hashed on the way. A row that brings a new column, or more values than a column has repeats, ends direct
 * mode: the shard file is set aside as the <em>previous</em> segment (rows in final form under its old layout) and
 * writing goes on in compact mode.</li>
 * </ul>
 * Compact mode <em>commits</em> to the current layout once the last {@code minStableRows} rows, and at least as many
 * rows as came before them, left it unchanged: a fresh shard file gets the current header, the previous segment's
 * rows (each cell moved to its column in the new layout) and the compact rows (each value placed), and direct mode
 * starts. {@link #finish()} commits if still compact, then closes the file. Since every commit at least doubles the
 * rows behind it, each row is placed again only a few times, even for data whose layout keeps changing.
 *
 * <p>The bytes do not depend on when commits happen: every row ends up in the final layout, the header lists the
 * final layout, both exactly as if every row had been placed when the shard closed.
 *
 * <p>Exact size while writing: with {@code C} columns (repeats counted), {@code N} bytes of header names,
 * {@code S} bytes of cell values and {@code R} rows, the file is {@code N + S + (R + 1) * C} bytes, since every line
 * (header and rows) has {@code C - 1} commas and one newline.
 */
final class CsvShardBody implements ShardBody {
    /**
     * Rows that must leave the layout unchanged before the first commit: with realistic data the layout settles in
     * the first hundred rows, and re-placing a few hundred rows costs little next to a shard of thousands.
     */
    static final int DEFAULT_MIN_STABLE_ROWS = 256;

    private static final int IO_BUFFER = 64 * 1024;

    private final int minStableRows;
    private final boolean backOff;
    private final CsvRecordEncoder encoder = new CsvRecordEncoder();
    private final ByteSink scratch = new ByteSink(256);
    private final ByteSink prefix = new ByteSink(8);

    private Path file;

    // Compact mode: the body file (created when bodyBuf first fills) and the rows in it and in bodyBuf.
    private Path bodyFile;
    private OutputStream body;
    private byte[] bodyBuf = new byte[IO_BUFFER];
    private int bodyPos;
    private long bodyRows;

    // The previous segment, if any: the shard file set aside when a row left direct mode's layout.
    private Path prevFile;
    private long prevRows;
    private long prevHeaderBytes;
    private int[] prevOrder;
    private int[] prevRepeats;
    private int prevWidth;

    // Direct mode when out != null: rows so far are in out, under this layout.
    private ShardFileOutput out;
    private int[] layoutOrder;
    private int[] layoutRepeats;
    private int[] position = new int[0];
    private int width;
    private int[] cellStart = new int[64];
    private int[] cellEnd = new int[64];

    private int[] repeats = new int[64];
    private int[] used = new int[64];
    private int usedCount;
    private long nameBytes;
    private long columns;
    private long cellBytes;
    private long rows;
    private long stableRows;

    // For tests: how often each path ran since this body was made.
    private int commits;
    private int setAsides;

    /** A body that commits to the layout after {@link #DEFAULT_MIN_STABLE_ROWS} unchanged rows, backing off. */
    CsvShardBody() {
        this(DEFAULT_MIN_STABLE_ROWS, true);
    }

    /**
     * For tests, which need commits and layout changes in small shards.
     *
     * @param minStableRows rows that must leave the layout unchanged before a commit (at least 1)
     * @param backOff whether a commit also waits until the unchanged rows are at least as many as the rows before
     *     them; without it, every {@code minStableRows} unchanged rows commit
     */
    CsvShardBody(int minStableRows, boolean backOff) {
        if (minStableRows < 1) {
            throw new IllegalArgumentException("minStableRows must be >= 1");
        }
        this.minStableRows = minStableRows;
        this.backOff = backOff;
    }

    /** @return commits so far (finish included), for tests */
    int commits() {
        return commits;
    }

    /** @return times direct mode was left because a row changed the layout, for tests */
    int setAsides() {
        return setAsides;
    }

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

    /**
     * Without a walk over the record's entries while a bound shows it fits, as it does for all but the largest
     * records: every value's column may at worst bring a header cell as long as the longest, and its comma.
     */
    @Override
    public boolean fitsAlone(long maxBytes) {
        long bound = encoder.values().size() + (long) encoder.valueCount() * (encoder.longestHeaderCell() + 2);
        return bound <= maxBytes || sizeAlone() <= maxBytes;
    }

    /**
     * Without a walk over the record's entries while a bound shows it fits, as it does until a shard is nearly
     * full: at worst every value of the record brings a new column (a header cell as long as the longest, and one
     * more comma on every line).
     */
    @Override
    public boolean fitsWithRecord(long maxBytes) {
        long newColumns = encoder.valueCount();
        long bound = nameBytes
                + newColumns * encoder.longestHeaderCell()
                + cellBytes
                + encoder.values().size()
                + (rows + 2) * (columns + newColumns);
        return bound <= maxBytes || sizeWithRecord() <= maxBytes;
    }

    @Override
    public void open(Path file) throws IOException {
        this.file = file;
        this.bodyFile = file.resolveSibling(file.getFileName() + ".body");
        this.prevFile = null;
        this.out = null;
        body = null;
        bodyPos = 0;
        bodyRows = 0;
        prevRows = 0;
        Arrays.fill(repeats, 0);
        usedCount = 0;
        nameBytes = 0;
        columns = 0;
        cellBytes = 0;
        rows = 0;
        stableRows = 0;
    }

    @Override
    public void add() throws IOException {
        int entries = encoder.entryCount();
        if (encoder.columnCount() > repeats.length) {
            repeats = Arrays.copyOf(repeats, Math.max(encoder.columnCount(), repeats.length * 2));
        }
        boolean changed = false;
        for (int e = 0; e < entries; e++) {
            int col = encoder.entryColumn(e);
            int need = encoder.entryValueCount(e);
            int have = repeats[col];
            if (need > have) {
                changed = true;
                if (have == 0) {
                    if (usedCount == used.length) {
                        used = Arrays.copyOf(used, usedCount * 2);
                    }
                    used[usedCount++] = col;
                }
                columns += need - have;
                nameBytes += (long) (need - have) * encoder.headerCell(col).length;
                repeats[col] = need;
            }
        }
        cellBytes += encoder.values().size();
        rows++;
        if (out != null) {
            if (!changed) {
                writeDirect();
                return;
            }
            setAside();
        }
        writeCompact();
        bodyRows++;
        stableRows = changed ? 0 : stableRows + 1;
        if (stableRows >= minStableRows && (!backOff || stableRows >= rows - stableRows)) {
            commit();
        }
    }

    /** Places the encoded record's values in the direct layout's columns, straight into the shard file's buffer. */
    private void writeDirect() throws IOException {
        int entries = encoder.entryCount();
        int[] starts = cellStart;
        int[] ends = cellEnd;
        Arrays.fill(starts, 0, width, -1);
        int value = 0;
        int previousEnd = 0;
        for (int e = 0; e < entries; e++) {
            int base = position[encoder.entryColumn(e)];
            for (int k = 0, need = encoder.entryValueCount(e); k < need; k++, value++) {
                starts[base + k] = previousEnd;
                previousEnd = encoder.valueEnd(value);
                ends[base + k] = previousEnd;
            }
        }
        placeRow(
                out,
                encoder.values().array(),
                starts,
                ends,
                width,
                width + encoder.values().size());
    }

    /**
     * Writes one row of {@code width} cells; cell {@code c} is {@code in[starts[c], ends[c])}, empty when
     * {@code starts[c]} is negative.
     *
     * @param rowLen the row's length with its commas and line end
     */
    private static void placeRow(ShardFileOutput out, byte[] in, int[] starts, int[] ends, int width, int rowLen)
            throws IOException {
        if (rowLen <= ShardFileOutput.BUFFER) {
            // The usual row: one bounds check, then placed cell by cell.
            int o = out.reserve(rowLen);
            byte[] ob = out.buffer();
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    ob[o++] = ',';
                }
                int cs = starts[c];
                if (cs >= 0) {
                    int len = ends[c] - cs;
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
                if (starts[c] >= 0) {
                    out.write(in, starts[c], ends[c] - starts[c]);
                }
            }
            out.write((byte) '\n');
        }
    }

    /** Appends the encoded record to the compact body: length, entry count, per entry (column, values, lengths). */
    private void writeCompact() throws IOException {
        int entries = encoder.entryCount();
        scratch.reset();
        varint(scratch, entries);
        int value = 0;
        int previousEnd = 0;
        for (int e = 0; e < entries; e++) {
            int need = encoder.entryValueCount(e);
            varint(scratch, encoder.entryColumn(e));
            varint(scratch, need);
            for (int k = 0; k < need; k++, value++) {
                int end = encoder.valueEnd(value);
                varint(scratch, end - previousEnd);
                previousEnd = end;
            }
        }
        ByteSink values = encoder.values();
        prefix.reset();
        varint(prefix, scratch.size() + values.size());
        bodyWrite(prefix.array(), prefix.size());
        bodyWrite(scratch.array(), scratch.size());
        bodyWrite(values.array(), values.size());
    }

    /** Appends to the body through this class's own buffer, creating the body file when the buffer first fills. */
    private void bodyWrite(byte[] b, int len) throws IOException {
        if (len > bodyBuf.length - bodyPos) {
            if (body == null) {
                body = Files.newOutputStream(bodyFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
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

    /**
     * Leaves direct mode: the shard file so far becomes the previous segment, re-placed at the next commit. Its
     * checksums are dropped, since the shard file will be written again from its start.
     */
    private void setAside() throws IOException {
        setAsides++;
        ShardFileOutput done = out;
        out = null;
        done.finish();
        prevFile = file.resolveSibling(file.getFileName() + ".prev");
        Files.move(file, prevFile);
        prevRows = rows - 1; // all rows but the one being added
        prevOrder = layoutOrder;
        prevRepeats = layoutRepeats;
        prevWidth = width;
        long names = 0;
        for (int j = 0; j < prevOrder.length; j++) {
            names += (long) prevRepeats[j] * encoder.headerCell(prevOrder[j]).length;
        }
        prevHeaderBytes = names + prevWidth;
    }

    /**
     * Starts direct mode under the current layout: writes its header to a new shard file, then the previous segment's
     * rows and the compact rows, each in its final columns.
     */
    private void commit() throws IOException {
        commits++;
        Integer[] sorted = new Integer[usedCount];
        for (int i = 0; i < usedCount; i++) {
            sorted[i] = used[i];
        }
        Arrays.sort(sorted, encoder::compareColumns);
        int[] order = new int[usedCount];
        int[] orderRepeats = new int[usedCount];
        int[] positions = new int[encoder.columnCount()];
        Arrays.fill(positions, -1);
        int w = 0;
        for (int i = 0; i < usedCount; i++) {
            int col = sorted[i];
            order[i] = col;
            orderRepeats[i] = repeats[col];
            positions[col] = w;
            w += repeats[col];
        }
        ShardFileOutput o = new ShardFileOutput(file);
        try {
            for (int i = 0; i < order.length; i++) {
                byte[] name = encoder.headerCell(order[i]);
                for (int k = 0; k < orderRepeats[i]; k++) {
                    if (i > 0 || k > 0) {
                        o.write((byte) ',');
                    }
                    o.write(name, 0, name.length);
                }
            }
            o.write((byte) '\n');
            if (prevFile != null) {
                placePrevious(o, positions, w);
                Files.delete(prevFile);
                prevFile = null;
                prevRows = 0;
            }
            if (bodyRows > 0) {
                placeCompact(o, positions, w);
            }
        } catch (IOException | RuntimeException e) {
            o.close();
            throw e;
        }
        out = o;
        layoutOrder = order;
        layoutRepeats = orderRepeats;
        position = positions;
        width = w;
        if (cellStart.length < w) {
            cellStart = new int[Math.max(w, cellStart.length * 2)];
            cellEnd = new int[cellStart.length];
        }
    }

    @Override
    public ShardFileOutput finish() throws IOException {
        long expected = nameBytes + cellBytes + (rows + 1) * columns;
        if (out == null) {
            commit();
        }
        ShardFileOutput done = out;
        out = null;
        try {
            done.finish();
        } catch (IOException | RuntimeException e) {
            done.close();
            throw e;
        }
        file = null;
        bodyFile = null;
        if (done.count() != expected) {
            throw new IllegalStateException(
                    "CSV shard size bookkeeping is off: wrote " + done.count() + " bytes, expected " + expected);
        }
        return done;
    }

    /**
     * Re-places the previous segment's rows, written in final form under an older layout, in the new one. The new
     * layout has every old column with at least as many repeats, in the same relative order, so old cell {@code i}
     * goes to new cell {@code target[i]}, in increasing order, and the rest stay empty.
     */
    private void placePrevious(ShardFileOutput o, int[] positions, int newWidth) throws IOException {
        int[] target = new int[prevWidth];
        for (int j = 0, i = 0; j < prevOrder.length; j++) {
            for (int k = 0; k < prevRepeats[j]; k++) {
                target[i++] = positions[prevOrder[j]] + k;
            }
        }
        // Not bodyBuf: it may still hold the compact rows, placed after these.
        byte[] in = new byte[IO_BUFFER];
        int limit = 0;
        int pos = 0;
        try (InputStream stream = Files.newInputStream(prevFile)) {
            long skip = prevHeaderBytes;
            while (skip > 0) {
                long n = stream.skip(skip);
                if (n <= 0) {
                    if (stream.read() < 0) {
                        throw new EOFException("CSV previous segment ended in its header");
                    }
                    n = 1;
                }
                skip -= n;
            }
            for (long r = 0; r < prevRows; r++) {
                int nl = indexOfNewline(in, pos, limit);
                while (nl < 0) {
                    int have = limit - pos;
                    if (have == in.length) {
                        in = Arrays.copyOf(in, in.length * 2);
                    }
                    System.arraycopy(in, pos, in, 0, have);
                    int n = stream.read(in, have, in.length - have);
                    if (n < 0) {
                        throw new EOFException("CSV previous segment ended early");
                    }
                    limit = have + n;
                    nl = indexOfNewline(in, have, limit);
                    pos = 0;
                }
                int p = pos;
                int written = 0; // commas written so far in the new row
                for (int i = 0; i < prevWidth; i++) {
                    if (i > 0) {
                        p++; // the old comma
                    }
                    int start = p;
                    if (p < nl && in[p] == '"') {
                        // Quoted: inner quotes are doubled, and the closing quote is followed by ',' or the newline.
                        p++;
                        while (true) {
                            if (in[p] == '"') {
                                if (in[p + 1] == '"') {
                                    p += 2;
                                } else {
                                    p++;
                                    break;
                                }
                            } else {
                                p++;
                            }
                        }
                    } else {
                        while (p < nl && in[p] != ',') {
                            p++;
                        }
                    }
                    if (p > start) {
                        for (; written < target[i]; written++) {
                            o.write((byte) ',');
                        }
                        o.write(in, start, p - start);
                    }
                }
                if (p != nl) {
                    throw new IllegalStateException("CSV previous segment row " + r + " does not match its layout");
                }
                for (; written < newWidth - 1; written++) {
                    o.write((byte) ',');
                }
                o.write((byte) '\n');
                pos = nl + 1;
            }
        }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Places the compact rows (in the body file, then in bodyBuf) in the new layout, then forgets them. */
    private void placeCompact(ShardFileOutput o, int[] positions, int newWidth) throws IOException {
        InputStream stream;
        int limit;
        if (body == null) {
            // Never spilled: everything is in bodyBuf, read in place.
            stream = InputStream.nullInputStream();
            limit = bodyPos;
        } else {
            try {
                body.write(bodyBuf, 0, bodyPos);
            } finally {
                body.close();
                body = null;
            }
            stream = Files.newInputStream(bodyFile);
            limit = 0;
        }
        try (InputStream s = stream) {
            writeRows(o, s, limit, positions, newWidth);
        }
        bodyPos = 0;
        bodyRows = 0;
        Files.deleteIfExists(bodyFile);
    }

    /**
     * Reads {@link #bodyRows} compact rows from {@code bodyBuf[0, limit)} and then the stream, and writes each in
     * the layout given by {@code position} and {@code width}.
     */
    private void writeRows(ShardFileOutput out, InputStream stream, int initialLimit, int[] position, int width)
            throws IOException {
        int[] cellStart = new int[width];
        int[] cellEnd = new int[width];
        int[] lengths = new int[16];
        int[] at = new int[1];
        int[] cols = new int[32];
        int[] counts = new int[32];
        // The body is read in big chunks into one array and parsed in place; a record cut by the chunk end is moved
        // to the front before the next read.
        byte[] in = bodyBuf;
        int limit = initialLimit;
        int pos = 0;
        for (long r = 0; r < bodyRows; r++) {
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
            placeRow(out, in, cellStart, cellEnd, width, width + recordEnd - at[0]);
            pos = recordEnd;
        }
    }

    /**
     * Moves the unread bytes {@code [pos, limit)} to the front and reads until at least {@code need} bytes are there
     * (or the input ends, which is only fine when fewer are needed than asked for the length prefix).
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
        IOException first = null;
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                first = e;
            }
            body = null;
        }
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
            out = null;
        }
        for (Path p : new Path[] {bodyFile, prevFile, file}) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        bodyFile = null;
        prevFile = null;
        file = null;
        if (first != null) {
            throw first;
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
