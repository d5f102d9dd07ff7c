package io.pinpointimport.format.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time: a line's end in a read chunk, a CSV line's commas. Java 17 has no vector API outside
 * the incubator, so this reads a little-endian {@code long} per step and marks the bytes sought with the exact
 * zero-byte test (no carry crosses from one byte to the next, so every mark is a real match, not only the first).
 * No promises: internal.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    /** The high bit of every byte: set in a word when it holds a byte of a multi-byte UTF-8 sequence. */
    static final long HIGH = 0x8080_8080_8080_8080L;

    static final long COMMAS = repeat(',');
    static final long QUOTES = repeat('"');
    private static final long LFS = repeat('\n');
    private static final long CRS = repeat('\r');

    private ByteScan() {}

    /** @return the byte repeated in each of a word's eight bytes */
    static long repeat(char c) {
        return (c & 0xFFL) * 0x0101_0101_0101_0101L;
    }

    /**
     * @param b the bytes
     * @param at the first of eight bytes to read; {@code at + 8 <= b.length}
     * @return the eight bytes, the one at {@code at} lowest
     */
    static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** @return the high bit set in each byte of {@code w} that is zero, and only there */
    static long zeroBytes(long w) {
        long t = (w & LOW7) + LOW7;
        return ~(t | w | LOW7);
    }

    /** @return the high bit set in each byte of {@code w} that equals the byte {@code repeated} repeats */
    static long matches(long w, long repeated) {
        return zeroBytes(w ^ repeated);
    }

    /** @return the index, within its word, of the lowest byte a mark from {@link #zeroBytes} points at */
    static int firstMarked(long marks) {
        return Long.numberOfTrailingZeros(marks) >>> 3;
    }

    /**
     * @param b the bytes
     * @param from the first index searched
     * @param to one past the last index searched
     * @return the index of the first {@code '\n'} or {@code '\r'} in {@code b[from, to)}, or -1
     */
    static int indexOfLineEnd(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long w = word(b, i);
            long marks = matches(w, LFS) | matches(w, CRS);
            if (marks != 0) {
                return i + firstMarked(marks);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }
}
