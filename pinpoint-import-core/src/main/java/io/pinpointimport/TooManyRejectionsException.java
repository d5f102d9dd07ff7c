package io.pinpointimport;

import io.pinpointimport.validation.Rejection;
import java.util.List;

/**
 * The run's {@link BadRecordPolicy} was exceeded: more records were rejected than it tolerates. No import job was
 * started. Carries the rejections (positions, fields and rules; never the personal values), at most as many as the
 * importer retains ({@link EndpointImporter.Builder#retainedRejections(int)}); {@link #rejectionsOmitted()} says how
 * many more there were. {@link io.pinpointimport.event.ImportListener#recordRejected} heard every one.
 *
 * <p>What to do next: fix the records listed in {@link #rejections()}, or relax the policy.
 */
public class TooManyRejectionsException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final long maxRejected;
    private final long rejectionsOmitted;
    private final transient List<Rejection> rejections;

    /**
     * @param maxRejected how many rejections the policy tolerated
     * @param rejections the rejections up to the one that exceeded the policy
     */
    public TooManyRejectionsException(long maxRejected, List<Rejection> rejections) {
        this(maxRejected, rejections, 0);
    }

    /**
     * @param maxRejected how many rejections the policy tolerated
     * @param rejections the retained rejections, the first ones up to the one that exceeded the policy
     * @param rejectionsOmitted how many rejections up to that one were not retained
     */
    public TooManyRejectionsException(long maxRejected, List<Rejection> rejections, long rejectionsOmitted) {
        super("More than " + maxRejected + " record" + (maxRejected == 1 ? " was" : "s were")
                + " rejected; the run was stopped before any import job started. First: "
                + (rejections.isEmpty() ? "(not retained)" : rejections.get(0).describe())
                + (rejectionsOmitted > 0
                        ? "; " + rejectionsOmitted + " rejection" + (rejectionsOmitted == 1 ? " was" : "s were")
                                + " not retained"
                        : "")
                + ". Fix the records listed in rejections(), or relax the bad-record policy");
        if (rejectionsOmitted < 0) {
            throw new IllegalArgumentException("rejectionsOmitted must be >= 0, was " + rejectionsOmitted);
        }
        this.maxRejected = maxRejected;
        this.rejections = List.copyOf(rejections);
        this.rejectionsOmitted = rejectionsOmitted;
    }

    /** @return how many rejections the policy tolerated */
    public long maxRejected() {
        return maxRejected;
    }

    /**
     * @return the retained rejections, in input order, up to the one that exceeded the policy; empty after
     *     deserialization
     */
    public List<Rejection> rejections() {
        return rejections == null ? List.of() : rejections;
    }

    /** @return how many rejections up to the one that exceeded the policy were not retained in {@link #rejections()} */
    public long rejectionsOmitted() {
        return rejectionsOmitted;
    }
}
