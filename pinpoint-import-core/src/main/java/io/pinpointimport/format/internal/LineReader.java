package io.pinpointimport.format.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines into one reused buffer, without decoding. A line ends with {@code \n},
 * {@code \r\n} or a lone {@code \r} (old spreadsheet exports end lines with CR only; read as one line, such a file
 * would be a header and nothing else), in any mix. A leading UTF-8 byte order mark is skipped. A line longer than the
 * limit is skipped to its end and reported as too long, so that one runaway line cannot exhaust the heap. No
 * promises: internal; not thread-safe.
 */
public final class LineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private boolean afterCr;
    private long lineNumber;

    /**
     * @param in the stream; not closed by this class
     * @param maxLineBytes the longest line kept, in bytes
     */
    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return {@code false} at the end of the stream
     * @throws IOException from the stream
     */
    public boolean next() throws IOException {
        length = 0;
        tooLong = false;
        if (afterCr) {
            // The CR that ended the last line may be the first half of a CRLF: then the LF belongs to it.
            afterCr = false;
            if ((chunkPos < chunkEnd || (!eof && fill())) && chunk[chunkPos] == '\n') {
                chunkPos++;
            }
        }
        boolean any = false;
        while (true) {
            if (chunkPos >= chunkEnd) {
                if (eof || !fill()) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = chunkPos;
            int end = ByteScan.indexOfLineEnd(chunk, start, chunkEnd);
            if (end < 0) {
                append(start, chunkEnd - start);
                chunkPos = chunkEnd;
                continue;
            }
            append(start, end - start);
            afterCr = chunk[end] == '\r';
            chunkPos = end + 1;
            break;
        }
        lineNumber++;
        if (length > maxLineBytes) {
            tooLong = true;
            length = 0;
        }
        if (lineNumber == 1
                && length >= 3
                && (line[0] & 0xFF) == 0xEF
                && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk, 0, CHUNK);
        while (n == 0) {
            n = in.read(chunk, 0, CHUNK);
        }
        if (n < 0) {
            eof = true;
            chunkPos = chunkEnd = 0;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private void append(int from, int count) {
        if (tooLong) {
            return;
        }
        if ((long) length + count > maxLineBytes) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(length + count, Math.min(line.length * 2, maxLineBytes)));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    /** @return the current line's bytes, {@code [0, length())} valid */
    public byte[] bytes() {
        return line;
    }

    /** @return the current line's length in bytes, without the line end; 0 when {@link #tooLong()} */
    public int length() {
        return length;
    }

    /** @return whether the current line was longer than the limit and was skipped */
    public boolean tooLong() {
        return tooLong;
    }

    /** @return the current line's 1-based number */
    public long lineNumber() {
        return lineNumber;
    }
}
