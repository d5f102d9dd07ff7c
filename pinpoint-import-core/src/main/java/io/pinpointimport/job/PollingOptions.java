package io.pinpointimport.job;

import io.pinpointimport.internal.ToStringBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a running job is checked ({@code GetImportJob}): exponential backoff with jitter.
 *
 * <p>The n-th check (n = 1, 2, ...) waits {@code min(initialDelay × multiplier^(n-1), maxDelay)} and then spreads
 * that base by ± {@code jitter} (uniformly). The cap applies to the base before the jitter, so that pollers that
 * have reached the cap still fire at spread-out times instead of in lockstep; a single delay can therefore be up to
 * {@code maxDelay × (1 + jitter)}. Defaults: first check after {@link #DEFAULT_INITIAL_DELAY 2 s}, factor
 * {@link #DEFAULT_MULTIPLIER 1.5}, cap {@link #DEFAULT_MAX_DELAY 30 s}, jitter {@link #DEFAULT_JITTER 50 %}.
 *
 * <pre>{@code
 * PollingOptions polling = PollingOptions.builder().initialDelay(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class PollingOptions {
    /** Default wait before the first check: 2 seconds. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    /** Default growth factor between checks: {@value}. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** Default cap on the (un-jittered) wait between checks: 30 seconds. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** Default jitter: each wait is spread by ± {@value} of its base. */
    public static final double DEFAULT_JITTER = 0.5;

    private static final PollingOptions DEFAULTS = builder().build();

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;

    private PollingOptions(Builder b) {
        this.initialDelay = positive(b.initialDelay, "initialDelay");
        this.maxDelay = positive(b.maxDelay, "maxDelay");
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
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    /** @return the defaults (2 s, × 1.5, cap 30 s, ± 50 %) */
    public static PollingOptions defaults() {
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

    /** @return the base wait before the first check */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return the growth factor between checks */
    public double multiplier() {
        return multiplier;
    }

    /** @return the cap on the base wait (jitter is applied after the cap) */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the jitter fraction: each wait lies in {@code base × [1 - jitter, 1 + jitter]} */
    public double jitter() {
        return jitter;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PollingOptions other)) {
            return false;
        }
        return initialDelay.equals(other.initialDelay) && multiplier == other.multiplier
                && maxDelay.equals(other.maxDelay) && jitter == other.jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialDelay, multiplier, maxDelay, jitter);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("PollingOptions")
                .add("initialDelay", initialDelay)
                .add("multiplier", multiplier)
                .add("maxDelay", maxDelay)
                .add("jitter", jitter)
                .build();
    }

    /** Builds {@link PollingOptions}. */
    public static final class Builder {
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double jitter = DEFAULT_JITTER;

        private Builder() {
        }

        private Builder(PollingOptions o) {
            this.initialDelay = o.initialDelay;
            this.multiplier = o.multiplier;
            this.maxDelay = o.maxDelay;
            this.jitter = o.jitter;
        }

        /**
         * @param initialDelay base wait before the first check; default 2 s
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        /**
         * @param multiplier growth factor, at least 1; default {@value PollingOptions#DEFAULT_MULTIPLIER}
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * @param maxDelay cap on the base wait; default 30 s
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * @param jitter fraction in [0, 1); default {@value PollingOptions#DEFAULT_JITTER}
         * @return this builder
         */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** @return the options */
        public PollingOptions build() {
            return new PollingOptions(this);
        }
    }
}
