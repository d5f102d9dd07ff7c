package io.pinpointimport.shard.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Writes a shard file through one buffer and computes its SHA-256 and CRC32C over each buffer-full on the way, so
 * the checksums cost no second read of the file. No promises: internal; not thread-safe.
 */
public final class ShardFileOutput implements Closeable {
    /** The buffer size: the largest {@link #reserve(int)} there can be. */
    public static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private final MessageDigest sha256;
    private final CRC32C crc32c = new CRC32C();
    private int pos;
    private long count;
    private boolean closed;

    /**
     * Creates the file, which must not exist yet.
     *
     * @param file the file
     * @throws IOException when it cannot be created
     */
    public ShardFileOutput(Path file) throws IOException {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * @param b the byte
     * @throws IOException from the file
     */
    public void write(byte b) throws IOException {
        if (pos == BUFFER) {
            flushBuffer();
        }
        buf[pos++] = b;
        count++;
    }

    /**
     * @param b bytes
     * @param off start
     * @param len count
     * @throws IOException from the file
     */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > BUFFER - pos) {
            flushBuffer();
            if (len > BUFFER) {
                sha256.update(b, off, len);
                crc32c.update(b, off, len);
                out.write(b, off, len);
                count += len;
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        count += len;
    }

    /**
     * Makes room for {@code n} bytes that the caller then places in {@link #buffer()} from the returned offset and
     * counts with {@link #commit(int)}: saves a bounds check and a call per small piece.
     *
     * @param n bytes about to be placed, at most {@link #BUFFER}
     * @return where to place them in {@link #buffer()}
     * @throws IOException from the file
     */
    public int reserve(int n) throws IOException {
        if (n > BUFFER - pos) {
            flushBuffer();
        }
        return pos;
    }

    /** @return the current buffer, valid until the next write, {@link #reserve(int)} or {@link #finish()} */
    public byte[] buffer() {
        return buf;
    }

    /**
     * Counts bytes placed after {@link #reserve(int)}.
     *
     * @param n how many (at most what was reserved)
     */
    public void commit(int n) {
        pos += n;
        count += n;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            sha256.update(buf, 0, pos);
            crc32c.update(buf, 0, pos);
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** @return bytes written so far */
    public long count() {
        return count;
    }

    /**
     * Writes what is buffered and closes the file; the checksums are final afterwards.
     *
     * @throws IOException from the file
     */
    public void finish() throws IOException {
        flushBuffer();
        close();
    }

    /** @return SHA-256 of everything written, lower-case hex; call after {@link #finish()} */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** @return CRC32C of everything written, base64 of its 4 big-endian bytes; call after {@link #finish()} */
    public String crc32cBase64() {
        byte[] four = ByteBuffer.allocate(4).putInt((int) crc32c.getValue()).array();
        return Base64.getEncoder().encodeToString(four);
    }

    /** Closes the file without writing the buffer (used when the shard is discarded). Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
