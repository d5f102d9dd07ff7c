package io.pinpointimport.internal.validation;

/** Slots in one {@code long[]}: no object per entry. */
final class HeapSlots implements Slots {
    private long[] longs;

    HeapSlots(int capacity) {
        this.longs = new long[Math.multiplyExact(capacity, 2)];
    }

    @Override
    public long capacity() {
        return longs.length / 2;
    }

    @Override
    public long hi(long slot) {
        return longs[(int) (slot * 2)];
    }

    @Override
    public long lo(long slot) {
        return longs[(int) (slot * 2 + 1)];
    }

    @Override
    public void set(long slot, long hi, long lo) {
        int i = (int) (slot * 2);
        longs[i] = hi;
        longs[i + 1] = lo;
    }

    @Override
    public boolean mapped() {
        return false;
    }

    @Override
    public void close() {
        longs = null;
    }
}
