package io.pinpointimport.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Defensive, order-keeping immutable copies for the model's maps. No promises: internal. */
public final class Collections2 {
    private Collections2() {}

    /**
     * Copies a name to values map, keeping insertion order, refusing null names and values.
     *
     * @param map the source, may be null (gives an empty map)
     * @param field the member name used in error messages
     * @return an unmodifiable copy
     */
    public static Map<String, List<String>> copyMultiMap(Map<String, ? extends Collection<String>> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> {
            Objects.requireNonNull(name, () -> field + ": a name must not be null");
            Objects.requireNonNull(values, () -> field + "." + name + ": values must not be null");
            copy.put(name, copyList(values, field + "." + name));
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Copies a list of values, refusing null elements.
     *
     * @param values the values
     * @param field the member name used in error messages
     * @return an unmodifiable copy
     */
    public static List<String> copyList(Collection<String> values, String field) {
        List<String> list = new ArrayList<>(values.size());
        int i = 0;
        for (String value : values) {
            Objects.requireNonNull(value, field + "[" + i + "] must not be null");
            list.add(value);
            i++;
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Copies a name to number map, keeping insertion order, refusing null names and values.
     *
     * @param map the source, may be null (gives an empty map)
     * @param field the member name used in error messages
     * @return an unmodifiable copy
     */
    public static Map<String, Double> copyMetrics(Map<String, Double> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            Objects.requireNonNull(name, () -> field + ": a name must not be null");
            Objects.requireNonNull(value, () -> field + "." + name + ": value must not be null");
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Describes a multi-valued map without its values: {@code {interests=[2 values]}}.
     *
     * @param map the map
     * @return text safe for logs
     */
    public static String describeMasked(Map<String, List<String>> map) {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((name, values) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append("=[").append(values.size()).append(values.size() == 1 ? " value]" : " values]");
        });
        return sb.append('}').toString();
    }

    /**
     * Describes metrics without their values: {@code {purchases=***}}.
     *
     * @param map the metrics
     * @return text safe for logs
     */
    public static String describeMaskedMetrics(Map<String, Double> map) {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((name, value) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append("=***");
        });
        return sb.append('}').toString();
    }
}
