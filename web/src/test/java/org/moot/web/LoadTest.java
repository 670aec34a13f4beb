package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.web.bench.LoadBench;

/**
 * The release load at CI size (bench/load.sh runs it at 32 clients for 60 s): every kind of
 * request at once, from readers, members and editors. Not timed: it fails on a 5xx, a request that
 * never answers (a deadlock between a writer and a reader was found this way), or an acknowledged
 * edit missing from main.
 */
class LoadTest {

    @TempDir
    Path tmp;

    @Test
    void everyKindOfRequestAtOnceLosesNothingAndFailsNothing() throws Exception {
        LoadBench.Outcome outcome = LoadBench.run(tmp, 8, 10);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.acknowledged()).isPositive();
    }
}
