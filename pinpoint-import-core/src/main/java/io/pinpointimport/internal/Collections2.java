package io.pinpointimport.internal;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

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
            return (Map<String, List<String>>) map; // made by freezeEntries: immutable, lists included
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
            return frozen; // made by freezeEntries: immutable
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
     * Makes an immutable map of the entries a reader built, and hands over, without building a map first: the
     * cheapest form for a reader, which knows each name once. The model's builders and {@link #copyMultiMap} keep the
     * result as it is.
     *
     * @param entries the entries in the map's order, handed over: names distinct and not null, values not null and,
     *     for lists, unmodifiable and held by nobody else
     * @param count how many of {@code entries}, from the first, the map holds
     * @param <V> the values' type
     * @return the map
     */
    public static <V> Map<String, V> freezeEntries(Map.Entry<String, V>[] entries, int count) {
        if (count == 0) {
            return Map.of();
        }
        return new Frozen<>(count == entries.length ? entries : Arrays.copyOf(entries, count));
    }

    /**
     * @param n the length
     * @param <V> the values' type
     * @return a new array for {@link #freezeEntries}, all null
     */
    @SuppressWarnings("unchecked")
    public static <V> Map.Entry<String, V>[] newEntries(int n) {
        return new Map.Entry[n];
    }

    /**
     * @param map a map
     * @return whether {@link #freezeEntries} made it, so that builders may keep it as it is
     */
    public static boolean isFrozen(Map<?, ?> map) {
        return map instanceof Frozen<?>;
    }

    /**
     * An unmodifiable map over entries nobody else holds: a definition can keep it without a copy. The entries are
     * kept in an array, in the map's order: the validator, the size bound and the writers walk every map of every
     * record several times, and an array walk allocates nothing per entry and follows no links. A name is looked up
     * along the array while the map is small (most are: a record's attributes), through a hash index beyond that.
     */
    private static final class Frozen<V> extends AbstractMap<String, V> {
        /** Most entries looked up along the array; a bigger map gets a hash index. */
        private static final int SCANNED = 8;

        private final Entry<String, V>[] entries;
        private final Map<String, V> index;
        private Set<Entry<String, V>> entrySet;
        private Set<String> keySet;
        private Collection<V> values;

        Frozen(Entry<String, V>[] owned) {
            this.entries = owned;
            if (owned.length > SCANNED) {
                Map<String, V> map = new HashMap<>(owned.length * 2);
                for (Entry<String, V> e : owned) {
                    map.put(e.getKey(), e.getValue());
                }
                this.index = map;
            } else {
                this.index = null;
            }
        }

        private Entry<String, V> find(Object key) {
            for (Entry<String, V> e : entries) {
                if (e.getKey().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            Set<Entry<String, V>> set = entrySet;
            if (set == null) {
                set = new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, V>> iterator() {
                        return new ArrayIterator<>(entries, -1);
                    }

                    @Override
                    public int size() {
                        return entries.length;
                    }
                };
                entrySet = set;
            }
            return set;
        }

        @Override
        public Set<String> keySet() {
            Set<String> set = keySet;
            if (set == null) {
                set = new AbstractSet<>() {
                    @Override
                    public Iterator<String> iterator() {
                        return new ArrayIterator<>(entries, 0);
                    }

                    @Override
                    public int size() {
                        return entries.length;
                    }

                    @Override
                    public boolean contains(Object o) {
                        return containsKey(o);
                    }
                };
                keySet = set;
            }
            return set;
        }

        @Override
        public Collection<V> values() {
            Collection<V> c = values;
            if (c == null) {
                c = new AbstractCollection<>() {
                    @Override
                    public Iterator<V> iterator() {
                        return new ArrayIterator<>(entries, 1);
                    }

                    @Override
                    public int size() {
                        return entries.length;
                    }
                };
                values = c;
            }
            return c;
        }

        @Override
        public int size() {
            return entries.length;
        }

        @Override
        public boolean isEmpty() {
            return entries.length == 0;
        }

        @Override
        public V get(Object key) {
            if (index != null) {
                return index.get(key);
            }
            Entry<String, V> e = find(key);
            return e == null ? null : e.getValue();
        }

        @Override
        public boolean containsKey(Object key) {
            return index != null ? index.containsKey(key) : find(key) != null;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super V> action) {
            Objects.requireNonNull(action, "action");
            for (Entry<String, V> e : entries) {
                action.accept(e.getKey(), e.getValue());
            }
        }

        // Every change is refused, even one that would change nothing, as Collections.unmodifiableMap does.
        @Override
        public V put(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V remove(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putAll(Map<? extends String, ? extends V> m) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super V, ? extends V> function) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V putIfAbsent(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(String key, V oldValue, V newValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V replace(String key, V value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfAbsent(String key, Function<? super String, ? extends V> mappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V compute(String key, BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public V merge(String key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
            throw new UnsupportedOperationException();
        }

        // equals and hashCode: AbstractMap's, over the entry array (equal to any map with the same mappings)
    }

    /** Walks an entry array giving the entries ({@code part} -1), their keys (0) or their values (1); read-only. */
    private static final class ArrayIterator<V, T> implements Iterator<T> {
        private final Map.Entry<String, V>[] entries;
        private final int part;
        private int next;

        ArrayIterator(Map.Entry<String, V>[] entries, int part) {
            this.entries = entries;
            this.part = part;
        }

        @Override
        public boolean hasNext() {
            return next < entries.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
            if (next >= entries.length) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, V> e = entries[next++];
            return (T) (part < 0 ? e : part == 0 ? e.getKey() : e.getValue());
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
