package io.pinpointimport.validation;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Why one record was not submitted: its position, the field, the rule it broke and a message a person
 * understands. A rejection never contains the offending personal value.
 *
 * <p>Position: {@link #recordIndex()} is the record's 0-based place in the run's input. Records read from files also
 * carry the {@link #source()} (file name), 1-based {@link #line()} and, for CSV, 1-based {@link #column()}.
 */
public final class Rejection {
    private final long recordIndex;
    private final String source;
    private final long line;
    private final int column;
    private final String field;
    private final Rule rule;
    private final String message;

    private Rejection(Builder b) {
        this.recordIndex = b.recordIndex;
        this.source = b.source;
        this.line = b.line;
        this.column = b.column;
        this.field = b.field;
        this.rule = Objects.requireNonNull(b.rule, "rule");
        this.message = Objects.requireNonNull(b.message, "message");
    }

    /** @return a new builder; {@code rule} and {@code message} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this rejection's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the record's 0-based position in the run's input, or -1 when it is not known */
    public long recordIndex() {
        return recordIndex;
    }

    /** @return the file the record came from, if it came from a file */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** @return the 1-based line in {@link #source()}, if known */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** @return the 1-based CSV column, if known */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** @return the field path, such as {@code User.UserAttributes.tier[3]}, if the rule concerns one field */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return the rule that was broken */
    public Rule rule() {
        return rule;
    }

    /** @return what is wrong and what the service allows; never contains the offending personal value */
    public String message() {
        return message;
    }

    /**
     * One line for logs and reports: {@code record 7 (users.csv line 9, column 3) Address [address.required]: ...}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("record ").append(recordIndex);
        if (source != null || line > 0) {
            sb.append(" (");
            if (source != null) {
                sb.append(source);
            }
            if (line > 0) {
                sb.append(source != null ? " " : "").append("line ").append(line);
            }
            if (column > 0) {
                sb.append(", column ").append(column);
            }
            sb.append(')');
        }
        if (field != null) {
            sb.append(' ').append(field);
        }
        sb.append(" [").append(rule.id()).append("]: ").append(message);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rejection other)) {
            return false;
        }
        return recordIndex == other.recordIndex
                && line == other.line
                && column == other.column
                && Objects.equals(source, other.source)
                && Objects.equals(field, other.field)
                && rule == other.rule
                && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordIndex, source, line, column, field, rule, message);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("Rejection")
                .add("recordIndex", recordIndex)
                .add("source", source)
                .add("line", line > 0 ? line : null)
                .add("column", column > 0 ? column : null)
                .add("field", field)
                .add("rule", rule.id())
                .add("message", message)
                .build();
    }

    /** Builds a {@link Rejection}. */
    public static final class Builder {
        private long recordIndex = -1;
        private String source;
        private long line;
        private int column;
        private String field;
        private Rule rule;
        private String message;

        private Builder() {}

        private Builder(Rejection r) {
            this.recordIndex = r.recordIndex;
            this.source = r.source;
            this.line = r.line;
            this.column = r.column;
            this.field = r.field;
            this.rule = r.rule;
            this.message = r.message;
        }

        /**
         * @param recordIndex the 0-based position in the run's input
         * @return this builder
         */
        public Builder recordIndex(long recordIndex) {
            this.recordIndex = recordIndex;
            return this;
        }

        /**
         * @param source the file name
         * @return this builder
         */
        public Builder source(@Nullable String source) {
            this.source = source;
            return this;
        }

        /**
         * @param line the 1-based line; 0 for unknown
         * @return this builder
         */
        public Builder line(long line) {
            this.line = line;
            return this;
        }

        /**
         * @param column the 1-based column; 0 for unknown
         * @return this builder
         */
        public Builder column(int column) {
            this.column = column;
            return this;
        }

        /**
         * @param field the field path
         * @return this builder
         */
        public Builder field(@Nullable String field) {
            this.field = field;
            return this;
        }

        /**
         * @param rule the rule broken
         * @return this builder
         */
        public Builder rule(Rule rule) {
            this.rule = rule;
            return this;
        }

        /**
         * @param message the explanation, without personal values
         * @return this builder
         */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** @return the rejection */
        public Rejection build() {
            return new Rejection(this);
        }
    }
}
