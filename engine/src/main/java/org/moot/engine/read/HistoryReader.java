package org.moot.engine.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.History;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.git.TextDiff;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/** The history of pages, their differences and blame, and the site's recent changes. */
public final class HistoryReader {

    /** A published change as the changes list shows it: the pages it touched, with their kinds. */
    public record Change(CommitInfo commit, List<Page> pages, List<String> otherPaths) {}

    private final Repo repo;
    private final History history;
    private final SiteGraphs graphs;

    public HistoryReader(Repo repo, SiteGraphs graphs, History history) {
        this.repo = repo;
        this.history = history;
        this.graphs = graphs;
    }

    /** Where a page's file is (or last was): its path at main, or the first candidate with any history. */
    public String path(PageId id) {
        Snapshot tip = tip();
        return graphs.file(tip, id).map(f -> f.path()).orElseGet(() -> {
            for (String path : id.candidatePaths()) {
                if (!history.log(tip, path, 1).isEmpty()) {
                    return path;
                }
            }
            throw new NotFoundException("there is no page '" + id + "', now or in its history");
        });
    }

    public List<CommitInfo> log(PageId id, int limit) {
        return history.log(tip(), path(id), limit);
    }

    /** The file's text at a revision (empty if it did not exist then). */
    public String text(PageId id, String revision) {
        Snapshot at = repo.resolve(revision);
        return graphs.file(at, id).map(f -> new String(repo.read(f.blob()), StandardCharsets.UTF_8)).orElse("");
    }

    public List<TextDiff.Row> diff(PageId id, String from, String to) {
        return TextDiff.rows(text(id, from), text(id, to));
    }

    public List<History.BlameLine> blame(PageId id, Optional<String> revision) {
        Snapshot at = revision.map(repo::resolve).orElseGet(this::tip);
        String path = graphs.file(at, id).map(f -> f.path())
                .orElseThrow(() -> new NotFoundException("there is no page '" + id + "' at " + at.revision()));
        return history.blame(at, path);
    }

    /**
     * Recent published changes, newest first, optionally only those touching pages of a kind or
     * made by a user. Kinds are read from the current site, so a deleted page has none.
     */
    public List<Change> changes(int limit, Optional<Kind> kind, Optional<String> user) {
        SiteGraph graph = graphs.of(tip());
        List<Change> out = new ArrayList<>();
        for (History.Change change : history.changes(limit * 4 + 20)) {
            if (out.size() >= limit) {
                break;
            }
            if (user.isPresent() && !org.moot.engine.access.User.account(change.commit().authorId()).equals(user.get())) {
                continue;
            }
            List<Page> pages = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String path : change.paths()) {
                Optional<Page> page = PageId.fromPath(path).flatMap(graph::page).filter(p -> p.path().equals(path));
                page.ifPresentOrElse(pages::add, () -> others.add(path));
            }
            if (kind.isEmpty() || pages.stream().anyMatch(p -> p.kind() == kind.get())) {
                out.add(new Change(change.commit(), pages, others));
            }
        }
        return out;
    }

    private Snapshot tip() {
        return repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet"));
    }
}
