package io.pinpointimport.format;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.util.Objects;

/**
 * What one record (one non-blank line) of an import file gave: an endpoint definition, or a rejection saying why the
 * line could not be read. Exactly one of the two is present.
 *
 * <pre>{@code
 * ReadResult r = reader.next();
 * if (r.isRejected()) {
 *     log.warn(r.rejection().describe());
 * } else {
 *     process(r.definition());
 * }
 * }</pre>
 */
public final class ReadResult {
    private final long recordIndex;
    private final long line;
    private final EndpointDefinition definition;
    private final Rejection rejection;

    private ReadResult(long recordIndex, long line, EndpointDefinition definition, Rejection rejection) {
        this.recordIndex = recordIndex;
        this.line = line;
        this.definition = definition;
        this.rejection = rejection;
    }

    static ReadResult of(long recordIndex, long line, EndpointDefinition definition) {
        return new ReadResult(recordIndex, line, Objects.requireNonNull(definition, "definition"), null);
    }

    static ReadResult rejected(long recordIndex, long line, Rejection rejection) {
        return new ReadResult(recordIndex, line, null, Objects.requireNonNull(rejection, "rejection"));
    }

    /** @return the record's 0-based position among the file's records (blank lines and the CSV header not counted) */
    public long recordIndex() {
        return recordIndex;
    }

    /** @return the 1-based line the record is on */
    public long line() {
        return line;
    }

    /** @return whether the line could not be read; then {@link #rejection()} says why */
    public boolean isRejected() {
        return rejection != null;
    }

    /**
     * The definition the line holds.
     *
     * @return the definition
     * @throws IllegalStateException when the line was rejected
     */
    public EndpointDefinition definition() {
        if (definition == null) {
            throw new IllegalStateException("record " + recordIndex + " was rejected; see rejection()");
        }
        return definition;
    }

    /**
     * Why the line could not be read: source file, line, CSV column, field and rule.
     *
     * @return the rejection
     * @throws IllegalStateException when the line was read
     */
    public Rejection rejection() {
        if (rejection == null) {
            throw new IllegalStateException("record " + recordIndex + " was read; see definition()");
        }
        return rejection;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReadResult other)) {
            return false;
        }
        return recordIndex == other.recordIndex
                && line == other.line
                && Objects.equals(definition, other.definition)
                && Objects.equals(rejection, other.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordIndex, line, definition, rejection);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("ReadResult")
                .add("recordIndex", recordIndex)
                .add("line", line)
                .add("definition", definition)
                .add("rejection", rejection)
                .build();
    }
}
