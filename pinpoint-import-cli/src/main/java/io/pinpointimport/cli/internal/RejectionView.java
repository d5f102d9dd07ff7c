package io.pinpointimport.cli.internal;

import io.pinpointimport.validation.Rejection;

/**
 * A rejection as the tool prints it in JSON (the same members as a line of the {@code --rejects} file).
 *
 * @param record 0-based position in the run
 * @param source file name
 * @param line 1-based line
 * @param column 1-based CSV column
 * @param field field path
 * @param rule stable rule id
 * @param message what is wrong, without the value
 */
public record RejectionView(
        long record, String source, Long line, Integer column, String field, String rule, String message) {
    /**
     * @param r the rejection
     * @return its view
     */
    public static RejectionView of(Rejection r) {
        return new RejectionView(
                r.recordIndex(),
                r.source().orElse(null),
                r.line().isPresent() ? r.line().getAsLong() : null,
                r.column().isPresent() ? r.column().getAsInt() : null,
                r.field().orElse(null),
                r.rule().id(),
                r.message());
    }
}
