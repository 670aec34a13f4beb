package org.moot.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moot.engine.TestRepos.graph;
import static org.moot.engine.TestRepos.repo;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.git.Repo;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.Violation;

class SiteGraphTest {

    @TempDir
    Path tmp;

    private static List<String> ids(List<Page> pages) {
        return pages.stream().map(p -> p.id().isHome() ? "(home)" : p.id().value()).toList();
    }

    private static PageId id(String id) {
        return PageId.of(id);
    }

    @Test
    void aPageWithFurtherParentsHasOneTrailPerPathToTheTopFolderTrailFirst() {
        //      (home)
        //      /     \
        //  health   housing
        //    |         |
        //  primary   social ──── damp (folder)
        //    └────────────────── damp (parents: health/primary)
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "health/index.md", "---\ntitle: Health\nkind: topic\n---\n",
                "health/primary/index.md", "---\ntitle: Primary care\nkind: topic\n---\n",
                "housing/index.md", "---\ntitle: Housing\nkind: topic\n---\n",
                "housing/social/index.md", "---\ntitle: Social housing\nkind: topic\n---\n",
                "housing/social/damp.md", "---\ntitle: Damp\nparents: [health/primary]\n---\n")) {
            SiteGraph graph = graph(repo);
            var trails = graph.trails(id("housing/social/damp"));
            assertThat(trails).map(SiteGraphTest::ids).containsExactly(
                    List.of("(home)", "housing", "housing/social"),
                    List.of("(home)", "health", "health/primary"));
            assertThat(ids(graph.children(id("health/primary")))).containsExactly("housing/social/damp");
            assertThat(ids(graph.children(id("housing/social")))).containsExactly("housing/social/damp");
            assertThat(graph.trails(PageId.HOME)).isEmpty();
            assertThat(graph.problems()).isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeReadIsAPageWithItsProblemAndTheRestOfTheSiteStands() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "deep.md", "---\ntitle: Deep\nx: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n---\n",
                "other.md", "---\ntitle: Other\n---\nSee [[Deep]].\n")) {
            SiteGraph graph = graph(repo);
            assertThat(graph.page(PageId.of("other"))).isPresent();
            assertThat(graph.backlinks(PageId.of("deep"))).extracting(p -> p.id().value()).containsExactly("other");
            assertThat(graph.problems(graph.page(PageId.of("deep")).orElseThrow())).extracting(Object::toString)
                    .containsExactly("deep.md:3: front matter is nested more than 16 levels deep");
        }
    }

    @Test
    void aFileThatIsNotUtf8IsReadWithItsProblem() {
        try (Repo repo = Repo.create(tmp.resolve("content.git"))) {
            new org.moot.engine.git.MainWriter(repo).commit(org.moot.engine.TestRepos.PUSHED, tip -> java.util.Optional.of(new org.moot.engine.git.MainWriter.Change(
                    java.util.Map.of("cafe.md", "---\ntitle: Caf\u00e9\n---\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                    org.moot.engine.TestRepos.TESTER, "latin-1")));
            SiteGraph graph = graph(repo);
            assertThat(graph.problems(graph.page(PageId.of("cafe")).orElseThrow())).extracting(Object::toString)
                    .containsExactly("cafe.md:2: the text is not valid UTF-8 (byte 0xE9); it must be UTF-8");
        }
    }

    @Test
    void aMissingFolderPageIsSkippedNotABreakInTheTrail() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "health/mental/crisis.md", "---\ntitle: Crisis care\n---\n")) {
            assertThat(graph(repo).trails(id("health/mental/crisis"))).map(SiteGraphTest::ids)
                    .containsExactly(List.of("(home)"));
        }
    }

    @Test
    void cyclesAreReportedAndNeverLoopTheTrails() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "a/index.md", "---\ntitle: A\nparents: [b]\n---\n",
                "b/index.md", "---\ntitle: B\nparents: [a]\n---\n")) {
            SiteGraph graph = graph(repo);
            assertThat(graph.problems()).map(Violation::toString).anySatisfy(v ->
                    assertThat(v).startsWith("a/index.md:3: 'parents' makes a cycle"));
            assertThat(graph.trails(id("a"))).map(SiteGraphTest::ids).containsExactly(
                    List.of("(home)"), List.of("(home)", "b"));
        }
    }

    @Test
    void redirectsAndTitlesResolveLinks() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\nSee [[Rent Controls]] and [[old/rent]] and [x](/housing/rent).",
                "housing/index.md", "---\ntitle: Housing\n---\n",
                "housing/rent.md", "---\ntitle: Rent controls\nredirect-from: [old/rent]\n---\n")) {
            SiteGraph graph = graph(repo);
            assertThat(graph.redirect(id("old/rent"))).contains(id("housing/rent"));
            assertThat(graph.resolve("Rent Controls")).contains(id("housing/rent"));
            assertThat(graph.resolve("old/rent")).contains(id("housing/rent"));
            assertThat(graph.resolve("/housing/rent")).contains(id("housing/rent"));
            assertThat(graph.resolve("Nowhere")).isEmpty();
            assertThat(ids(graph.backlinks(id("housing/rent")))).containsExactly("(home)");
        }
    }

    @Test
    void argumentsNestByStance() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "d.md", "---\ntitle: Direction\n---\n",
                "for1.md", "---\ntitle: For one\nkind: argument\nstance: for\non: d\n---\n",
                "against1.md", "---\ntitle: Against one\nkind: argument\nstance: against\non: d\n---\n",
                "rebut.md", "---\ntitle: Rebuttal\nkind: argument\nstance: against\non: against1\n---\n",
                "rebut2.md", "---\ntitle: Rebuttal of rebuttal\nkind: argument\nstance: against\non: rebut\n---\n")) {
            ArgumentTree tree = graph(repo).arguments(id("d"));
            assertThat(tree.pro()).extracting(n -> n.argument().title()).containsExactly("For one");
            assertThat(tree.con()).singleElement().satisfies(against -> {
                assertThat(against.argument().title()).isEqualTo("Against one");
                var rebuttal = against.replies().con().get(0);
                assertThat(rebuttal.argument().title()).isEqualTo("Rebuttal");
                assertThat(rebuttal.replies().con()).extracting(n -> n.argument().title())
                        .containsExactly("Rebuttal of rebuttal");
            });
            assertThat(tree.size()).isEqualTo(4);
        }
    }

    @Test
    void closeMatchesSuggestWhatWasMeant() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "housing/index.md", "---\ntitle: Housing\n---\n",
                "housing/rent-controls.md", "---\ntitle: Rent controls\n---\n")) {
            assertThat(ids(graph(repo).closeMatches("housing/rent-control", 3))).startsWith("housing/rent-controls");
            assertThat(ids(graph(repo).closeMatches("rent", 3))).contains("housing/rent-controls");
        }
    }

    @Test
    void aTextEditDerivesTheSameGraphAsABuildAndKeepsTheShapeWhileATitleChangeDoesNot() {
        try (Repo repo = repo(tmp,
                "index.md", "---\ntitle: Home\n---\n",
                "health/index.md", "---\ntitle: Health\nkind: topic\n---\n",
                "health/a.md", "---\ntitle: A\n---\nSee [[health/b]].\n",
                "health/b.md", "---\ntitle: B\n---\nB.\n",
                "health/c.md", "---\ntitle: C\n---\nC.\n",
                "health/broken.md", "---\ntitle: Broken\nparents: [nowhere]\n---\nOld text.\n",
                "health/for-a.md", "---\ntitle: For A\nkind: argument\nstance: for\non: health/a\n---\nYes.\n")) {
            SiteGraphs graphs = new SiteGraphs(repo, 1 << 20);
            SiteGraph before = graphs.of(repo.main().orElseThrow());
            assertThat(ids(before.backlinks(id("health/b")))).containsExactly("health/a");

            var tip = org.moot.engine.TestRepos.commit(repo,
                    "health/a.md", "---\ntitle: A\n---\nSee [[health/c]] instead.\n",
                    "health/broken.md", "---\ntitle: Broken\nparents: [nowhere]\n---\nNew text.\n",
                    ".moot/site.yaml", "name: Test\n");
            SiteGraph derived = graphs.of(tip);
            SiteGraph built = new SiteGraphs(repo, 1 << 20).of(tip);
            assertThat(derived.shapeId()).isEqualTo(before.shapeId()).isNotEqualTo(built.shapeId());
            assertSameGraph(derived, built);
            assertThat(ids(derived.backlinks(id("health/b")))).isEmpty();
            assertThat(ids(derived.backlinks(id("health/c")))).containsExactly("health/a");
            assertThat(derived.page(id("health/broken")).orElseThrow().body()).isEmpty(); // the graph keeps no text
            assertThat(graphs.fullPage(derived, derived.page(id("health/broken")).orElseThrow()).body()).contains("New text");
            assertThat(derived.problems(derived.page(id("health/broken")).orElseThrow())).hasSize(1);
            assertThat(graphs.fullPage(before, before.page(id("health/a")).orElseThrow()).body()).contains("[[health/b]]");

            var retitled = org.moot.engine.TestRepos.commit(repo, "health/c.md", "---\ntitle: Sea\n---\nC.\n");
            SiteGraph after = graphs.of(retitled);
            assertThat(after.shapeId()).isNotEqualTo(before.shapeId());
            assertSameGraph(after, new SiteGraphs(repo, 1 << 20).of(retitled));
            assertThat(after.resolve("Sea")).contains(id("health/c"));
        }
    }

    @Test
    void oldRevisionsAreReadApartAndPushNoRecentGraphOut() {
        try (Repo repo = repo(tmp, "index.md", "---\ntitle: Home\n---\n", "a.md", "---\ntitle: A\n---\n")) {
            SiteGraphs graphs = new SiteGraphs(repo, 1 << 20);
            var tip = repo.main().orElseThrow();
            SiteGraph recent = graphs.of(tip);
            List<org.moot.engine.git.Snapshot> past = new java.util.ArrayList<>();
            for (int year = 2020; year < 2026; year++) { // more old revisions than graphs are kept
                var then = new org.eclipse.jgit.lib.PersonIdent(org.moot.engine.TestRepos.TESTER,
                        java.time.Instant.parse(year + "-01-01T00:00:00Z"));
                past.add(repo.snapshot(repo.commit(java.util.Optional.empty(),
                        org.moot.engine.TestRepos.files("index.md", "---\ntitle: Home in " + year + "\n---\n"), then, then, "then")));
            }
            SiteGraph first = graphs.past(past.get(0));
            assertThat(graphs.past(past.get(0))).isSameAs(first);
            past.forEach(graphs::past);
            assertThat(graphs.of(tip)).isSameAs(recent);
            assertThat(graphs.past(tip)).isSameAs(recent); // a recent graph serves when it has the tree asked for
            SiteGraph again = graphs.past(past.get(0));
            assertThat(again).isNotSameAs(first); // one old graph is kept
            assertThat(again.page(PageId.HOME).orElseThrow().title()).isEqualTo("Home in 2020");
            assertThat(graphs.of(repo.main().orElseThrow()).page(PageId.of("a"))).isPresent(); // the past is no base for the present
        }
    }

    /** Two graphs show every page alike: the page, its problems, trails, children, links and arguments. */
    private static void assertSameGraph(SiteGraph a, SiteGraph b) {
        assertThat(a.pages()).containsExactlyInAnyOrderElementsOf(b.pages());
        assertThat(a.problems()).isEqualTo(b.problems());
        for (Page page : b.pages()) {
            PageId id = page.id();
            assertThat(a.page(id)).isEqualTo(b.page(id));
            assertThat(a.blob(id)).isEqualTo(b.blob(id));
            assertThat(a.problems(page)).isEqualTo(b.problems(page));
            assertThat(a.trails(id)).isEqualTo(b.trails(id));
            assertThat(a.children(id)).isEqualTo(b.children(id));
            assertThat(a.backlinks(id)).isEqualTo(b.backlinks(id));
            assertThat(a.arguments(id)).isEqualTo(b.arguments(id));
        }
    }

    @Test
    void aSynthesisShowsTheResponsesOnItsThemeItDoesNotDrawOn() {
        try (Repo repo = repo(tmp,
                "health/index.md", "---\ntitle: Health\nkind: topic\n---\n",
                "health/gp.md", "---\ntitle: GP hours\nkind: paper\n---\n",
                "health/gp-response.md", "---\ntitle: Response on GP hours\nkind: response\nresponds-to: health/gp\n---\n",
                "health/beds-response.md", "---\ntitle: Response on beds\nkind: response\n---\n",
                "transport/bus.md", "---\ntitle: Rural buses\nkind: paper\nparents: [health]\n---\n",
                "elsewhere/bus-response.md", "---\ntitle: Response on buses\nkind: response\nresponds-to: transport/bus\n---\n",
                "elsewhere/other-response.md", "---\ntitle: Response elsewhere\nkind: response\n---\n",
                "health/synthesis.md", "---\ntitle: Synthesis\nkind: synthesis\ntheme: health\ndraws-on: [health/gp-response]\n---\n")) {
            var graph = graph(repo);
            assertThat(ids(graph.responsesNotDrawnOn(graph.page(id("health/synthesis")).orElseThrow())))
                    .containsExactly("health/beds-response", "elsewhere/bus-response"); // by title; the paper's place counts
        }
    }

    @Test
    void anArgumentLinkedFromASecondPageShowsInBothTreesWithItsReplies() {
        try (Repo repo = repo(tmp,
                "transport/buses.md", "---\ntitle: Free buses\n---\n",
                "transport/trams.md", "---\ntitle: New trams\n---\n",
                "transport/cost.md", "---\ntitle: The levy is stretched\nkind: argument\nstance: against\non: transport/buses\n"
                        + "also-on: [transport/trams]\n---\n",
                "transport/reply.md", "---\ntitle: The levy can rise\nkind: argument\nstance: against\non: transport/cost\n---\n")) {
            var graph = graph(repo);
            for (String page : List.of("transport/buses", "transport/trams")) {
                var tree = graph.arguments(id(page));
                assertThat(ids(tree.con().stream().map(n -> n.argument()).toList())).as(page).containsExactly("transport/cost");
                assertThat(ids(tree.con().get(0).replies().con().stream().map(n -> n.argument()).toList())).containsExactly("transport/reply");
            }
        }
    }

    @Test
    void aTreeHoldsAtMostFortyLevelsOfReplies() {
        String[] files = new String[2 * 46];
        files[0] = "d/top.md";
        files[1] = "---\ntitle: Top\n---\n";
        for (int i = 1; i < 46; i++) {
            files[2 * i] = "d/a" + i + ".md";
            files[2 * i + 1] = "---\ntitle: A" + i + "\nkind: argument\nstance: for\non: " + (i == 1 ? "d/top" : "d/a" + (i - 1)) + "\n---\n";
        }
        try (Repo repo = repo(tmp, files)) {
            var tree = graph(repo).arguments(id("d/top"));
            int depth = 0;
            while (!tree.isEmpty()) {
                depth++;
                tree = tree.pro().get(0).replies();
            }
            assertThat(depth).isEqualTo(SiteGraph.MAX_ARGUMENT_DEPTH);
        }
    }
}
