package io.pinpointimport.job;

import io.github.resilience4j.core.IntervalFunction;
import io.pinpointimport.internal.ToStringBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How calls to the import target are retried: throttling ({@code TooManyRequestsException}), server errors (5xx)
 * and I/O errors are retried with exponential backoff and jitter; other client errors (4xx) are not.
 *
 * <p>These retries replace the SDK's own for the import calls: the library switches the SDK's automatic retries
 * off for {@code CreateImportJob}, {@code GetImportJob} and {@code GetImportJobs} (per request, the caller's client
 * is left as it is), so a call is sent at most {@link #maxAttempts()} times in all. A create is never repeated
 * blindly: before a create that may have reached the service is tried again, the application's jobs are listed and
 * a job for the same {@code S3Url} is adopted instead.
 *
 * <p>A create refused because the account's active-job quota is full is not an error of the run: it is tried again
 * every {@link #quotaRetryDelay()} (with jitter) until it is accepted or the job's timeout ends it; those waits do
 * not count against {@link #maxAttempts()}.
 *
 * <p>Defaults: {@link #DEFAULT_MAX_ATTEMPTS 5 attempts}, first wait {@link #DEFAULT_INITIAL_DELAY 500 ms}, factor
 * {@link #DEFAULT_MULTIPLIER 2}, cap {@link #DEFAULT_MAX_DELAY 20 s}, jitter {@link #DEFAULT_JITTER 50 %}, quota
 * wait {@link #DEFAULT_QUOTA_RETRY_DELAY 30 s}, per-attempt timeout {@link #DEFAULT_ATTEMPT_TIMEOUT 30 s}.
 */
public final class RetryOptions {
    /** Default number of attempts per call, the first included: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default base wait before the second attempt: 500 ms. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
    /** Default growth factor between attempts: {@value}. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default cap on the base wait between attempts: 20 seconds. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(20);
    /** Default jitter: each wait is spread by ± {@value} of its base. */
    public static final double DEFAULT_JITTER = 0.5;
    /** Default base wait before a create refused for the active-job quota is tried again: 30 seconds. */
    public static final Duration DEFAULT_QUOTA_RETRY_DELAY = Duration.ofSeconds(30);
    /** Default time one HTTP attempt may take before it counts as an I/O error: 30 seconds. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private static final RetryOptions DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration quotaRetryDelay;
    private final Duration attemptTimeout;

    private RetryOptions(Builder b) {
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = PollingOptions.positive(b.initialDelay, "initialDelay");
        this.maxDelay = PollingOptions.positive(b.maxDelay, "maxDelay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= initialDelay");
        }
        if (!(b.multiplier >= 1.0) || Double.isInfinite(b.multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + b.multiplier);
        }
        if (!(b.jitter >= 0.0 && b.jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + b.jitter);
        }
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.quotaRetryDelay = PollingOptions.positive(b.quotaRetryDelay, "quotaRetryDelay");
        this.attemptTimeout =
                b.attemptTimeout == null ? null : PollingOptions.positive(b.attemptTimeout, "attemptTimeout");
    }

    /** @return the defaults */
    public static RetryOptions ofDefaults() {
        return DEFAULTS;
    }

    /** @return a new builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return attempts per call, the first included; 1 means no retry */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return base wait before the second attempt */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return growth factor between attempts */
    public double multiplier() {
        return multiplier;
    }

    /** @return cap on the base wait (jitter is applied after the cap) */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the jitter fraction */
    public double jitter() {
        return jitter;
    }

    /** @return base wait before a create refused for the active-job quota is tried again */
    public Duration quotaRetryDelay() {
        return quotaRetryDelay;
    }

    /** @return the timeout of one HTTP attempt, or empty to keep the client's own setting */
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /**
     * The wait before a retry, as the library waits between attempts of a call: {@link #initialDelay()} times
     * {@link #multiplier()} to the power {@code retry - 1}, capped at {@link #maxDelay()}, then randomised by
     * {@link #jitter()} (so two calls waiting at the cap do not fire together).
     *
     * @param retry which retry, from 1 (the wait before the second attempt)
     * @return the wait; a new random draw on each call when {@link #jitter()} is not zero
     */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        // capped first, randomised second: Resilience4j's ofExponentialRandomBackoff clamps after the jitter, so
        // every call at the cap would wait exactly the cap and fire together
        long capped = IntervalFunction.ofExponentialBackoff(initialDelay, multiplier, maxDelay)
                .apply(retry);
        return Duration.ofMillis(
                jitter == 0.0
                        ? capped
                        : IntervalFunction.ofRandomized(capped, jitter).apply(1));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetryOptions other)) {
            return false;
        }
        return maxAttempts == other.maxAttempts
                && initialDelay.equals(other.initialDelay)
                && multiplier == other.multiplier
                && maxDelay.equals(other.maxDelay)
                && jitter == other.jitter
                && quotaRetryDelay.equals(other.quotaRetryDelay)
                && Objects.equals(attemptTimeout, other.attemptTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialDelay, multiplier, maxDelay, jitter, quotaRetryDelay, attemptTimeout);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("RetryOptions")
                .add("maxAttempts", maxAttempts)
                .add("initialDelay", initialDelay)
                .add("multiplier", multiplier)
                .add("maxDelay", maxDelay)
                .add("jitter", jitter)
                .add("quotaRetryDelay", quotaRetryDelay)
                .add("attemptTimeout", attemptTimeout)
                .build();
    }

    /** Builds {@link RetryOptions}. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double jitter = DEFAULT_JITTER;
        private Duration quotaRetryDelay = DEFAULT_QUOTA_RETRY_DELAY;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;

        private Builder() {}

        private Builder(RetryOptions o) {
            this.maxAttempts = o.maxAttempts;
            this.initialDelay = o.initialDelay;
            this.multiplier = o.multiplier;
            this.maxDelay = o.maxDelay;
            this.jitter = o.jitter;
            this.quotaRetryDelay = o.quotaRetryDelay;
            this.attemptTimeout = o.attemptTimeout;
        }

        /**
         * @param maxAttempts attempts per call, the first included; default {@value RetryOptions#DEFAULT_MAX_ATTEMPTS}
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param initialDelay base wait before the second attempt; default 500 ms
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        /**
         * @param multiplier growth factor, at least 1; default {@value RetryOptions#DEFAULT_MULTIPLIER}
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * @param maxDelay cap on the base wait; default 20 s
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * @param jitter fraction in [0, 1); default {@value RetryOptions#DEFAULT_JITTER}
         * @return this builder
         */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /**
         * @param quotaRetryDelay base wait before a quota-refused create is tried again; default 30 s
         * @return this builder
         */
        public Builder quotaRetryDelay(Duration quotaRetryDelay) {
            this.quotaRetryDelay = quotaRetryDelay;
            return this;
        }

        /**
         * @param attemptTimeout timeout of one HTTP attempt, or null to keep the client's; default 30 s
         * @return this builder
         */
        public Builder attemptTimeout(@Nullable Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /** @return the options */
        public RetryOptions build() {
            return new RetryOptions(this);
        }
    }
}
