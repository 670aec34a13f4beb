package org.moot.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moot.engine.TestRepos.graph;
import static org.moot.engine.TestRepos.repo;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.git.Repo;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.PageId;

class RendererTest {

    @TempDir
    Path tmp;

    private final Renderer renderer = new Renderer(1 << 20);

    private String html(String markdown) {
        return renderer.render(markdown, Optional.empty()).html();
    }

    @Test
    void markdownNestedDeeperThanAStackCanRenderIsShownAsPlainText() {
        // Each of these overflowed the stack of the thread rendering it.
        for (String markdown : java.util.List.of(">".repeat(3_000) + " <b>x</b>\n", "- ".repeat(1_000) + "x\n",
                "*".repeat(3_000) + "x" + "*".repeat(3_000) + "\n", "~~".repeat(3_000) + "x" + "~~".repeat(3_000) + "\n")) {
            assertThat(html(markdown))
                    .startsWith("<p><strong>This text is shown unformatted: it is nested too deeply.</strong></p><pre>")
                    .doesNotContain("<b>");
        }
        assertThat(html("> > quoted *twice*\n")).contains("<blockquote>").contains("<em>twice</em>");
    }

    @Test
    void commonMarkWithTheExtensionsPolicyTextsNeed() {
        String html = html("""
                [TOC]

                ## Costs and benefits

                | Option | Cost |
                |:--|--:|
                | A | 1 |

                ~~old~~ new, www.example.org and https://example.org/x

                - [x] agreed
                - [ ] open

                A claim.[^1]

                [^1]: The source.
                """);
        assertThat(html).contains("<h2 id=\"md-costs-and-benefits\">Costs and benefits</h2>");
        assertThat(html).contains("href=\"#md-costs-and-benefits\"");
        assertThat(html).contains("<table>").contains("<td align=\"right\">1</td>");
        assertThat(html).contains("<del>old</del>");
        assertThat(html).contains("<a href=\"https://example.org/x\" rel=\"nofollow ugc\"");
        assertThat(html).contains("type=\"checkbox\"").contains("checked");
        assertThat(html).contains("class=\"footnote-ref\"").contains("id=\"md-fn-1\"").contains("href=\"#md-fn-1\"");
    }

    @Test
    void wikiLinksResolveByIdOrTitleAndMissingTargetsAreMarked() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "housing/rent.md", "---\ntitle: Rent controls\n---\n")) {
            SiteGraph graph = graph(repo);
            String html = renderer.render("[[housing/rent]], [[Rent Controls]], [[the rules|housing/rent#history]], "
                    + "[[Nowhere Yet]], [old](/housing/rent), [search](/search?q=x)", Optional.of(graph)).html();
            assertThat(html).contains("<a href=\"/wiki/housing/rent\">housing/rent</a>");
            assertThat(html).contains("<a href=\"/wiki/housing/rent\">Rent Controls</a>");
            assertThat(html).contains("<a href=\"/wiki/housing/rent#history\">the rules</a>");
            assertThat(html).contains("href=\"/wiki/nowhere-yet\"").contains("class=\"wiki-missing\"");
            assertThat(html).contains("<a href=\"/wiki/housing/rent\">old</a>");
            assertThat(html).contains("<a href=\"/search?q&#61;x\">search</a>");
        }
    }

    @Test
    void factsAreTranscludedWithValueSourceAndDate() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "facts/wait.md", """
                ---
                title: Median GP wait
                kind: fact
                value: 12
                unit: days
                as-of: 2025-06-30
                sources:
                  - {title: Northvale health survey, url: 'https://example.org/s'}
                ---
                """)) {
            SiteGraph graph = graph(repo);
            String html = renderer.render("The wait is {{fact:facts/wait}}; `{{fact:facts/wait}}` in code; {{fact:facts/none}}.",
                    Optional.of(graph)).html();
            assertThat(html).contains("The wait is <a class=\"fact\" href=\"/wiki/facts/wait\" "
                    + "title=\"Median GP wait: 12 days. Source: Northvale health survey. As of 2025-06-30\">12</a>;");
            // Not transcluded in code; the sanitiser breaks up "{{" so no client template can run it.
            assertThat(html).contains("<code>{<!-- -->{fact:facts/wait}}</code>");
            assertThat(html).contains("class=\"fact fact-missing\"");
        }
    }

    @Test
    void renderedPagesAreCachedByContentAndTree() {
        try (Repo repo = repo(tmp, "index.md", "---\ntitle: Home\n---\nHello [[x]]")) {
            SiteGraph graph = graph(repo);
            var page = graph.page(PageId.HOME).orElseThrow();
            assertThat(renderer.render(page, graph)).isSameAs(renderer.render(page, graph));
        }
    }
}
