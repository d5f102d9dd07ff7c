package io.pinpointimport.internal.validation;

/** A fixed number of slots of two longs each, all zero at first. Not thread-safe. */
interface Slots extends AutoCloseable {
    /** @return how many slots */
    long capacity();

    /**
     * @param slot 0 to {@link #capacity()} - 1
     * @return the slot's first long
     */
    long hi(long slot);

    /**
     * @param slot 0 to {@link #capacity()} - 1
     * @return the slot's second long
     */
    long lo(long slot);

    /**
     * @param slot 0 to {@link #capacity()} - 1
     * @param hi the first long
     * @param lo the second long
     */
    void set(long slot, long hi, long lo);

    /** @return whether the slots live in a memory-mapped file rather than the heap */
    boolean mapped();

    /** Gives the memory (and the file) back; the slots must not be used afterwards. */
    @Override
    void close();
}
