package io.pinpointimport.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many records of a run have each {@link RecordOutcome}. For a run whose input was wholly read, {@link #total()}
 * is the summary's {@code recordsRead()}, and each count equals the summary's figure of the same name
 * ({@code recordsRejected()}, {@code recordsImported()}, ...) when no record is {@link RecordOutcome#ROW_NOT_IDENTIFIED};
 * otherwise {@code IMPORTED + FAILED_IN_SERVICE + ROW_NOT_IDENTIFIED} here equals the summary's
 * {@code recordsImported() + recordsFailedInService()}.
 */
public final class OutcomeCounts {
    private final Map<RecordOutcome, Long> counts;

    OutcomeCounts(Map<RecordOutcome, Long> counts) {
        EnumMap<RecordOutcome, Long> m = new EnumMap<>(RecordOutcome.class);
        for (RecordOutcome o : RecordOutcome.values()) {
            m.put(o, counts.getOrDefault(o, 0L));
        }
        this.counts = Collections.unmodifiableMap(m);
    }

    /**
     * @param outcome an outcome
     * @return how many records have it
     */
    public long of(RecordOutcome outcome) {
        return counts.get(Objects.requireNonNull(outcome, "outcome"));
    }

    /** @return the records counted: every record the report places */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return every outcome with its count (zero included), in the enum's order */
    public Map<RecordOutcome, Long> asMap() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeCounts other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "OutcomeCounts" + counts;
    }
}
