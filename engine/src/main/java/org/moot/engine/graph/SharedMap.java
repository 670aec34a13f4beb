package org.moot.engine.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An immutable map whose versions share one large base: a version that changes a few keys holds
 * those alone, beside the base it shares. Once the changes outgrow the square root of the base
 * they are folded into a new base, so a run of n small versions of a map of size N copies about
 * n·√N entries instead of n·N. No null keys or values.
 */
final class SharedMap<K, V> {

    private final Map<K, V> base;
    private final Map<K, V> changed;

    private SharedMap(Map<K, V> base, Map<K, V> changed) {
        this.base = base;
        this.changed = changed;
    }

    /** Takes {@code map} over: the caller must not change it afterwards. */
    static <K, V> SharedMap<K, V> of(Map<K, V> map) {
        return new SharedMap<>(map, Map.of());
    }

    V get(K key) {
        V value = changed.get(key);
        return value != null ? value : base.get(key);
    }

    V getOrDefault(K key, V otherwise) {
        V value = get(key);
        return value != null ? value : otherwise;
    }

    boolean containsKey(K key) {
        return changed.containsKey(key) || base.containsKey(key);
    }

    /** Every value, in the base's order (a changed value in its key's place), then those of keys the base lacks. */
    Stream<V> values() {
        return Stream.concat(base.entrySet().stream().map(e -> changed.getOrDefault(e.getKey(), e.getValue())),
                changed.entrySet().stream().filter(e -> !base.containsKey(e.getKey())).map(Map.Entry::getValue));
    }

    /** This map with {@code more} put in; this one is left as it was. */
    SharedMap<K, V> with(Map<K, V> more) {
        Map<K, V> next = new HashMap<>(changed);
        next.putAll(more);
        if (next.size() <= Math.max(64, Math.sqrt(base.size()))) {
            return new SharedMap<>(base, next);
        }
        Map<K, V> folded = new HashMap<>(base);
        folded.putAll(next);
        return new SharedMap<>(folded, Map.of());
    }
}
