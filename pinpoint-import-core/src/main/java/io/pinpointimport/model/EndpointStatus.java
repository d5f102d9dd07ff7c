package io.pinpointimport.model;

import org.jspecify.annotations.Nullable;

/**
 * Status of an endpoint: {@code ACTIVE} or {@code INACTIVE}. The service sets it itself and documents it as not
 * supported in import files, so the library carries it only to round-trip files that contain it.
 * {@link #UNKNOWN_TO_LIBRARY} stands for any other text read from a file.
 */
public enum EndpointStatus {
    /** Messages can be sent to the endpoint. */
    ACTIVE,
    /** The endpoint was superseded or deactivated. */
    INACTIVE,
    /** A value read from a file that is neither {@code ACTIVE} nor {@code INACTIVE}. */
    UNKNOWN_TO_LIBRARY;

    /**
     * Maps the service's text to a constant.
     *
     * @param value the text; may be {@code null}
     * @return the constant, {@code null} for {@code null}, {@link #UNKNOWN_TO_LIBRARY} for anything else
     */
    public static @Nullable EndpointStatus fromValue(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "ACTIVE" -> ACTIVE;
            case "INACTIVE" -> INACTIVE;
            default -> UNKNOWN_TO_LIBRARY;
        };
    }
}
