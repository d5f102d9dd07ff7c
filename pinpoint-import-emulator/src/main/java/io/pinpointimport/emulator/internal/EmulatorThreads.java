package io.pinpointimport.emulator.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The job scheduler every service emulator runs: two daemon threads, cancelled tasks removed at once. */
public final class EmulatorThreads {

    private EmulatorThreads() {}

    /**
     * @param emulatorName names the threads, e.g. {@code pinpoint-emulator} gives {@code pinpoint-emulator-jobs-1}
     * @return a new scheduler; stop it with {@link #stop}
     */
    public static ScheduledExecutorService jobScheduler(String emulatorName) {
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread thread = new Thread(r, emulatorName + "-jobs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /**
     * Stops a scheduler and waits up to 5 s for its threads.
     *
     * @param scheduler the scheduler to stop
     */
    public static void stop(ScheduledExecutorService scheduler) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
