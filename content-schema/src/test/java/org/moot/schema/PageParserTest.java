package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageParserTest {

    private static PageParser.Parsed parse(String path, String text) {
        return PageParser.parse(path, text);
    }

    private static List<String> problems(String text) {
        return parse("x/page.md", text).violations().stream().map(Violation::toString).toList();
    }

    @Test
    void readsEveryKindIntoItsOwnModel() {
        var fact = parse("health/facts/gps.md", """
                ---
                title: Patients per GP
                kind: fact
                summary: How many registered patients each full-time GP serves
                value: 2.30
                unit: thousand patients
                as-of: 2025-03-31
                sources:
                  - title: GP workforce statistics
                    url: https://example.org/gp
                    accessed: 2026-01-10
                    type: official-statistics
                reviewed-by: Ana
                ---
                The figure counts full-time equivalents.
                """);
        assertThat(fact.violations()).isEmpty();
        Page page = fact.page();
        assertThat(page.kind()).isEqualTo(Kind.FACT);
        assertThat(page.summary()).contains("How many registered patients each full-time GP serves");
        var details = (Details.Fact) page.details();
        assertThat(details.value()).isEqualTo("2.30");
        assertThat(details.asOf()).contains(LocalDate.of(2025, 3, 31));
        assertThat(details.sources()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(Source.Type.OFFICIAL_STATISTICS);
            assertThat(s.accessed()).contains(LocalDate.of(2026, 1, 10));
        });
        assertThat(page.frontMatter().unknown()).containsEntry("reviewed-by", "Ana");
        assertThat(page.body()).isEqualTo("The figure counts full-time equivalents.\n");
        assertThat(page.bodyLine()).isEqualTo(15);

        var argument = parse("a/for-x.md", "---\ntitle: T\nkind: argument\nstance: against\non: a/for-y\nalso-on: [b/z]\n---\n");
        assertThat(argument.violations()).isEmpty();
        assertThat(argument.page().details()).isEqualTo(new Details.Argument(java.util.Optional.of(Details.Stance.AGAINST),
                java.util.Optional.of(PageId.of("a/for-y")), List.of(PageId.of("b/z")), List.of()));
    }

    @Test
    void aFileWithoutFrontMatterIsAPageTitledByItsHeadingOrName() {
        var headed = parse("docs/setup.md", "Intro\n\n# Setting up\n\nText");
        assertThat(headed.violations()).isEmpty();
        assertThat(headed.page().kind()).isEqualTo(Kind.PAGE);
        assertThat(headed.page().title()).isEqualTo("Setting up");
        assertThat(parse("docs/getting-started.md", "No heading").page().title()).isEqualTo("Getting started");
    }

    @Test
    void singleValuesAreReadAsListsOfOne() {
        var page = parse("x/p.md", "---\ntitle: T\nkind: paper\nauthors: Jo Mensah\ntags: health\n---\n").page();
        assertThat(((Details.Paper) page.details()).authors()).containsExactly("Jo Mensah");
        assertThat(page.tags()).containsExactly("health");
    }

    @Test
    void missingTitle() {
        assertThat(problems("---\nkind: topic\n---\nbody")).containsExactly("x/page.md:2: missing required field 'title'");
    }

    @Test
    void unknownKind() {
        assertThat(problems("---\ntitle: T\nkind: essay\n---\n")).containsExactly(
                "x/page.md:3: unknown kind 'essay'; expected one of topic, paper, response, synthesis, fact, argument, call, page");
    }

    @Test
    void factWithoutSourcesValueOrDate() {
        assertThat(problems("---\ntitle: T\nkind: fact\n---\n")).containsExactlyInAnyOrder(
                "x/page.md:2: a fact must have a 'value'",
                "x/page.md:2: a fact must say the date it holds for in 'as-of' (YYYY-MM-DD)",
                "x/page.md:2: a fact must list its 'sources'");
    }

    @Test
    void badDate() {
        assertThat(problems("---\ntitle: T\nkind: fact\nvalue: 3\nas-of: 2025-13-01\n"
                + "sources:\n  - {title: S, url: 'https://example.org'}\n---\n"))
                .containsExactly("x/page.md:5: 'as-of' must be a date written YYYY-MM-DD, not '2025-13-01'");
    }

    @Test
    void badSources() {
        assertThat(problems("""
                ---
                title: T
                kind: fact
                value: 3
                as-of: 2025-01-01
                sources:
                  - title: Fine
                    url: https://example.org
                  - url: javascript:alert(1)
                    type: blog
                  - just a string
                ---
                """)).containsExactly(
                "x/page.md:9: source 2 has no 'title'",
                "x/page.md:9: source 2 needs a 'url' starting with http:// or https://",
                "x/page.md:9: source 2 has unknown type 'blog'; expected one of official-statistics, peer-reviewed, reference, press, other",
                "x/page.md:11: each source must have a title and a url");
    }

    @Test
    void argumentWithoutStanceOrTarget() {
        assertThat(problems("---\ntitle: T\nkind: argument\n---\n")).containsExactlyInAnyOrder(
                "x/page.md:2: an argument must have a 'stance': for or against",
                "x/page.md:2: an argument must name the page or argument it is about in 'on'");
        assertThat(problems("---\ntitle: T\nkind: argument\nstance: maybe\non: x\n---\n"))
                .containsExactly("x/page.md:4: 'stance' must be one of for, against, not 'maybe'");
    }

    @Test
    void responseAndSynthesisNeedTheirTargets() {
        assertThat(problems("---\ntitle: T\nkind: response\n---\n"))
                .containsExactly("x/page.md:2: a response must name the paper it answers in 'responds-to'");
        assertThat(problems("---\ntitle: T\nkind: synthesis\n---\n"))
                .containsExactly("x/page.md:2: a synthesis must name its topic in 'theme'");
    }

    @Test
    void paperStatus() {
        assertThat(problems("---\ntitle: T\nkind: paper\nstatus: draft\n---\n")).containsExactly(
                "x/page.md:4: 'status' must be one of submitted, accepted, commissioned, withdrawn, not 'draft'");
    }

    @Test
    void invalidIdInAListNamesTheItemsLine() {
        assertThat(problems("---\ntitle: T\nparents:\n  - health\n  - ../etc\n---\n")).containsExactly(
                "x/page.md:5: 'parents': '../etc' is not a valid page id: it contains '..'");
    }

    @Test
    void wrongShapes() {
        // One problem, not a second "missing" for a title that is there but of the wrong shape.
        assertThat(problems("---\ntitle: [a, b]\n---\n")).containsExactly(
                "x/page.md:2: 'title' must be a single line of text");
        assertThat(problems("---\ntitle: T\ntags:\n  - {a: 1}\n---\n"))
                .containsExactly("x/page.md:4: 'tags' must be a list of text");
    }

    @Test
    void leftoverConflictMarkers() {
        assertThat(problems("---\ntitle: T\n---\nok\n<<<<<<< main\nA\n=======\nB\n>>>>>>> yours\n")).containsExactly(
                "x/page.md:5: a conflict marker is still here; keep the text you want and remove the markers",
                "x/page.md:7: a conflict marker is still here; keep the text you want and remove the markers",
                "x/page.md:9: a conflict marker is still here; keep the text you want and remove the markers");
        assertThat(problems("---\ntitle: T\n---\nA heading\n=======\n")).isEmpty();
    }

    @Test
    void writtenPagesReadBackTheSame() {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("title", "Rents: what's fair? #1");
        fields.put("kind", "fact");
        fields.put("value", "4.30");
        fields.put("as-of", "2025-01-01");
        fields.put("on", "yes");
        fields.put("sources", List.of(java.util.Map.of("title", "S: a survey", "url", "https://example.org/x?a=1&b=2")));
        fields.put("tags", List.of("- dash", "true", "null"));
        String text = PageWriter.write(fields, "Body\n");
        var page = parse("x/page.md", text).page();
        assertThat(page.title()).isEqualTo("Rents: what's fair? #1");
        assertThat(((Details.Fact) page.details()).value()).isEqualTo("4.30");
        assertThat(page.frontMatter().get("on")).isEqualTo("yes");
        assertThat(page.tags()).containsExactly("- dash", "true", "null");
        assertThat(page.sources().get(0).url()).isEqualTo("https://example.org/x?a=1&b=2");
        assertThat(page.body()).isEqualTo("Body\n");
    }
}
