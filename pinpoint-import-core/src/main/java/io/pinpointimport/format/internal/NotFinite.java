package io.pinpointimport.format.internal;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.util.Map;

/**
 * Why a definition cannot be written: the first number JSON and CSV cannot carry (NaN or infinite). The encoders
 * check numbers inline and call this only to describe a refusal. No promises: internal.
 */
public final class NotFinite {
    private NotFinite() {
    }

    /**
     * @param d a definition
     * @return the rejection for its first number that is not finite, without a record index; {@code null} if all
     *         are finite
     */
    public static Rejection rejection(EndpointDefinition d) {
        Location l = d.location();
        if (l != null) {
            if (l.latitude() != null && !Double.isFinite(l.latitude())) {
                return notFinite(Rule.LATITUDE_RANGE, "Location.Latitude");
            }
            if (l.longitude() != null && !Double.isFinite(l.longitude())) {
                return notFinite(Rule.LONGITUDE_RANGE, "Location.Longitude");
            }
        }
        for (Map.Entry<String, Double> e : d.metrics().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                return notFinite(Rule.METRIC_NOT_FINITE, "Metrics." + e.getKey());
            }
        }
        return null;
    }

    /**
     * @param d a definition the encoder refused
     * @param recordIndex its input position
     * @return the rejection for its first number that is not finite, at that position
     */
    public static Rejection rejection(EndpointDefinition d, long recordIndex) {
        return rejection(d).toBuilder().recordIndex(recordIndex).build();
    }

    private static Rejection notFinite(Rule rule, String field) {
        return Rejection.builder().rule(rule).field(field)
                .message(field + " is not a finite number (NaN or infinite), which an import file cannot carry")
                .build();
    }
}
