package io.pinpointimport.format.internal;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;

/**
 * Turns one line of an import file into an endpoint definition or a rejection. A decoder keeps no state between
 * records other than a CSV header, so one bad line never affects the next. No promises: internal; not thread-safe.
 */
public abstract class LineDecoder {
    /** The line is not a record (blank, or the CSV header). */
    public static final int SKIPPED = 0;
    /** The line gave {@link #definition()}. */
    public static final int DEFINITION = 1;
    /** The line gave {@link #rejection()}. */
    public static final int REJECTED = 2;

    private final String source;
    private EndpointDefinition definition;
    private Rejection rejection;

    /**
     * @param source the file name rejections name, or {@code null}
     */
    protected LineDecoder(String source) {
        this.source = source;
    }

    /**
     * Decodes one line.
     *
     * @param bytes the line's UTF-8 bytes, without the line end
     * @param length valid bytes in {@code bytes}
     * @param line the 1-based line number
     * @param recordIndex the index the record gets if the line is one
     * @return {@link #SKIPPED}, {@link #DEFINITION} or {@link #REJECTED}
     */
    public abstract int decode(byte[] bytes, int length, long line, long recordIndex);

    /**
     * Reports a line that was too long to read.
     *
     * @param line the 1-based line number
     * @param recordIndex the record's index
     * @param maxLineBytes the limit
     * @return {@link #REJECTED}, or {@link #SKIPPED} when the line had to be the CSV header
     */
    public int tooLong(long line, long recordIndex, int maxLineBytes) {
        return reject(
                line,
                recordIndex,
                0,
                null,
                Rule.MALFORMED_INPUT,
                "the line is longer than " + maxLineBytes + " bytes, far beyond the service's 15 KB per endpoint;"
                        + " it was skipped");
    }

    /** @return the definition from the last {@link #DEFINITION} */
    public EndpointDefinition definition() {
        return definition;
    }

    /** @return the rejection from the last {@link #REJECTED} */
    public Rejection rejection() {
        return rejection;
    }

    /**
     * @param d the decoded definition
     * @return {@link #DEFINITION}
     */
    protected int accept(EndpointDefinition d) {
        this.definition = d;
        this.rejection = null;
        return DEFINITION;
    }

    /**
     * Records a rejection.
     *
     * @param line the 1-based line
     * @param recordIndex the record index
     * @param column the 1-based CSV column, or 0
     * @param field the field path, or {@code null}
     * @param rule the rule
     * @param message the message, without personal values
     * @return {@link #REJECTED}
     */
    protected int reject(long line, long recordIndex, int column, String field, Rule rule, String message) {
        this.definition = null;
        this.rejection = Rejection.builder()
                .recordIndex(recordIndex)
                .source(source)
                .line(line)
                .column(column)
                .field(field)
                .rule(rule)
                .message(message)
                .build();
        return REJECTED;
    }
}
