package io.pinpointimport.s3.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.pinpointimport.job.RetryOptions;

/**
 * The waits between the store's attempts at one shard, as {@link RetryOptions} describes them: exponential from
 * the initial delay, capped first and randomised second. Resilience4j's {@code ofExponentialRandomBackoff} clamps
 * after adding the jitter, so every caller that reaches the cap waits exactly the cap and they fire together;
 * capping the base and then randomising keeps waits at the cap spread over {@code cap × [1 - j, 1 + j]}. No
 * promises: internal.
 */
public final class RetryDelays {
    private RetryDelays() {}

    /**
     * @param retry the retry options
     * @return retry number (1-based) to the wait before it, in milliseconds
     */
    public static IntervalFunction of(RetryOptions retry) {
        IntervalFunction base =
                IntervalFunction.ofExponentialBackoff(retry.initialDelay(), retry.multiplier(), retry.maxDelay());
        if (retry.jitter() == 0.0) {
            return base;
        }
        return attempt -> IntervalFunction.ofRandomized(base.apply(attempt), retry.jitter())
                .apply(1);
    }
}
