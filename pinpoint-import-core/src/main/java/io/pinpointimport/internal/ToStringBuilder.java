package io.pinpointimport.internal;

/** Builds {@code Name{a=1, b=***}} strings, skipping absent members. No promises: internal. */
public final class ToStringBuilder {
    /** What stands in for a personal value. */
    public static final String MASK = "***";

    private final StringBuilder sb;
    private boolean first = true;

    private ToStringBuilder(String type) {
        this.sb = new StringBuilder(type).append('{');
    }

    /**
     * Starts a description.
     *
     * @param type the simple type name
     * @return a builder
     */
    public static ToStringBuilder of(String type) {
        return new ToStringBuilder(type);
    }

    /**
     * Adds a member shown as it is, if present.
     *
     * @param name the member
     * @param value the value, skipped when null
     * @return this
     */
    public ToStringBuilder add(String name, Object value) {
        if (value != null) {
            sep().append(name).append('=').append(value);
        }
        return this;
    }

    /**
     * Adds a member whose value is personal data: only its presence shows.
     *
     * @param name the member
     * @param value the value, skipped when null
     * @return this
     */
    public ToStringBuilder addMasked(String name, Object value) {
        if (value != null) {
            sep().append(name).append('=').append(MASK);
        }
        return this;
    }

    private StringBuilder sep() {
        if (!first) {
            sb.append(", ");
        }
        first = false;
        return sb;
    }

    /**
     * Finishes the description.
     *
     * @return the text
     */
    public String build() {
        return sb.append('}').toString();
    }
}
