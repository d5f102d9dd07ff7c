package io.pinpointimport.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** For tests: freezes a built map as the readers hand theirs over, through {@link Collections2#freezeEntries}. */
public final class ReaderMaps {
    private ReaderMaps() {}

    /**
     * @param built the map a reader would have gathered; its lists are made unmodifiable, as the readers' are
     * @param <V> the values' type
     * @return the frozen map, in the built map's order
     */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> frozen(Map<String, V> built) {
        Map.Entry<String, V>[] entries = Collections2.newEntries(built.size());
        int i = 0;
        for (Map.Entry<String, V> e : built.entrySet()) {
            V value = e.getValue() instanceof List<?> list ? (V) Collections.unmodifiableList(list) : e.getValue();
            entries[i++] = Map.entry(e.getKey(), value);
        }
        return Collections2.freezeEntries(entries, i);
    }
}
