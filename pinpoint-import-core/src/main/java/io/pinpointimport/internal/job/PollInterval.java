package io.pinpointimport.internal.job;

import io.pinpointimport.job.PollingOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next check of a job, from the job's age, as {@link PollingOptions} describes it. The one
 * function {@code JobEngine} uses and the polling benchmarks replay. No promises: internal.
 */
public final class PollInterval {
    private final long earlyPeriodMs;
    private final long earlyIntervalMs;
    private final double ageFraction;
    private final long minMs;
    private final long maxMs;
    private final double jitter;
    private final DoubleSupplier random;

    private PollInterval(PollingOptions polling, DoubleSupplier random) {
        this.earlyPeriodMs = polling.earlyPeriod().toMillis();
        this.earlyIntervalMs = polling.earlyInterval().toMillis();
        this.ageFraction = polling.ageFraction();
        // Sub-millisecond settings still wait at least 1 ms: the scheduler works in milliseconds.
        this.minMs = Math.max(1, polling.minInterval().toMillis());
        this.maxMs = Math.max(minMs, polling.maxInterval().toMillis());
        this.jitter = polling.jitter();
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param polling the options
     * @return the function, drawing its jitter from {@link ThreadLocalRandom}
     */
    public static PollInterval of(PollingOptions polling) {
        return new PollInterval(polling, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param polling the options
     * @param random uniform draws in [0, 1), for example a seeded generator's
     * @return the function, drawing its jitter from {@code random}
     */
    public static PollInterval of(PollingOptions polling, DoubleSupplier random) {
        return new PollInterval(polling, random);
    }

    /**
     * @param age the job's age now (negative counts as zero)
     * @return the wait before the next check, in milliseconds, at least 1
     */
    public long waitMillis(Duration age) {
        return waitMillis(age.toMillis());
    }

    /**
     * @param ageMs the job's age now in milliseconds (negative counts as zero)
     * @return the wait before the next check, in milliseconds, at least 1
     */
    public long waitMillis(long ageMs) {
        long[] band = band(ageMs);
        if (band[0] == band[1]) {
            return band[0];
        }
        double u = random.getAsDouble();
        return band[0] + Math.min(band[1] - band[0], (long) Math.floor(u * (band[1] - band[0] + 1)));
    }

    /**
     * The band a wait is drawn from, uniformly, bounds included.
     *
     * @param ageMs the job's age in milliseconds (negative counts as zero)
     * @return {@code {shortest, longest}} wait in milliseconds
     */
    public long[] band(long ageMs) {
        long age = Math.max(0, ageMs);
        if (age < earlyPeriodMs) {
            long lo = Math.max(1, Math.round(earlyIntervalMs * (1 - jitter)));
            long hi = Math.max(lo, Math.min(maxMs, Math.round(earlyIntervalMs * (1 + jitter))));
            return new long[] {Math.min(lo, hi), hi};
        }
        double base = ageFraction * age;
        // The lower end follows the capped base, so that waits at the cap stay spread over cap × [1 - jitter, 1]
        // instead of all landing on the cap; the upper end is clipped, so that no wait passes it.
        long lo = clamp(Math.round(Math.min(base, maxMs) * (1 - jitter)));
        long hi = clamp(Math.round(base * (1 + jitter)));
        return new long[] {lo, hi};
    }

    private long clamp(long ms) {
        return Math.max(minMs, Math.min(maxMs, ms));
    }
}
