package org.moot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 20_000).boxed().toList();

    @Test
    void eachItemIsTakenOnceAndEveryCoreTakesSome() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        Parallel.forEach(ITEMS, i -> {
            seen.add(i);
            calls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            spin(); // 0.2 s in all: time enough for every helper to start
        });
        assertThat(calls).hasValue(ITEMS.size());
        assertThat(seen).hasSize(ITEMS.size());
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(threads).contains(Thread.currentThread().getName()).hasSizeBetween(Math.min(2, cores), cores);
    }

    @Test
    void aFewItemsAreWorkedOnByTheCallerAlone() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(ITEMS.subList(0, Parallel.SHARED_FROM - 1), i -> {
            threads.add(Thread.currentThread().getName());
            spin();
        });
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aCallWithinACallFinishesItsItemsOnTheThreadsLeft() {
        List<Integer> outer = IntStream.range(0, 16).boxed().toList();
        AtomicInteger inner = new AtomicInteger();
        Parallel.forEach(outer, o -> Parallel.forEach(ITEMS.subList(0, 1_000), i -> inner.incrementAndGet()));
        assertThat(inner).hasValue(outer.size() * 1_000);
    }

    /** About 10 µs of work. */
    private static void spin() {
        for (long end = System.nanoTime() + 10_000; System.nanoTime() < end; ) {
            Thread.onSpinWait();
        }
    }

    @Test
    void mapKeepsTheItemsOrder() {
        assertThat(Parallel.map(ITEMS, i -> i * 2)).isEqualTo(ITEMS.stream().map(i -> i * 2).toList());
        assertThat(Parallel.map(List.<Integer>of(), i -> i)).isEmpty();
    }

    @Test
    void theFirstFailureIsThrownAndTheRestOfTheItemsAreLeft() {
        AtomicInteger done = new AtomicInteger();
        assertThatThrownBy(() -> Parallel.forEach(ITEMS, i -> {
            if (i == 100) {
                throw new IllegalArgumentException("item " + i);
            }
            spin(); // 0.2 s in all: the threads stop long before, even when the one that failed was held up a while
            done.incrementAndGet();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 100");
        assertThat(done.get()).isLessThan(ITEMS.size() - 1);
    }
}
