package org.moot.engine.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.RefChange;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.PageId;

/** The index of a real repository: words, field syntax, facets, filters, topics, suggestions, hostile queries. */
class SearchIndexTest {

    @TempDir
    Path tmp;

    private static final String[] SITE = {
        "index.md", "---\ntitle: Home\n---\nWelcome.\n",
        "education/index.md", "---\ntitle: Education\nkind: topic\n---\nSchools and universities.\n",
        "education/fees.md", "---\ntitle: Abolish tuition fees\nkind: page\ntags: [fees, universities]\n---\n"
                + "Tuition fees should go, paid for by a **graduate tax**. See [[Education]].\n",
        "education/fees-for.md", "---\ntitle: Free study widens access\nkind: argument\nstance: for\non: education/fees\n---\n"
                + "Students from poorer homes are put off by tuition debt.\n",
        "education/fees-against.md", "---\ntitle: Graduates should pay their share\nkind: argument\nstance: against\n"
                + "on: education/fees\n---\nTuition paid by all taxpayers subsidises higher earners.\n",
        "health/index.md", "---\ntitle: Health\nkind: topic\nparents: [education]\n---\nDoctors and nurses.\n",
        "health/gp.md", "---\ntitle: GP patients\nkind: fact\nvalue: 2140\nunit: patients per GP\nas-of: 2025-03-31\n"
                + "sources:\n  - {title: Stats, url: https://example.org/s, type: official-statistics}\n---\nPatients per GP.\n",
    };

    @Test
    void snippetsAreEscapedTextWithTheMatchesMarkedCutAroundWhereTheWordIs() {
        String filler = "Lorem ipsum dolor sit amet. ".repeat(200);
        try (Repo repo = TestRepos.repo(tmp, "index.md", "---\ntitle: Home\n---\nWelcome.\n",
                "deep.md", "---\ntitle: Deep\n---\n" + filler + "Costs 5 > 4 & \"quoted\" <b>zanzibar</b> 'here'. " + filler + "\n",
                "lede.md", "---\ntitle: Lede\nsummary: On the zebra crossing & more\n---\nNothing here.\n",
                "title.md", "---\ntitle: Yak farming\n---\nPlain words.\n",
                "spaceless.md", "---\ntitle: Spaceless\n---\n" + "a-".repeat(20_000) + "needleword" + "-b".repeat(20_000) + "\n");
             SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
            indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
            String deep = index.search(SearchQuery.of("zanzibar")).hits().get(0).snippet().html();
            assertThat(deep).contains("<mark>zanzibar</mark>").contains("5 &gt; 4 &amp; &#34;quoted&#34;")
                    .doesNotContain("<b>").doesNotContain("Welcome");
            assertThat(deep.length()).isLessThan(400); // a passage around the word, not the page
            assertThat(index.search(SearchQuery.of("zebra")).hits().get(0).snippet().html())
                    .isEqualTo("On the <mark>zebra</mark> crossing &amp; more");
            // Text without spaces is cut around the match all the same.
            assertThat(index.search(SearchQuery.of("needleword")).hits().get(0).snippet().html()).contains("<mark>needleword</mark>")
                    .hasSizeLessThan(400);
            assertThat(index.search(SearchQuery.of("x*x*x*x*x*x*x*x*x*")).problem()).hasValueSatisfying(p -> assertThat(p).contains("wildcards"));
            // Matched by its title only: the page's opening words, unmarked.
            assertThat(index.search(SearchQuery.of("yak")).hits().get(0).snippet().html()).isEqualTo("Plain words.");
            // One word in the title, the other in the text: the text's word is marked.
            assertThat(index.search(SearchQuery.of("yak words")).hits().get(0).snippet().html()).contains("Plain <mark>words</mark>.");
        }
    }

    @Test
    void findsWordsFacetsFiltersAndTopics() {
        try (Repo repo = TestRepos.repo(tmp, SITE); SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
            indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
            SearchResults tuition = index.search(SearchQuery.of("tuition"));
            assertThat(tuition.total()).isEqualTo(3);
            assertThat(tuition.hits().get(0).id().value()).isEqualTo("education/fees"); // the title counts most
            assertThat(tuition.hits().get(0).snippet().html()).contains("<mark>Tuition</mark>").doesNotContain("**");
            assertThat(tuition.facets().get("kind")).extracting(SearchResults.FacetCount::value).contains("argument", "page");

            SearchResults against = index.search(new SearchQuery("tuition", Optional.of("argument"), Optional.of("against"),
                    Optional.empty(), Optional.empty(), 0, 20));
            assertThat(against.hits()).extracting(h -> h.id().value()).containsExactly("education/fees-against");
            assertThat(against.hits().get(0).on()).contains(PageId.of("education/fees"));

            assertThat(index.search(SearchQuery.of("stance:for")).hits()).extracting(h -> h.id().value())
                    .containsExactly("education/fees-for");
            assertThat(index.search(SearchQuery.of("kind:fact")).hits()).extracting(h -> h.id().value()).containsExactly("health/gp");
            assertThat(index.search(SearchQuery.of("\"graduate tax\"")).total()).isEqualTo(1);
            SearchResults prefix = index.search(SearchQuery.of("univers*"));
            assertThat(prefix.total()).isEqualTo(2);
            assertThat(prefix.hits()).filteredOn(h -> h.id().value().equals("education")).singleElement()
                    .satisfies(h -> assertThat(h.snippet().html()).contains("<mark>universities</mark>"));
            assertThat(index.search(SearchQuery.of("\"graduate tax\"")).hits().get(0).snippet().html())
                    .containsPattern("<mark>[Gg]raduate</mark> <mark>tax</mark>|<mark>[Gg]raduate tax</mark>");
            assertThat(index.search(SearchQuery.of("fees")).total()).isGreaterThanOrEqualTo(1); // stemmed: fee, fees
            // Health sits under education through 'parents': narrowing to education finds it too.
            assertThat(index.search(new SearchQuery("patients", Optional.empty(), Optional.empty(), Optional.of("education"),
                    Optional.empty(), 0, 20)).total()).isEqualTo(1);
            assertThat(index.search(SearchQuery.of("tuiton")).didYouMean()).contains("tuition");
            // Every kind's own fields, by name, as Fields describes them: ids and dates whole, figures as words.
            assertThat(index.search(SearchQuery.of("on:education/fees")).total()).isEqualTo(2);
            assertThat(index.search(SearchQuery.of("as-of:2025-03-31")).hits()).extracting(h -> h.id().value()).containsExactly("health/gp");
            assertThat(index.search(SearchQuery.of("2140")).hits()).extracting(h -> h.id().value()).containsExactly("health/gp");
            assertThat(index.search(SearchQuery.of("unit:patients")).total()).isEqualTo(1);
        }
    }

    @Test
    void aDamagedIndexIsStartedOverAndBuiltAgain() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, SITE)) {
            try (SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
                indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
            }
            // As a full disk or a power cut can leave it: every file of the index cut short.
            try (var files = java.nio.file.Files.list(tmp.resolve("index"))) {
                for (Path f : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                    try (var channel = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.truncate(Math.min(channel.size(), 100));
                    }
                }
            }
            try (SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
                assertThat(index.indexedCommit()).isEmpty();
                repo.subscribe(indexer(repo, index)); // the catch-up rebuilds it
                assertThat(index.search(SearchQuery.of("tuition")).total()).isEqualTo(3);
            }
        }
    }

    @Test
    void aRebuildStoppedHalfWayIsNotTakenForAWholeIndex() {
        try (Repo repo = TestRepos.repo(tmp, SITE)) {
            try (SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
                indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
                assertThat(index.indexedCommit()).isPresent();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.rebuild("0000000000000000000000000000000000000000", add -> {
                    add.accept(new org.apache.lucene.document.Document());
                    throw new IllegalStateException("stopped half-way");
                })).hasMessageContaining("half-way");
                assertThat(index.indexedCommit()).isEmpty();
            } // closing writes what there is to disk
            try (SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
                assertThat(index.indexedCommit()).isEmpty();
                repo.subscribe(indexer(repo, index)); // so the catch-up rebuilds it
                assertThat(index.search(SearchQuery.of("tuition")).total()).isEqualTo(3);
            }
        }
    }

    @Test
    void hostileQueriesGetAClearMessage() {
        try (Repo repo = TestRepos.repo(tmp, SITE); SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
            indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
            assertThat(index.search(SearchQuery.of("\"tuition fees")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("\"tuition fees")).total()).isGreaterThan(0);
            assertThat(index.search(SearchQuery.of("*")).problem()).get().asString().contains("at least one word");
            assertThat(index.search(SearchQuery.of("a ".repeat(10_000))).problem()).get().asString().contains("at most");
            assertThat(index.search(SearchQuery.of("tuition\u0001")).problem()).get().asString().contains("control characters");
            assertThat(index.search(SearchQuery.of("(((tuition")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("title:[a TO")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("\ud800")).problem()).isPresent();
            // Regular expressions and fuzzy terms would scan every term in the index: read as plain words.
            assertThat(index.search(SearchQuery.of("/[^a]{1,200}[^b]{1,200}/")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("/[a-z]{1,50}{1,50}/")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2 i~2 j~2 k~2 l~2 m~2 n~2 o~2 p~2")).problem()).isEmpty();
            assertThat(index.search(SearchQuery.of("tuition~2")).total()).isEqualTo(3);
            assertThat(index.search(SearchQuery.of("a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*u*v*w*x*y*z*")).total()).isZero();
        }
    }

    @Test
    void followsMainByTheChangedPagesAndTheirDescendants() {
        try (Repo repo = TestRepos.repo(tmp, SITE); SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
            Indexer indexer = indexer(repo, index);
            Snapshot first = repo.main().orElseThrow();
            indexer.changed(new RefChange(Repo.MAIN, Optional.empty(), first.commit(), ChangeSource.EXTERNAL, ""));
            assertThat(index.indexedCommit()).contains(first.revision());

            // Health leaves education: its own document and the GP fact below it lose that topic.
            Snapshot second = TestRepos.commit(repo, "health/index.md", "---\ntitle: Health\nkind: topic\n---\nDoctors, nurses and midwives.\n",
                    "education/fees-for.md", null);
            indexer.changed(new RefChange(Repo.MAIN, Optional.of(first.commit()), second.commit(), ChangeSource.WEB_EDIT, "ann"));
            assertThat(index.indexedCommit()).contains(second.revision());
            assertThat(index.search(SearchQuery.of("midwives")).total()).isEqualTo(1);
            assertThat(index.search(SearchQuery.of("poorer")).total()).isZero();
            assertThat(index.search(new SearchQuery("patients", Optional.empty(), Optional.empty(), Optional.of("education"),
                    Optional.empty(), 0, 20)).total()).isZero();

            // A page with nothing under it is no topic facet, until a page is put under it.
            assertThat(topicFacets(index)).contains("education=2", "health=2").noneMatch(f -> f.startsWith("health/gp") || f.startsWith("education/fees"));
            Snapshot third = TestRepos.commit(repo, "health/gp/rural.md", "---\ntitle: Rural GP patients\n---\nFar from a surgery.\n");
            indexer.changed(new RefChange(Repo.MAIN, Optional.of(second.commit()), third.commit(), ChangeSource.WEB_EDIT, "ann"));
            assertThat(topicFacets(index)).contains("health/gp=2"); // the fact and the page under it
        }
        // A restart keeps the index and the commit it reflects.
        try (SearchIndex again = SearchIndex.open(tmp.resolve("index"))) {
            assertThat(again.indexedCommit()).isPresent();
            assertThat(again.search(SearchQuery.of("midwives")).total()).isEqualTo(1);
        }
    }

    private static List<String> topicFacets(SearchIndex index) {
        return index.search(SearchQuery.of("kind:page OR kind:topic OR kind:fact")).facets().get("topic").stream()
                .map(f -> f.value() + "=" + f.count()).toList();
    }

    @Test
    void aSearchSeesEveryChangeAppliedBeforeItAndNeverHalfARebuild() {
        try (Repo repo = TestRepos.repo(tmp, SITE); SearchIndex index = SearchIndex.open(tmp.resolve("index"))) {
            indexer(repo, index).rebuild(repo.main().orElseThrow(), n -> { });
            assertThat(index.search(SearchQuery.of("tuition")).total()).isEqualTo(3);
            index.apply(java.util.Map.of(), List.of(PageId.of("education/fees-for")), "second");
            assertThat(index.search(SearchQuery.of("tuition")).total()).isEqualTo(2);

            index.apply(java.util.Map.of(), List.of(PageId.of("education/fees-against")), "third"); // not searched before the rebuild
            java.util.concurrent.atomic.AtomicLong during = new java.util.concurrent.atomic.AtomicLong(-1);
            index.rebuild("fourth", add -> during.set(index.search(SearchQuery.of("tuition")).total()));
            assertThat(during.get()).isEqualTo(1); // the index as it was, with every change before, not the one being filled
            assertThat(index.search(SearchQuery.of("tuition")).total()).isZero(); // the rebuild, once done
        }
    }

    /** An indexer that walks no history: these tests are about the index, not last changes. */
    private static Indexer indexer(org.moot.engine.git.Repo repo, SearchIndex index) {
        return new Indexer(repo, new SiteGraphs(repo, 1 << 20), index, new org.moot.engine.git.History(repo, java.util.Optional.empty()));
    }
}
