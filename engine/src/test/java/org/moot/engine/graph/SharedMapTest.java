package org.moot.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedMapTest {

    @Test
    void eachVersionKeepsItsOwnValuesThroughFoldsAndNewKeys() {
        Map<Integer, String> base = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            base.put(i, "v0-" + i);
        }
        SharedMap<Integer, String> first = SharedMap.of(base);
        SharedMap<Integer, String> current = first;
        Map<Integer, String> expected = new HashMap<>(base);
        for (int round = 1; round <= 200; round++) { // past the square root of 1,000 several times: folds happen
            int key = (round * 37) % 1000;
            current = current.with(Map.of(key, "v" + round, 1000 + round, "new" + round));
            expected.put(key, "v" + round);
            expected.put(1000 + round, "new" + round);
        }
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            assertThat(current.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(current.values().toList()).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(current.containsKey(1200)).isTrue();
        assertThat(current.getOrDefault(5000, "none")).isEqualTo("none");
        // The first version saw none of it.
        assertThat(first.get(37)).isEqualTo("v0-37");
        assertThat(first.containsKey(1001)).isFalse();
        assertThat(first.values().count()).isEqualTo(1000);
    }
}
