package org.moot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.read.Lookup;
import org.moot.schema.Kind;
import org.moot.schema.Page;

/** The demo is what every new user sees first: it must be valid and show every kind. */
class DemoSiteTest {

    @TempDir
    Path tmp;

    @Test
    void theDemoSiteIsValidAndShowsEveryKind() {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), false, TestRepos.ADMIN_PASSWORD);
        assertThat(folder.privateDir()).isDirectory();
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            SiteGraph graph = site.pages().graph(Optional.empty());
            assertThat(graph.problems()).isEmpty();

            Map<Kind, Long> kinds = graph.pages().stream()
                    .collect(Collectors.groupingBy(Page::kind, Collectors.counting()));
            assertThat(kinds.get(Kind.PAPER)).isGreaterThanOrEqualTo(2);
            assertThat(kinds.get(Kind.RESPONSE)).isGreaterThanOrEqualTo(2);
            assertThat(kinds.get(Kind.SYNTHESIS)).isGreaterThanOrEqualTo(1);
            assertThat(kinds.get(Kind.FACT)).isGreaterThanOrEqualTo(4);
            assertThat(kinds.get(Kind.ARGUMENT)).isGreaterThanOrEqualTo(10);
            // At least three topics with sub-topics: a two-level hierarchy.
            assertThat(graph.pages().stream().filter(p -> p.kind() == Kind.TOPIC)
                    .filter(p -> graph.children(p.id()).stream().anyMatch(c -> c.kind() == Kind.TOPIC))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(graph.pages().stream().filter(p -> graph.trails(p.id()).size() >= 2)).isNotEmpty();
            // Nested rebuttals, for and against, three levels deep somewhere.
            assertThat(graph.pages().stream().map(p -> depth(graph.arguments(p.id()))).max(Integer::compare).orElse(0)).isGreaterThanOrEqualTo(3);
            assertThat(graph.pages().stream().map(p -> graph.arguments(p.id()))
                    .filter(t -> !t.pro().isEmpty() && !t.con().isEmpty())).isNotEmpty();

            assertThat(site.pages().find(org.moot.schema.PageId.HOME, Optional.empty(), site.tip()))
                    .isInstanceOfSatisfying(Lookup.Found.class, f ->
                            assertThat(f.view().html().html()).contains("href=\"/wiki/health\""));
        }
    }

    private static int depth(ArgumentTree tree) {
        Function<ArgumentTree.Node, Integer> nodeDepth = n -> 1 + depth(n.replies());
        return java.util.stream.Stream.concat(tree.pro().stream(), tree.con().stream())
                .map(nodeDepth).max(Integer::compare).orElse(0);
    }

    @Test
    void creatingASiteNeverOverwritesOne() throws Exception {
        Path dir = tmp.resolve("site");
        SiteFolder.create(dir, true, TestRepos.ADMIN_PASSWORD);
        assertThatThrownBy(() -> SiteFolder.create(dir, true, TestRepos.ADMIN_PASSWORD)).hasMessageContaining("is already a Moot site");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SiteFolder.create(other, true, TestRepos.ADMIN_PASSWORD)).hasMessageContaining("is not empty");
        assertThat(other.resolve("notes.txt")).hasContent("mine");
        try (var leftovers = Files.list(tmp)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site", "other");
        }
    }
}
