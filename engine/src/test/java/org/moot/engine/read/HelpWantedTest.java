package org.moot.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;
import org.moot.engine.git.Repo;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Page;

/** Skills offered meet skills wanted by their words; a member is shown the open calls that want theirs. */
class HelpWantedTest {

    @TempDir
    Path tmp;

    private static org.moot.engine.access.Account member(String name, boolean listed, String skill) {
        return new org.moot.engine.access.Account(name, name, name + "@example.org", "", false, "2026-01-01", List.of(),
                new org.moot.engine.access.Account.Profile("", List.of(), List.of(skill), "", listed), "");
    }

    @Test
    void skillsMeetByTheirWords() {
        assertThat(HelpWanted.meets("Graphic design", "design")).isTrue();
        assertThat(HelpWanted.meets("design", "graphic design")).isTrue();
        assertThat(HelpWanted.meets("Leaflets", "leaflet")).isTrue();
        assertThat(HelpWanted.meets("data", "database administration")).isFalse();
        assertThat(HelpWanted.meets("web design", "interior design")).isFalse();
        assertThat(HelpWanted.meets("", "design")).isFalse();
    }

    @Test
    void aMemberIsShownTheOpenCallsForHelpThatWantTheirSkills() {
        String call = "---\ntitle: %s\nkind: call\nwants: %s\nskills: [%s]\n%s---\nWe need you.\n";
        try (Repo repo = TestRepos.repo(tmp, "index.md", "---\ntitle: Home\n---\nHi.\n",
                "leaflets.md", call.formatted("Leaflets", "help", "graphic design, printing", "deadline: 2026-12-31\n"),
                "stalls.md", call.formatted("Stalls", "help", "Public speaking", ""),
                "closed.md", call.formatted("Closed", "help", "design", "status: closed\n"),
                "late.md", call.formatted("Late", "help", "design", "deadline: 2026-01-01\n"),
                "papers.md", call.formatted("Papers", "paper", "design", ""),
                "other.md", call.formatted("Other", "help", "accounting", ""))) {
            var graph = new SiteGraphs(repo, 1 << 20).of(repo.main().orElseThrow());
            List<Page> calls = HelpWanted.calls(graph, List.of("Design", "speaking"), LocalDate.of(2026, 11, 30));
            assertThat(calls).extracting(Page::title).containsExactly("Leaflets", "Stalls");
            assertThat(HelpWanted.calls(graph, List.of(), LocalDate.of(2026, 11, 30))).isEmpty();
            Page leaflets = graph.page(org.moot.schema.PageId.of("leaflets")).orElseThrow();
            assertThat(HelpWanted.suggest(leaflets, () -> List.of(member("ann", true, "Design"), member("bob", false, "graphic design"),
                    member("cy", true, "cooking")))).extracting(org.moot.engine.access.Account::name).containsExactly("ann");
            assertThat(HelpWanted.suggest(graph.page(org.moot.schema.PageId.of("papers")).orElseThrow(),
                    () -> { throw new AssertionError("a call for papers reads no accounts"); })).isEmpty();
        }
    }
}
