package io.pinpointimport.shard.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32C;

/**
 * Writes a shard file through 64 KB buffers and computes its SHA-256 and CRC32C over each buffer-full on the way, so
 * the checksums cost no second read of the file. No promises: internal; not thread-safe.
 *
 * <p>Full buffers go to a second thread that hashes and writes them while the caller goes on serializing into the
 * next buffer (at most {@value #BUFFERS} buffers in flight). The thread starts with the first full buffer (a shard that
 * fits in one buffer never starts it) and always ends in {@link #finish()} or {@link #close()}; an error it meets comes
 * out of the next write, {@link #finish()}, or is dropped by {@link #close()} (which discards the file anyway).
 */
public final class ShardFileOutput implements Closeable {
    /** The buffer size: the largest {@link #reserve(int)} there can be. */
    public static final int BUFFER = 64 * 1024;

    /** Buffers per file: one being filled, the others queued or being written. */
    private static final int BUFFERS = 4;

    private static final Chunk END = new Chunk(null, -1);

    private final Path file;
    private final OutputStream out;
    private final MessageDigest sha256;
    private final CRC32C crc32c = new CRC32C();
    /** Full buffers for the writer thread; one slot more than buffers, so that {@link #END} always fits. */
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private byte[] buf = new byte[BUFFER];
    private int allocated = 1;
    private int pos;
    private long count;
    private Thread worker;
    private volatile Throwable failure;
    private boolean closed;

    private record Chunk(byte[] bytes, int length) {
    }

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
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * @param b the byte
     * @throws IOException from the file
     */
    public void write(byte b) throws IOException {
        if (pos == BUFFER) {
            handOff();
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
        int o = off;
        int left = len;
        while (left > 0) {
            if (pos == BUFFER) {
                handOff();
            }
            int n = Math.min(left, BUFFER - pos);
            System.arraycopy(b, o, buf, pos, n);
            pos += n;
            o += n;
            left -= n;
        }
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
            handOff();
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

    /** Queues the current buffer for the writer thread and takes an empty one. */
    private void handOff() throws IOException {
        if (pos == 0) {
            return;
        }
        throwIfFailed();
        if (worker == null) {
            worker = new Thread(this::drain, "pinpoint-import-shard-output-" + file.getFileName());
            worker.setDaemon(true);
            worker.start();
        }
        try {
            full.put(new Chunk(buf, pos));
            pos = 0;
            byte[] next = free.poll();
            if (next == null) {
                if (allocated < BUFFERS) {
                    allocated++;
                    next = new byte[BUFFER];
                } else {
                    next = free.take();
                }
            }
            buf = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing shard " + file);
        }
        throwIfFailed();
    }

    /** The writer thread: hashes and writes buffers in order until {@link #END}; after an error it only recycles. */
    private void drain() {
        while (true) {
            Chunk c;
            try {
                c = full.take();
            } catch (InterruptedException e) {
                // Nobody interrupts this private thread; should it happen, stop and say so.
                failure = new InterruptedIOException("shard writer thread interrupted");
                return;
            }
            if (c == END) {
                return;
            }
            if (failure == null) {
                try {
                    hashAndWrite(c.bytes(), c.length());
                } catch (IOException | RuntimeException | Error e) {
                    failure = e;
                }
            }
            free.add(c.bytes());
        }
    }

    private void hashAndWrite(byte[] b, int len) throws IOException {
        sha256.update(b, 0, len);
        crc32c.update(b, 0, len);
        out.write(b, 0, len);
    }

    private void throwIfFailed() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** Stops the writer thread after what is queued, waiting for it even when interrupted. */
    private void stopWorker() {
        if (worker == null) {
            return;
        }
        full.add(END);
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        worker = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return bytes written so far */
    public long count() {
        return count;
    }

    /**
     * Writes what is buffered and closes the file; the checksums are final afterwards.
     *
     * @throws IOException from the file, including an error the writer thread met
     */
    public void finish() throws IOException {
        try {
            stopWorker();
            throwIfFailed();
            if (pos > 0) {
                hashAndWrite(buf, pos);
                pos = 0;
            }
        } finally {
            close();
        }
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

    /**
     * Closes the file without writing the current buffer (used when the shard is discarded); the writer thread, if
     * any, has ended when this returns. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            stopWorker();
            out.close();
        }
    }
}
