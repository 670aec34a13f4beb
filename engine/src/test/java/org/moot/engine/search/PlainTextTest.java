package org.moot.engine.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void keepsTheWordsAReaderSeesAndDropsTheMarkup() {
        String markdown = """
                # Fees
                  ## Why *now*
                > Quoted **bold** `code`
                - a bullet with [a link](https://example.org/x) and [[education/fees]], ![a map](m.png), [not a link] [x](
                * star bullet, ~~struck~~ and snake_case
                12. numbered, with {{fact:health/gp}} and <span class="x">html</span>
                | cell | cell |
                #hashtag stays, -5 stays, 3.5 stays, ####### seven stays
                """;
        assertThat(PlainText.of(markdown)).isEqualTo("""
                 Fees
                 Why  now\s
                 Quoted  bold   code\s
                 a bullet with a link and education/fees, a map, [not a link] [x](
                 star bullet,  struck  and snake case
                 numbered, with   and  html\s
                  cell   cell \s
                #hashtag stays, -5 stays, 3.5 stays, ####### seven stays
                """);
    }

    @Test
    void aLongPageOfPlainWordsComesBackAsItWas() {
        String words = "Plain words, nothing to strip.\n".repeat(10_000);
        assertThat(PlainText.of(words)).isEqualTo(words);
    }
}
