package io.pinpointimport.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The channel an endpoint belongs to: the 13 values of the service's {@code ChannelType} enum, in model order,
 * plus {@link #UNKNOWN_TO_LIBRARY} for a value that a file carries but this library does not know.
 *
 * <p>An unknown value never stops a reader: the definition keeps the raw text
 * ({@link EndpointDefinition#channelTypeAsString()}) and validation rejects it with a clear message.
 */
public enum ChannelType {
    PUSH,
    GCM,
    APNS,
    APNS_SANDBOX,
    APNS_VOIP,
    APNS_VOIP_SANDBOX,
    ADM,
    SMS,
    VOICE,
    EMAIL,
    BAIDU,
    CUSTOM,
    IN_APP,
    /** A value read from a file that is not one of the service's channel types. */
    UNKNOWN_TO_LIBRARY;

    /**
     * Maps the service's text to a constant.
     *
     * @param value the text as written in a file or request; may be {@code null}
     * @return the matching constant, {@code null} for {@code null}, {@link #UNKNOWN_TO_LIBRARY} for anything else
     */
    public static @Nullable ChannelType fromValue(@Nullable String value) {
        if (value == null) {
            return null;
        }
        for (ChannelType type : values()) {
            if (type != UNKNOWN_TO_LIBRARY && type.name().equals(value)) {
                return type;
            }
        }
        return UNKNOWN_TO_LIBRARY;
    }

    /**
     * Whether the channel delivers to a device token (APNs, FCM, Baidu, ADM and the generic push channel).
     *
     * @return {@code true} for push channels
     */
    public boolean isPush() {
        return switch (this) {
            case PUSH, GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, ADM, BAIDU -> true;
            default -> false;
        };
    }

    /**
     * The text the service uses for this constant.
     *
     * @return the wire value; for {@link #UNKNOWN_TO_LIBRARY} its lower-case name, which the service would refuse
     */
    public String value() {
        return this == UNKNOWN_TO_LIBRARY ? name().toLowerCase(Locale.ROOT) : name();
    }
}
