package io.pinpointimport.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What became of one input record: where it was in the input, its endpoint id, its {@link RecordOutcome}, and what
 * says so (the rules it broke, its shard and job, the service's line naming it). Made by {@link RunReport} only.
 *
 * <p>Never holds an address or an attribute value. The {@linkplain #endpointId() endpoint id} is an identifier the
 * user chose for the endpoint, kept so that a record can be found by it. The {@linkplain #serviceLine() service's
 * failure line} is the service's own text, which may quote the row: it is left out of {@link #toString()}.
 */
public final class RecordFate {
    private final long recordIndex;
    private final @Nullable String source;
    private final long line;
    private final @Nullable String endpointId;
    private final RecordOutcome outcome;
    private final List<String> ruleIds;
    private final int shard;
    private final long row;
    private final @Nullable String jobId;
    private final @Nullable String serviceLine;
    private final @Nullable String detail;

    RecordFate(
            long recordIndex,
            @Nullable String source,
            long line,
            @Nullable String endpointId,
            RecordOutcome outcome,
            List<String> ruleIds,
            int shard,
            long row,
            @Nullable String jobId,
            @Nullable String serviceLine,
            @Nullable String detail) {
        this.recordIndex = recordIndex;
        this.source = source;
        this.line = line;
        this.endpointId = endpointId;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.ruleIds = List.copyOf(ruleIds);
        this.shard = shard;
        this.row = row;
        this.jobId = jobId;
        this.serviceLine = serviceLine;
        this.detail = detail;
    }

    /** @return the record's 0-based position in the run's input, as in {@code Rejection.recordIndex()} */
    public long recordIndex() {
        return recordIndex;
    }

    /** @return the file the record was read from, if it came from a file */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** @return its 1-based line in {@link #source()}, if known */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** @return its endpoint {@code Id}, if it has one (an identifier the user chose; at most 512 characters kept) */
    public Optional<String> endpointId() {
        return Optional.ofNullable(endpointId);
    }

    /** @return what became of it */
    public RecordOutcome outcome() {
        return outcome;
    }

    /** @return the ids of the rules it broke, each once, for {@link RecordOutcome#REJECTED}; else empty */
    public List<String> ruleIds() {
        return ruleIds;
    }

    /** @return the number of the shard it was written to, if it is in a shard the run finished */
    public OptionalInt shard() {
        return shard >= 0 ? OptionalInt.of(shard) : OptionalInt.empty();
    }

    /**
     * @return its 0-based row in that shard (the shard file's line {@code row + 2} for CSV, below the header;
     *     {@code row + 1} for NDJSON), if it is in a shard
     */
    public OptionalLong row() {
        return row >= 0 ? OptionalLong.of(row) : OptionalLong.empty();
    }

    /** @return the id of its shard's import job, if one was created */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /**
     * @return the service's failure line that names this row (as the service wrote it; it may quote the row), for
     *     {@link RecordOutcome#FAILED_IN_SERVICE} and for a row of a failed job the service named
     */
    public Optional<String> serviceLine() {
        return Optional.ofNullable(serviceLine);
    }

    /**
     * @return the library's word on the outcome where there is more to say: why a job's end is unknown, why records
     *     were not submitted, that a partly failed job did not name its rows; never personal data
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * One line for people, with the service's line when there is one:
     * {@code record 17 (users.csv line 19) id u-17: FAILED_IN_SERVICE, shard 0 row 16, job 0a1b: <service line>}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = head();
        if (serviceLine != null) {
            sb.append(": ").append(serviceLine);
        }
        return sb.toString();
    }

    private StringBuilder head() {
        StringBuilder sb = new StringBuilder("record ").append(recordIndex);
        if (source != null || line > 0) {
            sb.append(" (");
            if (source != null) {
                sb.append(source);
            }
            if (line > 0) {
                sb.append(source != null ? " " : "").append("line ").append(line);
            }
            sb.append(')');
        }
        if (endpointId != null) {
            sb.append(" id ").append(endpointId);
        }
        sb.append(": ").append(outcome);
        if (!ruleIds.isEmpty()) {
            sb.append(' ').append(ruleIds);
        }
        if (shard >= 0) {
            sb.append(", shard ").append(shard);
            if (row >= 0) {
                sb.append(" row ").append(row);
            }
        }
        if (jobId != null) {
            sb.append(", job ").append(jobId);
        }
        if (detail != null) {
            sb.append(" (").append(detail).append(')');
        }
        return sb;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecordFate other)) {
            return false;
        }
        return recordIndex == other.recordIndex
                && line == other.line
                && shard == other.shard
                && row == other.row
                && outcome == other.outcome
                && Objects.equals(source, other.source)
                && Objects.equals(endpointId, other.endpointId)
                && ruleIds.equals(other.ruleIds)
                && Objects.equals(jobId, other.jobId)
                && Objects.equals(serviceLine, other.serviceLine)
                && Objects.equals(detail, other.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordIndex, source, line, endpointId, outcome, ruleIds, shard, row, jobId, serviceLine);
    }

    /** @return {@link #describe()} without the service's line, which may quote the row */
    @Override
    public String toString() {
        return head().toString();
    }
}
