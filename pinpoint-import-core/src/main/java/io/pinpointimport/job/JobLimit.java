package io.pinpointimport.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The most import jobs allowed to run at once, shared by everything that holds the same instance: give one
 * {@code JobLimit} to several importers in a JVM and together they stay within it.
 *
 * <p>A job holds a slot ({@link Permit}) from just before its {@code CreateImportJob} until the job ends
 * ({@code COMPLETED}, {@code FAILED}, timed out or cancelled). Waiting for a slot holds no thread:
 * {@link #acquire()} returns a future that completes, first come first served, when a slot is free. Cancelling
 * that future gives up the place in the queue.
 *
 * <p>Default: {@value #DEFAULT_MAX_RUNNING} (the "Import endpoints" page of the Pinpoint guide says two concurrent
 * import jobs per account; the current quota table allows 10 active jobs, so raise it if your account's quota
 * allows). The service's quota is per account, so processes outside this JVM also count against it: a create the
 * service refuses for the quota is tried again later (see {@link RetryOptions#quotaRetryDelay()}).
 *
 * <pre>{@code
 * JobLimit shared = JobLimit.of(4);
 * EndpointImporter a = EndpointImporter.builder().jobLimit(shared)...build();
 * EndpointImporter b = EndpointImporter.builder().jobLimit(shared)...build();
 * }</pre>
 */
public final class JobLimit {
    /** Default number of jobs running at once: {@value}. */
    public static final int DEFAULT_MAX_RUNNING = 2;

    private final int maxRunning;
    private final Object lock = new Object();
    private final Deque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
    private int running;

    private JobLimit(int maxRunning) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("maxRunning must be >= 1, was " + maxRunning);
        }
        this.maxRunning = maxRunning;
    }

    /**
     * @param maxRunning the most jobs running at once, at least 1
     * @return a new limit
     */
    public static JobLimit of(int maxRunning) {
        return new JobLimit(maxRunning);
    }

    /** @return a new limit of {@value #DEFAULT_MAX_RUNNING} */
    public static JobLimit ofDefaults() {
        return new JobLimit(DEFAULT_MAX_RUNNING);
    }

    /** @return the most jobs running at once */
    public int maxRunning() {
        return maxRunning;
    }

    /** @return slots held right now */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** @return requests waiting for a slot right now */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /**
     * Asks for a slot. The future completes (on the thread that freed the slot, or at once) when one is free;
     * cancel it to leave the queue. The permit must be {@link Permit#release() released} when the job ends.
     *
     * @return completes with the permit
     */
    public CompletableFuture<Permit> acquire() {
        CompletableFuture<Permit> ticket;
        synchronized (lock) {
            if (running < maxRunning && waiting.isEmpty()) {
                running++;
                return CompletableFuture.completedFuture(new Permit());
            }
            ticket = new CompletableFuture<>();
            waiting.addLast(ticket);
        }
        ticket.whenComplete((p, t) -> {
            if (t != null) {
                synchronized (lock) {
                    waiting.remove(ticket);
                }
            }
        });
        return ticket;
    }

    private void release() {
        while (true) {
            CompletableFuture<Permit> next;
            synchronized (lock) {
                next = waiting.pollFirst();
                if (next == null) {
                    running--;
                    return;
                }
            }
            // Completed outside the lock: the waiter's continuation may start a job right here.
            if (next.complete(new Permit())) {
                return;
            }
            // That waiter was cancelled in the meantime: hand the slot to the next one.
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "JobLimit{maxRunning=" + maxRunning + ", running=" + running + ", waiting=" + waiting.size() + "}";
        }
    }

    /** One held slot of a {@link JobLimit}. */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {}

        /** Gives the slot back; calling it again does nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                JobLimit.this.release();
            }
        }

        /** @return whether {@link #release()} was called */
        public boolean isReleased() {
            return released.get();
        }
    }
}
