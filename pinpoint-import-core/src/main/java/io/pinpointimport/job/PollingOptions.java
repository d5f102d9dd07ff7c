package io.pinpointimport.job;

import io.pinpointimport.internal.ToStringBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a running job is checked ({@code GetImportJob}): the wait before the next check depends on the job's
 * <em>age</em> (time since the job was created), not on how many checks came before.
 *
 * <ul>
 *   <li>While the job is younger than {@link #earlyPeriod()} (default {@link #DEFAULT_EARLY_PERIOD 1 minute}), each
 *       wait is {@link #earlyInterval()} (default {@link #DEFAULT_EARLY_INTERVAL 5 s}) spread by ± {@link #jitter()},
 *       so that a short job is noticed soon after it ends.</li>
 *   <li>After that, each wait is {@link #ageFraction()} of the job's age (default
 *       {@link #DEFAULT_AGE_FRACTION 8 %}) spread by ± {@link #jitter()} (default {@link #DEFAULT_JITTER 15 %}), the
 *       spread band clipped to [{@link #minInterval()}, {@link #maxInterval()}] (defaults
 *       {@link #DEFAULT_MIN_INTERVAL 10 s} and {@link #DEFAULT_MAX_INTERVAL 60 s}). Once the age-based wait passes
 *       {@code maxInterval}, the band is {@code maxInterval × [1 - jitter, 1]}, so that long jobs still check at
 *       spread-out times instead of in lockstep. The jittered wait never leaves those bounds: two checks after the
 *       first minute are never closer than {@code minInterval}, and no wait is longer than {@code maxInterval}.</li>
 * </ul>
 *
 * <p>Why age: a job that ends at age {@code t} is noticed at most one wait late, and that wait was chosen at the last
 * check before {@code t}, when the job was younger. With waits of at most {@code ageFraction × (1 + jitter)} of the
 * age (9.2 % by default), the end of a job is noticed within 10 % of its length, while a long job costs few calls.
 * With the defaults: a job of 1 minute is noticed at most 5.75 s late (the first-minute waits are 4.25 to 5.75 s), a
 * job of 5 minutes within 9.2 %, a job of 20 minutes at most 60 s (5 %) late; after the first minute no two checks
 * are less than 10 s apart, and a job older than 12.5 minutes is checked every 51 to 60 s (at most 71 calls an hour).
 * Jobs that end between 1 minute and 100 s cannot have both: with checks at least 10 s apart, such a job can be
 * noticed up to 10 s late, more than 10 % of its length. Jobs shorter than {@code earlyInterval × (1 +
 * jitter) / 10 %} (57.5 s) are noticed within one early wait, which is more than 10 % of them.
 *
 * <p>The age counts from the moment the create call answered, for jobs this process created. For a job it did not
 * create (watched again after a resume, or adopted after a create whose answer was lost), the age counts from the
 * service's {@code CreationDate} as reported by the first answer about the job, but never from a moment later than
 * when watching started (a clock running behind the service's would otherwise make the age negative); when the
 * service reported no {@code CreationDate}, or one that is not an ISO 8601 date-time, it counts from the moment
 * watching started.
 *
 * <pre>{@code
 * PollingOptions polling = PollingOptions.builder().maxInterval(Duration.ofMinutes(2)).build();
 * }</pre>
 */
public final class PollingOptions {
    /** Default length of the first regime, during which checks come every {@link #earlyInterval()}: 1 minute. */
    public static final Duration DEFAULT_EARLY_PERIOD = Duration.ofMinutes(1);
    /** Default wait between checks during the {@link #earlyPeriod()} (before the jitter): 5 seconds. */
    public static final Duration DEFAULT_EARLY_INTERVAL = Duration.ofSeconds(5);
    /** Default wait after the early period, as a fraction of the job's age (before the jitter): {@value}. */
    public static final double DEFAULT_AGE_FRACTION = 0.08;
    /** Default shortest wait between two checks after the early period, jitter included: 10 seconds. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(10);
    /** Default longest wait between two checks, jitter included: 60 seconds. */
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(60);
    /** Default jitter: each wait is drawn uniformly from ± {@value} of its base (kept inside the bounds). */
    public static final double DEFAULT_JITTER = 0.15;

    private static final PollingOptions DEFAULTS = builder().build();

    private final Duration earlyPeriod;
    private final Duration earlyInterval;
    private final double ageFraction;
    private final Duration minInterval;
    private final Duration maxInterval;
    private final double jitter;

    private PollingOptions(Builder b) {
        Objects.requireNonNull(b.earlyPeriod, "earlyPeriod");
        if (b.earlyPeriod.isNegative()) {
            throw new IllegalArgumentException("earlyPeriod must be zero or positive, was " + b.earlyPeriod);
        }
        this.earlyPeriod = b.earlyPeriod;
        this.earlyInterval = positive(b.earlyInterval, "earlyInterval");
        this.minInterval = positive(b.minInterval, "minInterval");
        this.maxInterval = positive(b.maxInterval, "maxInterval");
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxInterval (" + maxInterval + ") must be >= minInterval (" + minInterval + ")");
        }
        if (maxInterval.compareTo(earlyInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxInterval (" + maxInterval + ") must be >= earlyInterval (" + earlyInterval + ")");
        }
        if (!(b.ageFraction > 0.0 && b.ageFraction <= 1.0)) {
            throw new IllegalArgumentException("ageFraction must be in (0, 1], was " + b.ageFraction);
        }
        if (!(b.jitter >= 0.0 && b.jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + b.jitter);
        }
        this.ageFraction = b.ageFraction;
        this.jitter = b.jitter;
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    /**
     * @return the defaults: every 5 s ± 15 % for the first minute, then 8 % of the job's age ± 15 %, kept within
     *         10 s to 60 s
     */
    public static PollingOptions ofDefaults() {
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

    /** @return how long, from the job's creation, checks come every {@link #earlyInterval()} */
    public Duration earlyPeriod() {
        return earlyPeriod;
    }

    /** @return the base wait between checks during the {@link #earlyPeriod()} */
    public Duration earlyInterval() {
        return earlyInterval;
    }

    /** @return the base wait after the early period, as a fraction of the job's age */
    public double ageFraction() {
        return ageFraction;
    }

    /** @return the shortest wait between checks after the early period, jitter included */
    public Duration minInterval() {
        return minInterval;
    }

    /** @return the longest wait between checks, jitter included */
    public Duration maxInterval() {
        return maxInterval;
    }

    /** @return the jitter fraction: each wait is drawn from {@code base × [1 - jitter, 1 + jitter]}, within bounds */
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
        return earlyPeriod.equals(other.earlyPeriod)
                && earlyInterval.equals(other.earlyInterval)
                && ageFraction == other.ageFraction
                && minInterval.equals(other.minInterval)
                && maxInterval.equals(other.maxInterval)
                && jitter == other.jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(earlyPeriod, earlyInterval, ageFraction, minInterval, maxInterval, jitter);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("PollingOptions")
                .add("earlyPeriod", earlyPeriod)
                .add("earlyInterval", earlyInterval)
                .add("ageFraction", ageFraction)
                .add("minInterval", minInterval)
                .add("maxInterval", maxInterval)
                .add("jitter", jitter)
                .build();
    }

    /** Builds {@link PollingOptions}. */
    public static final class Builder {
        private Duration earlyPeriod = DEFAULT_EARLY_PERIOD;
        private Duration earlyInterval = DEFAULT_EARLY_INTERVAL;
        private double ageFraction = DEFAULT_AGE_FRACTION;
        private Duration minInterval = DEFAULT_MIN_INTERVAL;
        private Duration maxInterval = DEFAULT_MAX_INTERVAL;
        private double jitter = DEFAULT_JITTER;

        private Builder() {}

        private Builder(PollingOptions o) {
            this.earlyPeriod = o.earlyPeriod;
            this.earlyInterval = o.earlyInterval;
            this.ageFraction = o.ageFraction;
            this.minInterval = o.minInterval;
            this.maxInterval = o.maxInterval;
            this.jitter = o.jitter;
        }

        /**
         * @param earlyPeriod how long, from the job's creation, checks come every {@code earlyInterval}; zero or
         *        positive (zero: age-based from the start); default 1 minute
         * @return this builder
         */
        public Builder earlyPeriod(Duration earlyPeriod) {
            this.earlyPeriod = earlyPeriod;
            return this;
        }

        /**
         * @param earlyInterval base wait between checks during the early period, positive, at most
         *        {@code maxInterval}; not bound by {@code minInterval}; default 5 s
         * @return this builder
         */
        public Builder earlyInterval(Duration earlyInterval) {
            this.earlyInterval = earlyInterval;
            return this;
        }

        /**
         * @param ageFraction base wait after the early period as a fraction of the job's age, in (0, 1]; default
         *        {@value PollingOptions#DEFAULT_AGE_FRACTION}
         * @return this builder
         */
        public Builder ageFraction(double ageFraction) {
            this.ageFraction = ageFraction;
            return this;
        }

        /**
         * @param minInterval shortest wait between checks after the early period, jitter included, positive, at
         *        most {@code maxInterval}; default 10 s
         * @return this builder
         */
        public Builder minInterval(Duration minInterval) {
            this.minInterval = minInterval;
            return this;
        }

        /**
         * @param maxInterval longest wait between checks, jitter included; at least {@code minInterval} and
         *        {@code earlyInterval}; default 60 s
         * @return this builder
         */
        public Builder maxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
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

        /**
         * @return the options
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public PollingOptions build() {
            return new PollingOptions(this);
        }
    }
}
