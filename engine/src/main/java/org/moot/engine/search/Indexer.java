package org.moot.engine.search;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.Parallel;
import org.moot.engine.git.History;
import org.moot.engine.git.MainListener;
import org.moot.engine.git.RefChange;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/**
 * Keeps the search index in step with {@code main}, fed only by the gate. A fast-forward indexes
 * the changed pages, and the pages below any page that appeared, vanished or changed its
 * parents (their topics changed with it), and the parents it had and has (whether they have
 * pages under them decides whether they are a facet); anything else rebuilds the index from the tip.
 */
public final class Indexer implements MainListener {

    private final Repo repo;
    private final SiteGraphs graphs;
    private final SearchIndex index;
    private final History history;

    public Indexer(Repo repo, SiteGraphs graphs, SearchIndex index, History history) {
        this.repo = repo;
        this.graphs = graphs;
        this.index = index;
        this.history = history;
    }

    @Override
    public Optional<ObjectId> processed() {
        return index.indexedCommit().map(ObjectId::fromString);
    }

    /** Several moves are one step: from what the index holds to the newest tip, made searchable once. */
    @Override
    public void changed(java.util.List<RefChange> changes) {
        changed(changes.get(changes.size() - 1));
    }

    /** Diffs from what the index itself recorded, whatever the change says: the index is the authority on what it holds. */
    @Override
    public void changed(RefChange change) {
        Snapshot to = repo.snapshot(change.to());
        Optional<ObjectId> from = processed();
        if (from.isPresent() && from.get().equals(change.to())) {
            return;
        }
        if (from.isEmpty() || !repo.isAncestor(from.get(), change.to())) {
            rebuild(to, n -> { });
            return;
        }
        update(repo.snapshot(from.get()), to);
    }

    /**
     * Indexes every page of {@code tip} from nothing, on every core; {@code progress} hears the
     * count after each page (from any of the threads).
     */
    public void rebuild(Snapshot tip, LongConsumer progress) {
        SiteGraph graph = graphs.of(tip);
        AtomicLong done = new AtomicLong();
        index.rebuild(tip.revision(), add -> Parallel.forEach(List.copyOf(graph.pages()), p -> {
            add.accept(document(p, graph, tip));
            progress.accept(done.incrementAndGet());
        }));
    }

    private void update(Snapshot from, Snapshot to) {
        SiteGraph before = graphs.of(from);
        SiteGraph after = graphs.of(to);
        Set<PageId> touched = new LinkedHashSet<>();
        Set<PageId> moved = new HashSet<>();
        for (String path : repo.changedPaths(from.tree(), to.tree())) {
            PageId.fromPath(path).ifPresent(id -> {
                touched.add(id);
                Optional<Page> was = before.page(id);
                Optional<Page> is = after.page(id);
                if (was.isEmpty() || is.isEmpty() || !before.parents(id).equals(after.parents(id))) {
                    moved.add(id);
                    touched.addAll(before.parents(id)); // they may have gained their first child, or lost their last
                    touched.addAll(after.parents(id));
                }
            });
        }
        touched.addAll(below(moved, before));
        touched.addAll(below(moved, after));
        Map<PageId, Document> pages = new HashMap<>();
        Set<PageId> removed = new HashSet<>();
        for (PageId id : touched) {
            after.page(id).ifPresentOrElse(p -> pages.put(id, document(p, after, to)), () -> removed.add(id));
        }
        index.apply(pages, removed, to.revision());
    }

    /** {@code at}: the commit indexed (its graph may have been made for another commit with the same tree). */
    private Document document(Page page, SiteGraph graph, Snapshot at) {
        return IndexFields.document(graphs.fullPage(graph, page), graph, history.lastChange(at, page.path()));
    }

    /** Every page under these, at any depth. */
    private static Set<PageId> below(Set<PageId> tops, SiteGraph graph) {
        Set<PageId> out = new HashSet<>();
        ArrayDeque<PageId> todo = new ArrayDeque<>(tops);
        while (!todo.isEmpty()) {
            for (Page child : graph.children(todo.poll())) {
                if (out.add(child.id())) {
                    todo.add(child.id());
                }
            }
        }
        return out;
    }
}
