package org.moot.engine.papers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.MainListener;
import org.moot.engine.git.RefChange;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Kind;
import org.moot.schema.PageId;
import org.moot.schema.Page;

/**
 * Every version of a position paper that reaches {@code main} is tagged in Git as
 * {@code paper/<id>/v<n>}: a permanent name for exactly what was published, which every clone
 * and mirror carries. Fed by the gate like every other follower of {@code main}; at a start it
 * tags any paper that has no version yet.
 */
public final class PaperVersions implements MainListener {

    public static final String PREFIX = "refs/tags/paper/";
    /** The commit of main this follower has tagged up to, so a start does not read every page again. */
    static final String DONE = "refs/moot/paper-versions";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PaperVersions.class);

    /** One published version: its number and the commit of {@code main} it was published in. */
    public record Version(int number, ObjectId commit) {}

    private final Repo repo;
    private final SiteGraphs graphs;

    public PaperVersions(Repo repo, SiteGraphs graphs) {
        this.repo = repo;
        this.graphs = graphs;
    }

    @Override
    public Optional<ObjectId> processed() {
        return repo.ref(DONE);
    }

    @Override
    public void changed(RefChange change) {
        changed(List.of(change));
    }

    /** Each move's papers are tagged at the commit that published them; the bookmark moves once, to the newest. */
    @Override
    public void changed(List<RefChange> changes) {
        changes.forEach(this::tag);
        repo.moveBranch(DONE, repo.ref(DONE), Optional.of(changes.get(changes.size() - 1).to()), "Paper versions tagged up to here");
    }

    /** Reads only the pages the move changed (every page when there is nothing to diff from). */
    private void tag(RefChange change) {
        Snapshot to = repo.snapshot(change.to());
        List<PageId> touched = change.from().filter(from -> repo.isAncestor(from, change.to()))
                .map(from -> repo.changedPaths(repo.snapshot(from).tree(), to.tree()).stream()
                        .map(PageId::fromPath).flatMap(Optional::stream).toList())
                .orElseGet(() -> graphs.of(to).pages().stream().map(Page::id).toList());
        for (PageId id : touched) {
            graphs.page(to, id).filter(p -> p.kind() == Kind.PAPER)
                    .ifPresent(paper -> repo.blobAt(to, paper.path()).ifPresent(blob -> tagIfNew(id, paper.path(), to, blob)));
        }
    }

    /** The versions of a paper, oldest first. */
    public List<Version> versions(PageId paper) {
        List<Version> out = new ArrayList<>();
        for (Map.Entry<String, ObjectId> tag : repo.refs(prefix(paper)).entrySet()) {
            String rest = tag.getKey().substring(prefix(paper).length());
            if (rest.matches("[1-9][0-9]{0,5}")) {
                out.add(new Version(Integer.parseInt(rest), tag.getValue()));
            }
        }
        out.sort(Comparator.comparingInt(Version::number));
        return out;
    }

    /** A new version when the paper's file differs from its latest version's. */
    private void tagIfNew(PageId id, String path, Snapshot at, ObjectId blob) {
        List<Version> versions = versions(id);
        Optional<Version> latest = versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        if (latest.flatMap(v -> repo.blobAt(repo.snapshot(v.commit()), path)).filter(blob::equals).isPresent()) {
            return;
        }
        int next = latest.map(v -> v.number() + 1).orElse(1);
        try {
            var moved = repo.moveBranch(prefix(id) + next, Optional.empty(), Optional.of(at.commit()), "Version " + next + " of the paper " + id.value());
            if (!moved.moved()) {
                LOG.warn("could not tag version {} of the paper {}: {}", next, id.value(), moved);
            }
        } catch (RuntimeException e) {
            // Another paper's tags may hold the name as a folder (a paper "x" beside a paper "x/v1"): the others still get theirs.
            LOG.warn("could not tag version {} of the paper {}", next, id.value(), e);
        }
    }

    private static String prefix(PageId paper) {
        return PREFIX + paper.value() + "/v";
    }
}
