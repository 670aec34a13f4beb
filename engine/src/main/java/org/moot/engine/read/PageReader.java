package org.moot.engine.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;
import org.moot.engine.render.Renderer;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/** Reads pages for display: resolves the revision once, then works from that snapshot's graph. */
public final class PageReader {

    private final Repo repo;
    private final SiteGraphs graphs;
    private final Renderer renderer;
    private final Cache<ObjectId, SiteSettings> settings = Caffeine.newBuilder().maximumSize(4).build();

    public PageReader(Repo repo, SiteGraphs graphs, Renderer renderer) {
        this.repo = repo;
        this.graphs = graphs;
        this.renderer = renderer;
    }

    /** The graph of {@code main}'s tip, or of a given revision. */
    public SiteGraph graph(Optional<String> revision) {
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet"));
        return graphAt(revision.map(repo::resolve).orElse(tip), tip);
    }

    /** A recent graph, or one from the past that a reader asked for (built in its turn: see {@link SiteGraphs#past}). */
    private SiteGraph graphAt(Snapshot at, Snapshot tip) {
        return at.commit().equals(tip.commit()) ? graphs.of(at) : graphs.past(at);
    }

    /** The graph of one snapshot: a request's view of {@code main}, resolved once. */
    public SiteGraph graph(Snapshot snapshot) {
        return graphs.of(snapshot);
    }

    /** A page at {@code revision}, or at {@code tip} (the request's view of main) when none is given. */
    public Lookup find(PageId id, Optional<String> revision, Snapshot tip) {
        // The commit asked for, not the graph's: a graph is shared by every commit with its tree.
        Snapshot at = revision.map(repo::resolve).orElse(tip);
        SiteGraph graph = graphAt(at, tip);
        Optional<Page> page = graph.page(id);
        if (page.isEmpty()) {
            Optional<PageId> moved = graph.redirect(id);
            if (moved.isPresent()) {
                return new Lookup.Redirect(moved.get());
            }
            return new Lookup.Missing(id.value(), graph.closeMatches(id.value(), 5));
        }
        boolean latest = at.commit().equals(tip.commit());
        Page p = graphs.fullPage(graph, page.get());
        return new Lookup.Found(new PageView(p, renderer.render(p, graph), graph.trails(id), graph.children(id),
                graph.arguments(id), related(p, graph), graph.backlinks(id), graph.problems(p),
                at, latest, graph));
    }

    /** A page as a briefing, at {@code tip}; empty when there is no such page. */
    public Optional<Briefing> briefing(PageId id, Snapshot tip) {
        if (!(find(id, Optional.empty(), tip) instanceof Lookup.Found found)) {
            return Optional.empty();
        }
        SiteGraph graph = graphs.of(tip);
        Optional<PageView> position = Briefing.positionOn(found.view().page(), graph)
                .flatMap(p -> find(p, Optional.empty(), tip) instanceof Lookup.Found f ? Optional.of(f.view()) : Optional.empty());
        return Optional.of(Briefing.of(found.view(), position, graph, p -> graphs.fullPage(graph, p), java.time.Instant.now()));
    }

    /** The site's settings as of {@code main}; parsed once per version of the file. */
    public SiteSettings settings() {
        return repo.main().map(this::settings).orElse(SiteSettings.DEFAULT);
    }

    /** The site's settings as of a snapshot. */
    public SiteSettings settings(Snapshot at) {
        return repo.blobAt(at, SiteSettings.PATH)
                .map(blob -> settings.get(blob, b -> SiteSettings.parse(new String(repo.read(b), StandardCharsets.UTF_8))))
                .orElse(SiteSettings.DEFAULT);
    }

    /** A page's text as it would look, rendered against the current site (the editor's preview). */
    public org.moot.engine.render.SafeHtml preview(String file) {
        String body = org.moot.schema.FrontMatterParser.split("preview.md", file).body();
        return renderer.render(body, Optional.of(graph(Optional.empty())));
    }

    /** A comment's Markdown as safe HTML, its wiki links resolved against {@code graph}. */
    public org.moot.engine.render.SafeHtml comment(String markdown, SiteGraph graph) {
        return renderer.render(markdown, Optional.of(graph));
    }

    /** The file a view was made from, as stored: front matter included. */
    public String source(PageView view) {
        ObjectId blob = view.graph().blob(view.page().id()).orElseThrow();
        return new String(repo.read(blob), StandardCharsets.UTF_8);
    }

    /** The file as stored, front matter included. */
    public Optional<byte[]> raw(PageId id, Optional<String> revision) {
        return raw(graph(revision), id);
    }

    /** The file as stored in the snapshot {@code graph} was built from. */
    public Optional<byte[]> raw(SiteGraph graph, PageId id) {
        return graph.blob(id).map(repo::read);
    }

    private static List<Page> related(Page page, SiteGraph graph) {
        List<PageId> ids = new ArrayList<>();
        Details d = page.details();
        if (d instanceof Details.Response r) {
            r.respondsTo().ifPresent(ids::add);
        } else if (d instanceof Details.Synthesis s) {
            s.theme().ifPresent(ids::add);
            ids.addAll(s.drawsOn());
        } else if (d instanceof Details.Argument a) {
            a.on().ifPresent(ids::add);
        } else if (d instanceof Details.Paper) {
            return graph.responsesTo(page.id());
        }
        return ids.stream().map(graph::page).flatMap(Optional::stream).toList();
    }
}
