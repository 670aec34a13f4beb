package org.moot.engine.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.PageParser;

/**
 * Builds and caches site graphs. Graphs are keyed by tree id and parsed files by path and blob
 * id: content-addressed keys, so a push or an edit needs no invalidation. A new tree re-reads
 * only the files that changed, and when only pages' text changed, its graph is derived from the
 * last one instead of built.
 */
public final class SiteGraphs {

    private record FileKey(String path, ObjectId blob) {}

    private final Repo repo;
    /** Graphs kept, the most recently used first out last. */
    private static final int KEPT = 4;

    /**
     * The last few graphs, by tree, each built once however many ask for it at once. Not a
     * Caffeine cache: its admission policy may drop a new entry at once, and the newest graph
     * (the change just checked, about to be published) is the one asked for next.
     */
    private final Map<ObjectId, CompletableFuture<SiteGraph>> graphs = kept(KEPT);
    /**
     * Graphs of revisions from the past that readers ask for (a link in a history), kept apart
     * from the recent ones, one at most, and built one at a time: each is a whole site read
     * afresh, and readers of old revisions must not fill the heap with them or take every core.
     */
    private final Map<ObjectId, CompletableFuture<SiteGraph>> past = kept(1);
    private final ReentrantLock pastTurn = new ReentrantLock();
    /** How long the one reader of the past who may wait waits for its turn before being told to come back. */
    static final long PAST_WAIT_SECONDS = 10;

    /** Too many old revisions asked for at once: nothing is wrong, and asking again soon will do. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Old revisions are being read for other readers; please try again in a few seconds.");
        }
    }

    private final Cache<FileKey, PageFile> files;
    private volatile SiteGraph latest;

    public SiteGraphs(Repo repo, long fileCacheBytes) {
        this.repo = repo;
        this.files = Caffeine.newBuilder()
                .maximumWeight(fileCacheBytes)
                // Roughly the bytes held: the body (compact strings) plus the parsed model around it.
                .weigher((FileKey k, PageFile f) -> 1024 + f.parsed().page().body().length())
                .build();
    }

    /**
     * The graph of a snapshot. Graphs are kept by tree, and several commits can have one tree (a
     * revert, a change checked before it is committed): the graph answers for the commit asked.
     */
    public SiteGraph of(Snapshot snapshot) {
        return of(snapshot, graphs, false);
    }

    /**
     * The graph of a revision from the past that a reader asked for: a recent graph when one has
     * its tree, else the one kept or being built for it, else built in its turn (see {@link #past}).
     * One reader at most waits for the turn, up to {@link #PAST_WAIT_SECONDS}; the others are told
     * {@link Busy} at once, so readers of old revisions hold few of the requests worked on at once.
     */
    public SiteGraph past(Snapshot snapshot) {
        if (graphs.containsKey(snapshot.tree())) {
            return of(snapshot);
        }
        CompletableFuture<SiteGraph> building = past.get(snapshot.tree());
        if (building != null) {
            return answer(building, snapshot);
        }
        if (pastTurn.hasQueuedThreads() || !turn()) {
            throw new Busy();
        }
        try {
            return of(snapshot, past, true);
        } finally {
            pastTurn.unlock();
        }
    }

    private SiteGraph of(Snapshot snapshot, Map<ObjectId, CompletableFuture<SiteGraph>> kept, boolean old) {
        CompletableFuture<SiteGraph> mine = new CompletableFuture<>();
        CompletableFuture<SiteGraph> asked = kept.putIfAbsent(snapshot.tree(), mine);
        if (asked == null) {
            try {
                mine.complete(build(snapshot, old));
            } catch (RuntimeException | Error e) {
                kept.remove(snapshot.tree(), mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        return answer(asked == null ? mine : asked, snapshot);
    }

    /** The graph once built, for the commit asked (a graph is kept by tree, and several commits can have one). */
    private static SiteGraph answer(CompletableFuture<SiteGraph> future, Snapshot snapshot) {
        SiteGraph graph;
        try {
            graph = future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return graph.snapshot().commit().equals(snapshot.commit()) ? graph : graph.at(snapshot);
    }

    private boolean turn() {
        try {
            return pastTurn.tryLock(PAST_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Graphs by tree, the least recently used dropped beyond {@code size}. */
    private static Map<ObjectId, CompletableFuture<SiteGraph>> kept(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, CompletableFuture<SiteGraph>> eldest) {
                return size() > size;
            }
        });
    }

    /** From the graph made last when only pages' text changed since (the usual edit), else afresh. */
    private SiteGraph build(Snapshot snapshot, boolean old) {
        SiteGraph last = latest;
        // A file the last graph holds is not parsed again, even when this cache no longer has it.
        Function<FileEntry, PageFile> read = last == null ? this::read
                : file -> last.kept(file).orElseGet(() -> read(file));
        SiteGraph graph = (last == null ? Optional.<SiteGraph>empty()
                : last.withText(snapshot, repo.changes(last.snapshot().tree(), snapshot.tree()), read))
                .orElseGet(() -> SiteGraph.build(snapshot, repo.files(snapshot), read));
        // An old revision someone reads is no base for the next commit's graph, nor a commit from
        // a clock far ahead (a refused push's), after which every commit would look old.
        boolean ahead = snapshot.time().isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(5)));
        if (!old && !ahead && (last == null || !snapshot.time().isBefore(last.snapshot().time()))) {
            latest = graph;
        }
        return graph;
    }

    /** The file holding a page at a snapshot, found without building the site's graph. */
    public Optional<FileEntry> file(Snapshot snapshot, PageId id) {
        if (id.isReserved()) {
            return Optional.empty(); // talk/, private: never a page, whatever a file there holds
        }
        for (String path : id.candidatePaths()) {
            Optional<ObjectId> blob = repo.blobAt(snapshot, path);
            if (blob.isPresent()) {
                return Optional.of(new FileEntry(path, blob.get()));
            }
        }
        return Optional.empty();
    }

    /** One page at a snapshot, read (and cached) without building the site's graph: for the edit path. */
    public Optional<Page> page(Snapshot snapshot, PageId id) {
        return file(snapshot, id).map(f -> read(f).parsed().page());
    }

    /** A page of a graph with its text (the graph keeps pages without it), read through this cache. */
    public Page fullPage(SiteGraph graph, Page page) {
        return graph.blob(page.id()).map(blob -> read(new FileEntry(page.path(), blob)).parsed().page()).orElse(page);
    }

    public PageParser.Parsed parse(FileEntry entry) {
        return read(entry).parsed();
    }

    private PageFile read(FileEntry entry) {
        return files.get(new FileKey(entry.path(), entry.blob()), key -> PageFile.read(key.path(), repo.read(key.blob())));
    }
}
