package io.pinpointimport.internal.job;

import io.github.resilience4j.core.IntervalFunction;
import io.pinpointimport.job.RetryOptions;
import java.time.Duration;

/** Interval functions for retries (polling waits are {@link PollInterval}'s). No promises: internal. */
public final class Backoff {
    private Backoff() {}

    /**
     * Exponential backoff capped first, randomised second. Resilience4j's {@code ofExponentialRandomBackoff} clamps
     * after adding the jitter, so every caller that reaches the cap waits exactly the cap and they fire together;
     * capping the base and then randomising keeps waits at the cap spread over {@code cap × [1 - j, 1 + j]}.
     *
     * @param initial the first wait
     * @param multiplier growth per attempt
     * @param max cap on the base
     * @param jitter randomisation factor in [0, 1)
     * @return attempt (1-based) to wait in milliseconds
     */
    public static IntervalFunction cappedThenJittered(
            Duration initial, double multiplier, Duration max, double jitter) {
        IntervalFunction base = IntervalFunction.ofExponentialBackoff(initial, multiplier, max);
        if (jitter == 0.0) {
            return base;
        }
        return attempt ->
                IntervalFunction.ofRandomized(base.apply(attempt), jitter).apply(1);
    }

    /**
     * @param retry the retry options
     * @return retry number (1-based) to wait before it, in milliseconds
     */
    public static IntervalFunction retry(RetryOptions retry) {
        return attempt -> retry.delayBefore(attempt).toMillis();
    }

    /**
     * @param retry the retry options
     * @return a fixed, jittered wait for quota refusals
     */
    public static IntervalFunction quota(RetryOptions retry) {
        return cappedThenJittered(retry.quotaRetryDelay(), 1.0, retry.quotaRetryDelay(), retry.jitter());
    }
}
