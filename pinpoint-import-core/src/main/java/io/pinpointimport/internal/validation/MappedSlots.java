package io.pinpointimport.internal.validation;

import io.pinpointimport.ImportException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Slots in a temporary file mapped into memory, in segments of at most 1 GiB (a {@link MappedByteBuffer} is indexed
 * by int). The file is sparse: pages are allocated as slots are written. It is opened with
 * {@link StandardOpenOption#DELETE_ON_CLOSE} and the channel closed once mapped, so on Linux and macOS the file has
 * no name from the start (nothing is left behind even if the JVM is killed) and its blocks are freed when the
 * mapping goes; {@link #close()} unmaps at once where the JVM allows it (else the garbage collector does it later)
 * and deletes the file if it still has a name.
 */
final class MappedSlots implements Slots {
    static final int SLOT_BYTES = 16;
    /** Slots per segment: 2^26 slots of 16 bytes, 1 GiB. */
    private static final int SEGMENT_SHIFT = 26;

    private static final long SEGMENT_MASK = (1L << SEGMENT_SHIFT) - 1;
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        // sun.misc.Unsafe.invokeCleaner is the only way to unmap before the buffer is collected (JDK-4724038); when
        // it is not reachable, the collector unmaps later, and that is still correct.
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unsafe = null;
            invokeCleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    private final long capacity;
    private final Path file;
    private MappedByteBuffer[] segments;

    MappedSlots(Path directory, long capacity) {
        this.capacity = capacity;
        long segmentCount = (capacity + SEGMENT_MASK) >>> SEGMENT_SHIFT;
        Path created = null;
        try {
            Files.createDirectories(directory);
            created = Files.createTempFile(directory, "pinpoint-import-run-", ".state");
            this.file = created;
            MappedByteBuffer[] mapped = new MappedByteBuffer[Math.toIntExact(segmentCount)];
            try (FileChannel channel = FileChannel.open(
                    created, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
                for (int s = 0; s < mapped.length; s++) {
                    long first = (long) s << SEGMENT_SHIFT;
                    long slots = Math.min(capacity - first, 1L << SEGMENT_SHIFT);
                    mapped[s] = channel.map(FileChannel.MapMode.READ_WRITE, first * SLOT_BYTES, slots * SLOT_BYTES);
                }
            }
            this.segments = mapped;
        } catch (IOException | RuntimeException e) {
            if (created != null) {
                try {
                    Files.deleteIfExists(created);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new ImportException(
                    "Cannot map the run validator's state (" + capacity * SLOT_BYTES + " bytes) to a temporary file in "
                            + directory + ": " + e,
                    e);
        }
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long hi(long slot) {
        return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong((int) (slot & SEGMENT_MASK) * SLOT_BYTES);
    }

    @Override
    public long lo(long slot) {
        return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong((int) (slot & SEGMENT_MASK) * SLOT_BYTES + 8);
    }

    @Override
    public void set(long slot, long hi, long lo) {
        MappedByteBuffer segment = segments[(int) (slot >>> SEGMENT_SHIFT)];
        int offset = (int) (slot & SEGMENT_MASK) * SLOT_BYTES;
        segment.putLong(offset, hi);
        segment.putLong(offset + 8, lo);
    }

    @Override
    public boolean mapped() {
        return true;
    }

    /** @return the file's path (on Linux and macOS it has no directory entry any more) */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        MappedByteBuffer[] mapped = segments;
        segments = null;
        if (mapped != null && INVOKE_CLEANER != null) {
            for (MappedByteBuffer segment : mapped) {
                try {
                    INVOKE_CLEANER.invoke(UNSAFE, segment);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // left to the garbage collector
                }
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // on systems that keep the name until the mapping goes; DELETE_ON_CLOSE already asked for deletion
        }
    }
}
