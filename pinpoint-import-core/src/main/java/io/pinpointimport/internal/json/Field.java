package io.pinpointimport.internal.json;

import java.util.HashMap;
import java.util.Map;

/**
 * The fixed (non-custom) members of an endpoint definition, in the library's canonical order. Both formats write
 * members in this order; the ordinal is also the CSV column id. No promises: internal.
 */
public enum Field {
    ID(null, "Id"),
    CHANNEL_TYPE(null, "ChannelType"),
    ADDRESS(null, "Address"),
    ENDPOINT_STATUS(null, "EndpointStatus"),
    OPT_OUT(null, "OptOut"),
    EFFECTIVE_DATE(null, "EffectiveDate"),
    REQUEST_ID(null, "RequestId"),
    LOCATION_COUNTRY("Location", "Country"),
    LOCATION_REGION("Location", "Region"),
    LOCATION_CITY("Location", "City"),
    LOCATION_POSTAL_CODE("Location", "PostalCode"),
    LOCATION_LATITUDE("Location", "Latitude"),
    LOCATION_LONGITUDE("Location", "Longitude"),
    DEMOGRAPHIC_PLATFORM("Demographic", "Platform"),
    DEMOGRAPHIC_PLATFORM_VERSION("Demographic", "PlatformVersion"),
    DEMOGRAPHIC_MAKE("Demographic", "Make"),
    DEMOGRAPHIC_MODEL("Demographic", "Model"),
    DEMOGRAPHIC_MODEL_VERSION("Demographic", "ModelVersion"),
    DEMOGRAPHIC_APP_VERSION("Demographic", "AppVersion"),
    DEMOGRAPHIC_LOCALE("Demographic", "Locale"),
    DEMOGRAPHIC_TIMEZONE("Demographic", "Timezone"),
    USER_USER_ID("User", "UserId");

    /** Number of fixed members; custom CSV columns get ids from here on. */
    public static final int COUNT = values().length;

    private static final Field[] VALUES = values();
    private static final Map<String, Field> BY_PATH = new HashMap<>();

    static {
        for (Field f : VALUES) {
            BY_PATH.put(f.path, f);
        }
    }

    private final String group;
    private final String member;
    private final String path;

    Field(String group, String member) {
        this.group = group;
        this.member = member;
        this.path = group == null ? member : group + "." + member;
    }

    /** @return the enclosing object's member name ({@code Location}), or {@code null} for a top-level member */
    public String group() {
        return group;
    }

    /** @return the member's own name ({@code Country}) */
    public String member() {
        return member;
    }

    /** @return the dot-notation path, which is also the CSV column name ({@code Location.Country}) */
    public String path() {
        return path;
    }

    /** @return whether the member is a number (latitude, longitude) rather than text */
    public boolean isNumeric() {
        return this == LOCATION_LATITUDE || this == LOCATION_LONGITUDE;
    }

    /**
     * @param ordinal a column id below {@link #COUNT}
     * @return the field
     */
    public static Field of(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * @param path a dot-notation path such as {@code Location.Country}
     * @return the field, or {@code null} if the path is not a fixed member
     */
    public static Field byPath(String path) {
        return BY_PATH.get(path);
    }
}
