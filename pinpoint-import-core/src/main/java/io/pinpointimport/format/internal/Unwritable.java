package io.pinpointimport.format.internal;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.util.Map;

/**
 * Why a definition cannot be written into a shard: a member the import does not take, or a number JSON and CSV
 * cannot carry (NaN or infinite). Both shard encoders ask; the numbers are checked inline while encoding and this
 * only describes a refusal. No promises: internal.
 */
public final class Unwritable {
    private Unwritable() {}

    /**
     * Refuses a record holding a member the import does not take ({@code EndpointStatus}, {@code EffectiveDate}):
     * the service would fail the row, and for CSV every row of the file. Both writers call this, so a record that
     * skipped validation still never puts such a member into a shard.
     *
     * @param recordIndex the record's input position
     * @param d the definition
     * @return the rejection, or {@code null} when the record holds neither member
     */
    public static Rejection unsupportedMember(long recordIndex, EndpointDefinition d) {
        String field = d.endpointStatusAsString() != null
                ? "EndpointStatus"
                : d.effectiveDate() != null ? "EffectiveDate" : null;
        if (field == null) {
            return null;
        }
        return Rejection.builder()
                .recordIndex(recordIndex)
                .rule(Rule.MEMBER_UNSUPPORTED)
                .field(field)
                .message(field + " cannot be imported (the service refuses it in an import file); leave it out")
                .build();
    }

    /**
     * @param d a definition
     * @return the rejection for its first number that is not finite, without a record index; {@code null} if all
     *         are finite
     */
    public static Rejection notFiniteNumber(EndpointDefinition d) {
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
    public static Rejection notFiniteNumber(EndpointDefinition d, long recordIndex) {
        return notFiniteNumber(d).toBuilder().recordIndex(recordIndex).build();
    }

    private static Rejection notFinite(Rule rule, String field) {
        return Rejection.builder()
                .rule(rule)
                .field(field)
                .message(field + " is not a finite number (NaN or infinite), which an import file cannot carry")
                .build();
    }
}
