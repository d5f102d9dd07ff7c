package io.pinpointimport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A map the readers freeze reads like an unmodifiable copy of what they built: same order, same equality, hash and
 * text, and every way of changing it refused, through the map, its views, their iterators and the entries.
 */
class Collections2FrozenTest {
    @Test
    void readsLikeTheMapItWasMadeFrom() {
        Map<String, List<String>> built = built();
        Map<String, List<String>> expected = new LinkedHashMap<>(built);

        Map<String, List<String>> frozen = ReaderMaps.frozen(built);

        assertThat(Collections2.isFrozen(frozen)).isTrue();
        assertThat(frozen).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(frozen);
        assertThat(frozen.toString()).isEqualTo(expected.toString());
        assertThat(frozen.keySet()).containsExactly("c", "a", "b");
        assertThat(new ArrayList<>(frozen.values())).containsExactly(List.of("3"), List.of("1", "x"), List.of("2"));
        assertThat(frozen.entrySet()).containsExactlyElementsOf(expected.entrySet());
        assertThat(frozen.get("a")).containsExactly("1", "x");
        assertThat(frozen.get("z")).isNull();
        assertThat(frozen.containsKey("b")).isTrue();
        assertThat(frozen.keySet().contains("b")).isTrue();
        assertThat(frozen.keySet().contains("z")).isFalse();
        assertThat(frozen.size()).isEqualTo(3);
        assertThat(frozen.isEmpty()).isFalse();
        List<String> walked = new ArrayList<>();
        frozen.forEach((k, v) -> walked.add(k + v));
        assertThat(walked).containsExactly("c[3]", "a[1, x]", "b[2]");
        Iterator<String> keys = frozen.keySet().iterator();
        keys.next();
        keys.next();
        keys.next();
        assertThat(keys.hasNext()).isFalse();
        assertThatThrownBy(keys::next).isInstanceOf(NoSuchElementException.class);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("m", 1.5);
        assertThat(ReaderMaps.frozen(metrics)).isEqualTo(Map.of("m", 1.5));
        assertThat(ReaderMaps.frozen(new LinkedHashMap<>())).isEmpty();
    }

    @Test
    void aMapOfEntriesReadsLikeTheSameMappingsInAHashMapWhateverItsSize() {
        // small maps are looked up along their entries, big ones through an index: both must read alike
        for (int size : new int[] {1, 2, 8, 9, 40}) {
            @SuppressWarnings("unchecked")
            Map.Entry<String, Double>[] entries = new Map.Entry[size + 3];
            Map<String, Double> expected = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                String name = "metric-" + (size - i);
                entries[i] = new java.util.AbstractMap.SimpleImmutableEntry<>(name, (double) i);
                expected.put(name, (double) i);
            }

            Map<String, Double> frozen = Collections2.freezeEntries(entries, size);

            assertThat(Collections2.isFrozen(frozen)).isTrue();
            assertThat(frozen).as("size %d", size).isEqualTo(expected).hasSameHashCodeAs(expected);
            assertThat(expected).isEqualTo(frozen);
            assertThat(frozen.toString()).isEqualTo(expected.toString());
            assertThat(frozen.keySet()).containsExactlyElementsOf(expected.keySet());
            for (String name : expected.keySet()) {
                assertThat(frozen.get(new String(name))).isEqualTo(expected.get(name));
                assertThat(frozen.containsKey(name)).isTrue();
                assertThat(frozen.keySet().contains(name)).isTrue();
            }
            assertThat(frozen.get("metric-0")).isNull();
            assertThat(frozen.get(null)).isNull();
            assertThat(frozen.get(42)).isNull();
            assertThat(frozen.containsKey(null)).isFalse();
            assertThat(frozen).isNotEqualTo(Map.of("metric-0", 1.0));
        }
        assertThat(Collections2.freezeEntries(new Map.Entry[2], 0)).isEmpty();
    }

    @Test
    void refusesEveryChange() {
        Map<String, List<String>> frozen = ReaderMaps.frozen(built());
        List<Consumer<Map<String, List<String>>>> changes = List.of(
                m -> m.put("d", List.of("4")),
                m -> m.put("a", List.of("1")),
                m -> m.remove("a"),
                m -> m.remove("z"),
                m -> m.remove("a", List.of("1", "x")),
                m -> m.putAll(Map.of("d", List.of("4"))),
                Map::clear,
                m -> m.replaceAll((k, v) -> v),
                m -> m.putIfAbsent("a", List.of()),
                m -> m.replace("a", List.of()),
                m -> m.replace("a", List.of("1", "x"), List.of()),
                m -> m.computeIfAbsent("a", k -> List.of()),
                m -> m.computeIfPresent("a", (k, v) -> v),
                m -> m.compute("a", (k, v) -> v),
                m -> m.merge("a", List.of(), (x, y) -> x),
                m -> m.keySet().remove("a"),
                m -> m.keySet().clear(),
                m -> m.values().clear(),
                m -> m.entrySet().clear(),
                m -> m.entrySet().iterator().next().setValue(List.of()),
                m -> {
                    Iterator<?> it = m.keySet().iterator();
                    it.next();
                    it.remove();
                },
                m -> m.get("a").add("y"),
                m -> m.values().iterator().next().clear());
        for (Consumer<Map<String, List<String>>> change : changes) {
            assertThatThrownBy(() -> change.accept(frozen)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(frozen).isEqualTo(built());
    }

    private static Map<String, List<String>> built() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("c", new ArrayList<>(List.of("3")));
        map.put("a", new ArrayList<>(List.of("1", "x")));
        map.put("b", new ArrayList<>(List.of("2")));
        return map;
    }
}
