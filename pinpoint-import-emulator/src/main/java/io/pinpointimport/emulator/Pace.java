package io.pinpointimport.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast emulated import jobs move through their states. A job's whole outcome (rows read, failures, endpoints
 * stored) is worked out when it starts; the pace only decides when each state becomes visible.
 *
 * <p>The states shown are {@code CREATED → INITIALIZING → PROCESSING → COMPLETING → COMPLETED}, or
 * {@code … → FAILING → FAILED}; a job queued behind the active-job quota shows {@code PENDING_JOB} first.
 * {@code TotalPieces}, {@code CompletedPieces} and {@code TotalProcessed} grow from state to state.
 *
 * <ul>
 *   <li>{@link #instant()} (the default): {@code CreateImportJob} answers {@code CREATED}; the job has reached its
 *       final state by the first {@code GetImportJob}. Fastest for tests; with it the active-job quota never fills.</li>
 *   <li>{@link #steps()}: every {@code GetImportJob} call of a job moves it one state on (before answering), so a
 *       test sees each state in turn and decides exactly when a job finishes. {@code GetImportJobs} does not move
 *       jobs.</li>
 *   <li>{@link #timed(Duration)}: the job moves one state on per interval, driven by a scheduler, whether or not
 *       anyone asks; for polling tests and for the standalone emulator. {@link #realTime()} uses
 *       {@link #REAL_TIME_STEP}, so a small job takes about as long as on AWS (about 10 s);
 *       {@link #speed(double)} scales that.</li>
 * </ul>
 */
public final class Pace {

    /** Time per state in {@link #realTime()}: {@code 2.5 s}, so a job finishes about 10 s after creation. */
    public static final Duration REAL_TIME_STEP = Duration.ofMillis(2500);

    /** The kind of pace. */
    public enum Kind {
        /** Final state by the first {@code GetImportJob}. */
        INSTANT,
        /** One state per {@code GetImportJob} call. */
        STEPS,
        /** One state per fixed interval. */
        TIMED
    }

    private static final Pace INSTANT = new Pace(Kind.INSTANT, Duration.ZERO);
    private static final Pace STEPS = new Pace(Kind.STEPS, Duration.ZERO);

    private final Kind kind;
    private final Duration step;

    private Pace(Kind kind, Duration step) {
        this.kind = kind;
        this.step = step;
    }

    /** @return the pace where a job is finished by the first {@code GetImportJob} */
    public static Pace instant() {
        return INSTANT;
    }

    /** @return the pace where each {@code GetImportJob} moves the job one state on */
    public static Pace steps() {
        return STEPS;
    }

    /**
     * @param step the time each state lasts; positive
     * @return a pace driven by a clock
     */
    public static Pace timed(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        return new Pace(Kind.TIMED, step);
    }

    /** @return {@code timed(REAL_TIME_STEP)}: about as slow as the real service for a small job */
    public static Pace realTime() {
        return timed(REAL_TIME_STEP);
    }

    /**
     * @param speed how many times faster than {@link #realTime()}; {@code 10} makes a step last 250 ms
     * @return a timed pace
     */
    public static Pace speed(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive finite number, was " + speed);
        }
        long nanos = Math.max(1L, (long) (REAL_TIME_STEP.toNanos() / speed));
        return timed(Duration.ofNanos(nanos));
    }

    /** @return the kind of pace */
    public Kind kind() {
        return kind;
    }

    /** @return the time per state for {@link Kind#TIMED}; {@link Duration#ZERO} otherwise */
    public Duration step() {
        return step;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pace && ((Pace) o).kind == kind && ((Pace) o).step.equals(step);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + step.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.TIMED ? "Pace[TIMED " + step + "]" : "Pace[" + kind + "]";
    }
}
