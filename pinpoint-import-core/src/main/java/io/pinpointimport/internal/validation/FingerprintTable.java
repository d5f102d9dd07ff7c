package io.pinpointimport.internal.validation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An open-addressing hash table (linear probing) of 128-bit {@link Fingerprint}s, either a set or a counter per
 * fingerprint, in slots of two longs: no object per entry. The table doubles (rehashing into new slots) when it is 70
 * % full. Slots stay in a {@code long[]} while the table fits the heap budget; past it they move to a memory-mapped
 * temporary file ({@link MappedSlots}), so the heap stays flat however many entries there are and the operating
 * system's page cache holds the table. Not thread-safe; {@link #close()} gives the memory and the file back.
 *
 * <p>A counter keeps its count (1 to {@value #MAX_COUNT}) in the low 8 bits of the fingerprint's second half: its
 * keys are 120 bits. A set keeps all 128 bits.
 */
public final class FingerprintTable implements AutoCloseable {
    /** The highest count a counter holds; increments beyond it are ignored. */
    public static final int MAX_COUNT = 255;
    /** Slots of a new table. */
    static final int INITIAL_CAPACITY = 1024;

    private static final long COUNT_MASK = 0xFFL;

    private final Path directory;
    private final long heapBudgetBytes;
    private final boolean counter;
    private Slots slots;
    private long size;
    private long growAt;
    // The last lookup, for the run validator's look-then-change calls on one key (count, then increment; contains,
    // then add): the second probe is free. Forgotten at every insertion, which may move slots.
    private boolean lastValid;
    private long lastHi;
    private long lastKey;
    private long lastSlot;

    private FingerprintTable(Path directory, long heapBudgetBytes, boolean counter) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.heapBudgetBytes = heapBudgetBytes;
        this.counter = counter;
        this.slots = newSlots(INITIAL_CAPACITY);
        this.growAt = growAt(INITIAL_CAPACITY);
    }

    /**
     * @param directory where a temporary file is made once the table outgrows the heap budget
     * @param heapBudgetBytes the most bytes of slots kept in the heap
     * @return an empty set
     */
    public static FingerprintTable newSet(Path directory, long heapBudgetBytes) {
        return new FingerprintTable(directory, heapBudgetBytes, false);
    }

    /**
     * @param directory where a temporary file is made once the table outgrows the heap budget
     * @param heapBudgetBytes the most bytes of slots kept in the heap
     * @return an empty counter
     */
    public static FingerprintTable newCounter(Path directory, long heapBudgetBytes) {
        return new FingerprintTable(directory, heapBudgetBytes, true);
    }

    /**
     * @param f a fingerprint
     * @return whether this set holds it
     */
    public boolean contains(Fingerprint f) {
        requireKind(false);
        return find(f.hi(), setKey(f)) >= 0;
    }

    /**
     * @param f a fingerprint
     * @return true when it was added, false when this set held it already
     */
    public boolean add(Fingerprint f) {
        requireKind(false);
        long key = setKey(f);
        long slot = find(f.hi(), key);
        if (slot >= 0) {
            return false;
        }
        insert(-slot - 1, f.hi(), key);
        return true;
    }

    /**
     * @param f a fingerprint
     * @return this counter's count for it, 0 when it has none
     */
    public int count(Fingerprint f) {
        requireKind(true);
        long slot = find(f.hi(), counterKey(f));
        return slot < 0 ? 0 : (int) (slots.lo(slot) & COUNT_MASK);
    }

    /**
     * Adds one to a fingerprint's count, up to {@link #MAX_COUNT}.
     *
     * @param f a fingerprint
     * @return the new count
     */
    public int increment(Fingerprint f) {
        requireKind(true);
        long key = counterKey(f);
        long slot = find(f.hi(), key);
        if (slot < 0) {
            insert(-slot - 1, f.hi(), key | 1);
            return 1;
        }
        long lo = slots.lo(slot);
        int count = (int) (lo & COUNT_MASK);
        if (count < MAX_COUNT) {
            count++;
            slots.set(slot, f.hi(), key | count);
        }
        return count;
    }

    /** @return how many fingerprints the table holds */
    public long size() {
        return size;
    }

    /** @return how many slots the table has; 0 once closed */
    public long capacity() {
        return slots == null ? 0 : slots.capacity();
    }

    /** @return whether the slots moved to a memory-mapped file; false once closed */
    public boolean spilled() {
        return slots != null && slots.mapped();
    }

    /** Gives the slots back (and deletes the file, if any); the table must not be used afterwards. */
    @Override
    public void close() {
        lastValid = false;
        if (slots != null) {
            slots.close();
            slots = null;
        }
    }

    @Override
    public String toString() {
        return "FingerprintTable[" + (counter ? "counter" : "set") + ", size=" + size + ", capacity="
                + (slots == null ? "closed" : slots.capacity() + (slots.mapped() ? ", mapped" : ", heap")) + "]";
    }

    // The empty slot is all zeros, so no key may be: the one fingerprint that would be is moved to another, which
    // adds nothing measurable to the chance of a false merge.
    private static long setKey(Fingerprint f) {
        return f.hi() == 0 && f.lo() == 0 ? 1 : f.lo();
    }

    private static long counterKey(Fingerprint f) {
        long key = f.lo() & ~COUNT_MASK;
        return f.hi() == 0 && key == 0 ? COUNT_MASK + 1 : key;
    }

    private void requireKind(boolean wantCounter) {
        if (slots == null) {
            throw new IllegalStateException("The table is closed");
        }
        if (counter != wantCounter) {
            throw new IllegalStateException("This table is a " + (counter ? "counter" : "set"));
        }
    }

    /** @return the slot holding the key, or -(the empty slot where it would go) - 1 */
    private long find(long hi, long key) {
        if (lastValid && lastHi == hi && lastKey == key) {
            return lastSlot;
        }
        long slot = probe(hi, key);
        lastValid = true;
        lastHi = hi;
        lastKey = key;
        lastSlot = slot;
        return slot;
    }

    private long probe(long hi, long key) {
        long mask = slots.capacity() - 1;
        long keyMask = counter ? ~COUNT_MASK : -1L;
        long slot = hi & mask;
        while (true) {
            long h = slots.hi(slot);
            long l = slots.lo(slot);
            if (h == 0 && l == 0) {
                return -slot - 1;
            }
            if (h == hi && (l & keyMask) == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void insert(long emptySlot, long hi, long lo) {
        lastValid = false;
        if (size + 1 > growAt) {
            grow();
            emptySlot = -probe(hi, counter ? lo & ~COUNT_MASK : lo) - 1;
        }
        slots.set(emptySlot, hi, lo);
        size++;
    }

    private void grow() {
        long capacity = Math.multiplyExact(slots.capacity(), 2);
        Slots old = slots;
        Slots grown = newSlots(capacity);
        long mask = capacity - 1;
        try {
            for (long s = 0, n = old.capacity(); s < n; s++) {
                long h = old.hi(s);
                long l = old.lo(s);
                if (h == 0 && l == 0) {
                    continue;
                }
                long slot = h & mask;
                while (grown.hi(slot) != 0 || grown.lo(slot) != 0) {
                    slot = (slot + 1) & mask;
                }
                grown.set(slot, h, l);
            }
        } catch (RuntimeException | Error e) {
            grown.close();
            throw e;
        }
        slots = grown;
        growAt = growAt(capacity);
        old.close();
    }

    private Slots newSlots(long capacity) {
        if (capacity * MappedSlots.SLOT_BYTES <= heapBudgetBytes && capacity <= Integer.MAX_VALUE / 2) {
            return new HeapSlots((int) capacity);
        }
        return new MappedSlots(directory, capacity);
    }

    private static long growAt(long capacity) {
        return capacity / 10 * 7;
    }
}
