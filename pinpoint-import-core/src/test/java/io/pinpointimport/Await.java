package io.pinpointimport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Deadline-based waiting for tests: poll a condition, never a fixed sleep. */
public final class Await {
    private Await() {}

    /**
     * Waits until the condition holds, failing at the deadline.
     *
     * @param timeout the deadline
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /**
     * Checks that the condition holds throughout a window, failing as soon as it does not.
     *
     * @param window how long to watch
     * @param what what must stay true, for the failure message
     * @param condition the condition
     */
    public static void holdsFor(Duration window, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("Stopped holding: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("Stopped holding: " + what);
        }
    }
}
