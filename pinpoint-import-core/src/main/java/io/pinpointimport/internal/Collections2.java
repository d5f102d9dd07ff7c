package io.pinpointimport.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

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
    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> copyMultiMap(Map<String, ? extends Collection<String>> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof Frozen<?>) {
            return (Map<String, List<String>>) map; // made by freezeMultiMap: immutable, lists included
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
        if (map instanceof Frozen<Double> frozen) {
            return frozen; // made by freezeMetrics: immutable
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
     * Makes a map the readers built, and hand over, immutable without copying it: the model's builders and
     * {@link #copyMultiMap} take the result as it is. Only for maps nobody else holds a reference to, whose names and
     * values are not null and whose lists nobody else holds either (the readers' own, made per record).
     *
     * @param map the map, handed over
     * @return an unmodifiable view of it, its lists unmodifiable too
     */
    public static Map<String, List<String>> freezeMultiMap(Map<String, List<String>> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        map.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return new Frozen<>(map);
    }

    /**
     * Makes a map of metrics the readers built, and hand over, immutable without copying it (see
     * {@link #freezeMultiMap}).
     *
     * @param map the map, handed over; names and values not null
     * @return an unmodifiable view of it
     */
    public static Map<String, Double> freezeMetrics(Map<String, Double> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return new Frozen<>(map);
    }

    /**
     * @param map a map
     * @return whether it is one {@link #freezeMultiMap} or {@link #freezeMetrics} made, which builders may keep as
     *     it is
     */
    public static boolean isFrozen(Map<?, ?> map) {
        return map instanceof Frozen<?>;
    }

    /** An unmodifiable map over one nobody else holds: a definition can keep it without a copy. */
    private static final class Frozen<V> extends AbstractMap<String, V> {
        private final Map<String, V> map;

        Frozen(Map<String, V> owned) {
            this.map = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public Collection<V> values() {
            return map.values();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public V get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super V> action) {
            map.forEach(action);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || map.equals(o);
        }

        @Override
        public int hashCode() {
            return map.hashCode();
        }
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
