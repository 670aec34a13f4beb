package org.moot.engine.argue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;
import org.moot.engine.access.Accounts;
import org.moot.engine.git.Repo;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.PageId;

/** An argument tree on a real repository, out as Argdown and back in as the same tree; and as a picture. */
class ArgdownTest {

    @TempDir
    Path tmp;

    private static String argument(String title, String stance, String on) {
        return "---\ntitle: \"" + title + "\"\nkind: argument\nstance: " + stance + "\non: " + on + "\nsummary: About " + title + "\n---\nText.\n";
    }

    private Repo debate() {
        return TestRepos.repo(tmp,
                "transport/buses.md", "---\ntitle: Free buses for under-25s\nsummary: Fares paid from the transport levy.\n---\nText.\n",
                "transport/a1.md", argument("Young people <18> need to reach college", "for", "transport/buses"),
                "transport/a2.md", argument("The levy is already stretched", "against", "transport/buses"),
                "transport/a3.md", argument("Other fares would rise [maybe]", "for", "transport/a2"),
                "transport/a4.md", argument("Colleges run their own buses", "against", "transport/a1"),
                "transport/a5.md", argument("Only in the towns", "for", "transport/a4"));
    }

    @Test
    void theExportReadsBackAsTheSameTree() {
        try (Repo repo = debate()) {
            SiteGraph graph = TestRepos.graph(repo);
            PageId id = PageId.of("transport/buses");
            ArgumentTree tree = graph.arguments(id);
            String argdown = Argdown.write(graph.page(id).orElseThrow(), tree);
            assertThat(argdown).contains("[Free buses for under-25s]: Fares paid from the transport levy.")
                    .contains("\n  + <Young people ‹18› need to reach college>: About Young people <18> need to reach college")
                    .contains("\n    - <Colleges run their own buses>")
                    .contains("\n      + <Only in the towns>");

            Argdown.Claim back = Argdown.read(argdown);
            assertThat(back.title()).isEqualTo("Free buses for under-25s");
            assertThat(shape(back)).isEqualTo(shape(tree, "Free buses for under-25s"));
        }
    }

    /** The tree as lines "depth stance title", titles as Argdown writes them. */
    private static List<String> shape(Argdown.Claim claim) {
        List<String> out = new ArrayList<>();
        walk(claim, 0, out);
        return out;
    }

    private static void walk(Argdown.Claim c, int depth, List<String> out) {
        c.pro().forEach(p -> {
            out.add(depth + " + " + p.title());
            walk(p, depth + 1, out);
        });
        c.con().forEach(p -> {
            out.add(depth + " - " + p.title());
            walk(p, depth + 1, out);
        });
    }

    private static List<String> shape(ArgumentTree tree, String title) {
        List<String> out = new ArrayList<>();
        walk(tree, 0, out);
        return out;
    }

    private static void walk(ArgumentTree t, int depth, List<String> out) {
        t.pro().forEach(n -> {
            out.add(depth + " + " + n.argument().title().replace('<', '‹').replace('>', '›').replace('[', '⁅').replace(']', '⁆'));
            walk(n.replies(), depth + 1, out);
        });
        t.con().forEach(n -> {
            out.add(depth + " - " + n.argument().title().replace('<', '‹').replace('>', '›').replace('[', '⁅').replace(']', '⁆'));
            walk(n.replies(), depth + 1, out);
        });
    }

    @Test
    void aBadDocumentIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Argdown.read("  + <Orphan>\n")).isInstanceOf(Accounts.Refused.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Argdown.read("[Claim]\n+ <Not indented>\n")).hasMessageContaining("line 2").hasMessageContaining("indented");
        assertThatThrownBy(() -> Argdown.read("[A]\n[B]\n")).hasMessageContaining("second claim");
        assertThatThrownBy(() -> Argdown.read("[A]\n  + no title\n")).hasMessageContaining("title");
        StringBuilder deep = new StringBuilder("[A]\n");
        for (int i = 1; i <= 60; i++) {
            deep.append("  ".repeat(i)).append("+ <A").append(i).append(">\n");
        }
        assertThatThrownBy(() -> Argdown.read(deep.toString())).hasMessageContaining("deep");
        assertThat(Argdown.read("===\ntitle: x\n===\n// note\n[A]: a\n  - <B>: b\n    + <C>\n  + <D>\n").pro())
                .extracting(Argdown.Claim::title).containsExactly("D");
    }

    @Test
    void theMapIsAPictureWithEveryTitleEscapedAndNoScript() throws Exception {
        try (Repo repo = debate()) {
            SiteGraph graph = TestRepos.graph(repo);
            PageId id = PageId.of("transport/buses");
            String svg = ArgumentMap.svg(graph.page(id).orElseThrow(), graph.arguments(id));
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(svg).contains("&lt;18&gt;").doesNotContain("<18>").doesNotContain("<script").doesNotContain("href")
                    .contains("stroke-dasharray"); // against is dashed, not only another colour
            assertThat(svg.split("<rect").length - 1).isEqualTo(6);
        }
    }

    @Test
    void aLongTitleWrapsIntoThreeLinesAtMost() {
        assertThat(ArgumentMap.wrap("a ".repeat(100))).hasSize(3).last().asString().endsWith("…");
        assertThat(ArgumentMap.wrap("Short title")).containsExactly("Short title");
    }
}
