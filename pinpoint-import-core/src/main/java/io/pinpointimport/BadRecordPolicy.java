package io.pinpointimport;

import java.util.Objects;

/**
 * What a run does with records rejected locally (by the reader, the validator or the shard writer).
 *
 * <ul>
 *   <li>{@link #rejectAndContinue()} (the default): leave the record out, report it in the summary, go on.</li>
 *   <li>{@link #failOnFirst()}: fail the run at the first rejection.</li>
 *   <li>{@link #failAfter(long) failAfter(n)}: fail the run once more than {@code n} records are rejected.</li>
 * </ul>
 *
 * <p>With a failing policy, no import job is started before the whole input has been read and found within the
 * policy: shards are still written and stored as the input is read (so uploading overlaps reading), but their jobs
 * wait. A run that trips the policy therefore imports nothing; its stored shards are deleted with
 * {@link io.pinpointimport.spi.ShardStore#deleteRun(String)}.
 */
public final class BadRecordPolicy {
    private static final BadRecordPolicy CONTINUE = new BadRecordPolicy(Long.MAX_VALUE);
    private static final BadRecordPolicy FIRST = new BadRecordPolicy(0);

    private final long maxRejected;

    private BadRecordPolicy(long maxRejected) {
        this.maxRejected = maxRejected;
    }

    /** @return leave rejected records out and go on (the default) */
    public static BadRecordPolicy rejectAndContinue() {
        return CONTINUE;
    }

    /** @return fail the run at the first rejected record */
    public static BadRecordPolicy failOnFirst() {
        return FIRST;
    }

    /**
     * @param maxRejected how many rejected records are tolerated, at least 0
     * @return fail the run once more than {@code maxRejected} records are rejected
     */
    public static BadRecordPolicy failAfter(long maxRejected) {
        if (maxRejected < 0) {
            throw new IllegalArgumentException("maxRejected must be >= 0, was " + maxRejected);
        }
        return maxRejected == 0 ? FIRST : new BadRecordPolicy(maxRejected);
    }

    /** @return how many rejected records are tolerated; {@link Long#MAX_VALUE} for no limit */
    public long maxRejected() {
        return maxRejected;
    }

    /** @return whether this policy can fail a run */
    public boolean canFail() {
        return maxRejected != Long.MAX_VALUE;
    }

    /**
     * @param rejected records rejected so far
     * @return whether that many rejections fail the run
     */
    public boolean isExceeded(long rejected) {
        return rejected > maxRejected;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BadRecordPolicy other && maxRejected == other.maxRejected;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(maxRejected);
    }

    @Override
    public String toString() {
        if (maxRejected == Long.MAX_VALUE) {
            return "BadRecordPolicy{rejectAndContinue}";
        }
        return maxRejected == 0 ? "BadRecordPolicy{failOnFirst}" : "BadRecordPolicy{failAfter=" + maxRejected + "}";
    }
}
