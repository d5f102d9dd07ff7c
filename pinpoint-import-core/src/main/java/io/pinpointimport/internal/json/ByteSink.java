package io.pinpointimport.internal.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable, reusable byte buffer that encoders write one record into. Unlike {@code ByteArrayOutputStream} it is
 * unsynchronized and exposes its array, so the bytes can be measured and copied on without another copy. No
 * promises: internal.
 */
public final class ByteSink extends OutputStream {
    private byte[] buf;
    private int count;

    /**
     * @param initialCapacity the starting size in bytes
     */
    public ByteSink(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** @return the backing array; valid bytes are {@code [0, size())} */
    public byte[] array() {
        return buf;
    }

    /** @return how many bytes were written since the last {@link #reset()} */
    public int size() {
        return count;
    }

    /** Forgets the content, keeping the array. */
    public void reset() {
        count = 0;
    }

    /**
     * Makes room for {@code extra} more bytes.
     *
     * @param extra bytes about to be written
     */
    public void ensure(int extra) {
        int needed = count + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("record larger than 2 GB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /**
     * Appends a byte without a bounds check; call {@link #ensure(int)} first.
     *
     * @param b the byte
     */
    public void put(byte b) {
        buf[count++] = b;
    }

    /**
     * Counts bytes already placed in {@link #array()} past {@link #size()}; call {@link #ensure(int)} first.
     *
     * @param n how many
     */
    public void advance(int n) {
        count += n;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }
}
