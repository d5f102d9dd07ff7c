package io.pinpointimport.model;

import org.jspecify.annotations.Nullable;

/**
 * Whether the user behind an endpoint opted out of messages: {@code ALL} (everything) or {@code NONE}.
 * {@link #UNKNOWN_TO_LIBRARY} stands for any other text read from a file; validation rejects it.
 */
public enum OptOut {
    /** Opted out of all messages. */
    ALL,
    /** Not opted out. */
    NONE,
    /** A value read from a file that is neither {@code ALL} nor {@code NONE}. */
    UNKNOWN_TO_LIBRARY;

    /**
     * Maps the service's text to a constant.
     *
     * @param value the text; may be {@code null}
     * @return the constant, {@code null} for {@code null}, {@link #UNKNOWN_TO_LIBRARY} for anything else
     */
    public static @Nullable OptOut fromValue(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "ALL" -> ALL;
            case "NONE" -> NONE;
            default -> UNKNOWN_TO_LIBRARY;
        };
    }
}
