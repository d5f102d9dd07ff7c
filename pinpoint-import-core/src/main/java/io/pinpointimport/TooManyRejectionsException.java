package io.pinpointimport;

import io.pinpointimport.validation.Rejection;
import java.util.List;

/**
 * The run's {@link BadRecordPolicy} was exceeded: more records were rejected than it tolerates. No import job was
 * started. Carries the rejections (positions, fields and rules; never the personal values).
 *
 * <p>What to do next: fix the records listed in {@link #rejections()}, or relax the policy.
 */
public class TooManyRejectionsException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final long maxRejected;
    private final transient List<Rejection> rejections;

    /**
     * @param maxRejected how many rejections the policy tolerated
     * @param rejections the rejections up to the one that exceeded the policy
     */
    public TooManyRejectionsException(long maxRejected, List<Rejection> rejections) {
        super("More than " + maxRejected + " record" + (maxRejected == 1 ? " was" : "s were")
                + " rejected; the run was stopped before any import job started. First: "
                + (rejections.isEmpty() ? "?" : rejections.get(0).describe())
                + ". Fix the records listed in rejections(), or relax the bad-record policy");
        this.maxRejected = maxRejected;
        this.rejections = List.copyOf(rejections);
    }

    /** @return how many rejections the policy tolerated */
    public long maxRejected() {
        return maxRejected;
    }

    /** @return the rejections up to the one that exceeded the policy; empty after deserialization */
    public List<Rejection> rejections() {
        return rejections == null ? List.of() : rejections;
    }
}
