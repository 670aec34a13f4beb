package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files written to take a reader down, or to slip what is not text into a page: each is a problem with its line. */
class HostileTextTest {

    private static List<String> problems(String text) {
        return PageParser.parse("x/page.md", text).violations().stream().map(Violation::toString).toList();
    }

    private static String nestedFrontMatter(int depth) {
        return "---\ntitle: Deep\nx: " + "[".repeat(depth) + "]".repeat(depth) + "\n---\nBody\n";
    }

    @Test
    void frontMatterNestedThousandsDeepIsRefusedWithItsLine() {
        for (int depth : new int[] {2_000, 20_000}) {
            assertThat(problems(nestedFrontMatter(depth)))
                    .containsExactly("x/page.md:3: front matter is nested more than 16 levels deep");
        }
        assertThat(nestedFrontMatter(20_000).length()).isLessThan(FrontMatterParser.MAX_FRONT_MATTER_CHARS);
        // What the converter has always allowed is still allowed.
        assertThat(problems("---\ntitle: T\nx: " + "[".repeat(16) + "]".repeat(16) + "\n---\n")).isEmpty();
    }

    @Test
    void markdownNestedTooDeeplyIsRefusedWithItsLine() {
        String list = java.util.stream.IntStream.range(0, 700).mapToObj(i -> "  ".repeat(i) + "- item\n")
                .collect(java.util.stream.Collectors.joining());
        assertThat(problems("---\ntitle: T\n---\nIntro\n\n" + ">".repeat(1_000) + " quoted\n"))
                .containsExactly("x/page.md:6: quotes and lists here are nested more than 100 levels deep; flatten them");
        assertThat(problems("# Quotes\n\n" + ">".repeat(3_000) + "\n")).hasSize(1);
        assertThat(problems(list)).first().isEqualTo("x/page.md:101: quotes and lists here are nested more than 100 levels deep; flatten them");
        assertThat(problems("- ".repeat(700) + "x\n")).hasSize(1);
        assertThat(problems("Some\n" + "*".repeat(2_000) + "x" + "*".repeat(2_000) + "\n"))
                .containsExactly("x/page.md:2: emphasis, links or brackets here are nested more than 100 levels deep; close some of them");
        assertThat(problems("*a ".repeat(2_000) + "x" + " b*".repeat(2_000) + "\n")).hasSize(1);
        assertThat(problems("[".repeat(2_000) + "x" + "]".repeat(2_000) + "\n")).hasSize(1);
        // Strikethrough that only looks like a code fence is still counted.
        assertThat(problems("~~".repeat(2_000) + "x" + "~~".repeat(2_000) + "\n")).hasSize(1);
        assertThat(problems("```\ncode\n```\n" + "*".repeat(300) + "x" + "*".repeat(300) + "\n")).hasSize(1);
    }

    @Test
    void reservedIdsCannotBeNamedAsParentsTargetsOrOldNames() {
        assertThat(problems("---\ntitle: T\nparents: [private]\n---\n")).containsExactly(
                "x/page.md:3: 'parents': 'private' is reserved for discussions, settings and private data, not pages");
        assertThat(problems("---\ntitle: T\nredirect-from: [talk/x, private/accounts/admin]\n---\n")).hasSize(2);
        assertThat(problems("---\ntitle: T\nkind: argument\nstance: for\non: private\n---\n")).hasSize(1);
    }

    @Test
    void yamlEscapesCannotSpellWhatAFileMayNotHold() {
        assertThat(problems("---\ntitle: \"a\\0b\"\n---\n")).containsExactly(
                "x/page.md:2: 'title': a NUL character (U+0000) is not text; remove it");
        assertThat(problems("---\ntitle: \"a\\nb\"\n---\n")).containsExactly("x/page.md:2: 'title' must be one line");
        assertThat(problems("---\ntitle: \"a\\x1bb\"\n---\n")).hasSize(1);
        assertThat(problems("---\ntitle: T\ntags: [\"ok\", \"a\\u0007b\"]\n---\n")).hasSize(1);
    }

    @Test
    void tooManyLinksInOneParagraphAreRefused() {
        // Unclosed link destinations cost Flexmark quadratic time: 20,000 of them took 25 s to render.
        assertThat(problems("Intro\n\n" + "[a](".repeat(20_000) + "\n"))
                .containsExactly("x/page.md:3: this paragraph has more than 1000 links; split it into several paragraphs");
        assertThat(problems(("[a](/x) ".repeat(900) + "\n\n").repeat(3))).isEmpty();
    }

    @Test
    void ordinaryMarkdownIsNotMistakenForDeepNesting() {
        String many = "*one* and **two** and _three_ and [four](/x) and `*code*` and 2*3*4. ".repeat(200);
        assertThat(problems("---\ntitle: T\n---\n" + many + "\n\n- a\n  - b\n    - c\n\n> > > quoted\n\n"
                + "* * *\n" + "-".repeat(300) + "\n\n```\n" + "- ".repeat(300) + "\n```\n")).isEmpty();
    }

    @Test
    void aFigureStaysAsWrittenAndIsCheckedLikeAnyLine() {
        String fact = "---\ntitle: T\nkind: fact\nvalue: %s\nas-of: %s\nsources: [{title: S, url: 'https://e.org'}]\n---\n";
        // Eleven characters that a decimal reading would make a billion digits long.
        var bomb = PageParser.parse(PageId.of("x/page"), "x/page.md", fact.formatted("1e999999999", "2025-01-01"));
        assertThat(bomb.violations()).isEmpty();
        assertThat(((Details.Fact) bomb.page().details()).value()).isEqualTo("1e999999999");
        assertThat(((Details.Fact) PageParser.parse(PageId.of("x/page"), "x/page.md", fact.formatted("4.30", "2025-01-01"))
                .page().details()).value()).isEqualTo("4.30");
        assertThat(problems(fact.formatted("'   '", "2025-01-01"))).containsExactly("x/page.md:4: a fact must have a 'value'");
        assertThat(problems(fact.formatted("\"4\\0\\u202e\"", "2025-01-01")))
                .containsExactly("x/page.md:4: 'value': a NUL character (U+0000) is not text; remove it");
        assertThat(problems(fact.formatted("1" + "0".repeat(5_000), "2025-01-01"))).singleElement().asString()
                .contains("'value' is longer than 1000 characters");
        assertThat(problems(fact.formatted("3", "+999999999-12-31")))
                .containsExactly("x/page.md:5: 'as-of' must be a date written YYYY-MM-DD, not '+999999999-12-31'");
    }

    @Test
    void bytesThatAreNotUtf8AreAProblemNotAReplacement() {
        byte[] bytes = "---\ntitle: T\n---\nline one\nbad \u0000 here\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 7] = (byte) 0xff;
        var parsed = PageParser.parse(PageId.of("x/page"), "x/page.md", bytes);
        assertThat(parsed.violations()).extracting(Violation::toString)
                .containsExactly("x/page.md:5: the text is not valid UTF-8 (byte 0xFF); it must be UTF-8");
        // An UTF-16 surrogate written out as UTF-8 (CESU) is not UTF-8 either.
        byte[] cesu = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        assertThat(PageParser.parse(PageId.of("x/page"), "x/page.md", cesu).violations()).hasSize(1);
        assertThat(PageParser.parse(PageId.of("x/page"), "x/page.md", "# Café ☕ 😀\n".getBytes(StandardCharsets.UTF_8))
                .violations()).isEmpty();
        // The replacement character itself, written as UTF-8, is text; a bad byte beside it is still found.
        assertThat(PageParser.parse(PageId.of("x/page"), "x/page.md", "a \uFFFD b\n".getBytes(StandardCharsets.UTF_8))
                .violations()).isEmpty();
        byte[] both = "a \uFFFD b ?\n".getBytes(StandardCharsets.UTF_8);
        both[both.length - 2] = (byte) 0xc3;
        assertThat(PageParser.parse(PageId.of("x/page"), "x/page.md", both).violations()).extracting(Violation::toString)
                .containsExactly("x/page.md:1: the text is not valid UTF-8 (byte 0xC3); it must be UTF-8");
    }

    @Test
    void nulLoneSurrogatesAndControlCharactersAreRefusedWherever() {
        assertThat(problems("---\ntitle: A\u0000B\n---\nText\n"))
                .contains("x/page.md:2: a NUL character (U+0000) is not text; remove it");
        assertThat(problems("Text\nlone \uD800 here\n"))
                .containsExactly("x/page.md:2: a lone surrogate (U+D800) is not text; remove it");
        assertThat(problems("Text\n\nbell \u0007 and escape \u001B[31m\n")).containsExactly(
                "x/page.md:3: a control character (U+0007) is not text; remove it",
                "x/page.md:3: a control character (U+001B) is not text; remove it");
        assertThat(problems("Tabs\tand\r\nCRLF and 😀 are text\n")).isEmpty();
    }

    @Test
    void aSummaryIsOneLineOfPrintableText() {
        assertThat(SourceText.lineProblem("the summary", "Fix a typo in §2 😀", 200)).isEmpty();
        assertThat(SourceText.lineProblem("the summary", "Fix\n\nSigned-off-by: Someone", 200))
                .contains("the summary must be one line");
        assertThat(SourceText.lineProblem("the summary", "Fix \u0001", 200))
                .contains("the summary: a control character (U+0001) is not text; remove it");
        assertThat(SourceText.lineProblem("the summary", "x".repeat(201), 200))
                .contains("the summary is longer than 200 characters");
    }

    @Test
    void privateIsReservedLikeTalkAndSettings() {
        assertThat(PageId.isReserved("private.md")).isTrue();
        assertThat(PageId.isReserved("private/accounts/admin.md")).isTrue();
        assertThat(PageId.isReserved("privately.md")).isFalse();
        assertThat(PageId.isReserved("Private.md")).as("ids are lower-cased from file names").isTrue();
        assertThat(PageId.isReserved("Talk/proposals.md")).isTrue();
        assertThat(PageId.fromPath("private/index.md")).isEmpty();
    }
}
