package org.moot.engine.talk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The site's one line in a fact's file, written beside every other line untouched, in whatever style it was left. */
class FactMarksTest {

    private static final String FACT = "---\ntitle: T\nkind: fact\nvalue: 1\n%s"
            + "sources:\n  - {title: S, url: https://example.org, type: other}\n---\nText.\n";

    @Test
    void writesReplacesAndRemovesTheLineInEitherStyle() {
        String plain = FACT.formatted("");
        assertThat(FactMarks.apply(plain, List.of(3))).hasValueSatisfying(t -> assertThat(t).contains("disputes: [3]\n---").contains("value: 1\n"));
        assertThat(FactMarks.apply(FACT.formatted("disputes: [3]\n"), List.of(3))).isEmpty(); // already says so
        // An editor may have rewritten it as a block list: its items go with it, and touch nothing else.
        String block = FACT.formatted("disputes:\n- 1\n- 2\n");
        assertThat(FactMarks.apply(block, List.of(2))).hasValueSatisfying(t -> assertThat(t)
                .isEqualTo(FACT.formatted("disputes: [2]\n")));
        assertThat(FactMarks.apply(block, List.of())).contains(plain);
    }
}
