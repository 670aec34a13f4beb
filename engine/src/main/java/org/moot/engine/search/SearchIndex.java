package org.moot.engine.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.moot.schema.PageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index in a site's {@code index/} folder: a cache of {@code main}, rebuilt from
 * {@code content.git} whenever it is missing, of another schema, or not an ancestor of what it
 * must reflect. One writer; a search that begins after {@link #apply} returns sees its change.
 * The index remembers the commit it reflects and its schema in Lucene's commit data, so a
 * restart catches up from there instead of starting over. Changes are made visible at once
 * (near-real-time) but written to disk at most once a second: a durable commit costs an fsync,
 * and after a crash the index simply catches up from the last commit it wrote.
 */
public final class SearchIndex implements AutoCloseable {

    /** Bump when the fields change: an index of another schema is rebuilt. */
    static final String SCHEMA = "6";
    private static final String COMMIT_KEY = "moot.commit";
    private static final String SCHEMA_KEY = "moot.schema";
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final Directory directory;
    private final Analyzer analyzer = IndexFields.analyzer();
    private final FacetsConfig facets = IndexFields.facets();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Searcher searcher;
    private final ScheduledThreadPoolExecutor committer = committer();
    private final AtomicBoolean commitPending = new AtomicBoolean();
    /**
     * Changes applied, and how many of them searches had seen when the index was last opened: a
     * search opens it afresh when behind, so it sees every change applied before it began. Not
     * reopened per change: under steady editing of a large site, that was a tenth of an edit's CPU.
     */
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    /**
     * Held while a small change is written, and by a search reopening the index, so it never
     * opens half a change. A large change (a whole subtree moved, a rebuild) is written apart
     * instead: searches keep the index they had, brought up to date first, until it is recorded.
     */
    private final Object changing = new Object();
    /** A large change is being written. Guarded by {@link #changing}. */
    private boolean writingApart;
    /** Pages a change may touch and still hold up searches while it is written. */
    private static final int SMALL_CHANGE = 200;

    private interface Change {
        void write() throws IOException;
    }

    /**
     * Helps each search through the index's segments side by side. One thread fewer than the
     * cores: the searching thread takes segments itself, so a busy pool slows a search, never stops it.
     */
    private final ExecutorService helpers = helpers();

    private SearchIndex(Directory directory) throws IOException {
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        try {
            if (!SCHEMA.equals(commitData().get(SCHEMA_KEY))) {
                writer.deleteAll(); // another schema: nothing in it can be trusted; the caller rebuilds
                writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
                writer.commit();
            }
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return new SplitSearcher(reader, helpers);
                }
            });
        } catch (IOException | RuntimeException e) {
            writer.rollback(); // lets go of write.lock, so that a damaged index can be started over
            throw e;
        }
        this.searcher = new Searcher(analyzer, facets);
    }

    private static ExecutorService helpers() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
            Thread thread = new Thread(r, "search-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Searches each segment as a task of its own. Lucene's default puts up to 250,000 documents
     * in one task, so a site of 100,000 pages would be searched on one core (p50 at 100,000 pages
     * went from 11.3 to 8.5–11 ms, busy as this machine is).
     */
    private static final class SplitSearcher extends IndexSearcher {
        SplitSearcher(IndexReader reader, Executor helpers) {
            super(reader, helpers);
        }

        @Override
        protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            return slices(leaves, 1, 1);
        }
    }

    /** One daemon thread; a commit still waiting when the index closes is dropped (close commits anyway). */
    private static ScheduledThreadPoolExecutor committer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "search-index-commit");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Opens the index in {@code dir}, or makes one. A damaged index (a full disk, a power cut) is
     * a cache like any other: it is emptied, and the gate's catch-up builds it again.
     */
    public static SearchIndex open(Path dir) {
        try {
            // Each move of main is made searchable at once (a near-real-time reopen): the tiny
            // segments that flushes write stay in memory until merged or committed.
            Directory directory = new NRTCachingDirectory(FSDirectory.open(dir), 8, 64);
            try {
                return new SearchIndex(directory);
            } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | java.io.EOFException e) {
                LOG.warn("The search index in {} is damaged ({}); it is built again from content.git", dir, e.getMessage());
                empty(dir);
                return new SearchIndex(directory);
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IllegalStateException("the search index in " + dir + " is in use by another process;"
                    + " is moot serve already running on this site?", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the search index in " + dir, e);
        }
    }

    private static void empty(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }

    /** The commit of {@code main} the index reflects; empty when it must be built from nothing. */
    public Optional<String> indexedCommit() {
        return Optional.ofNullable(commitData().get(COMMIT_KEY));
    }

    /** Replaces these pages, removes those, records {@code commit}, and makes it all visible to searches. */
    void apply(Map<PageId, Document> pages, Collection<PageId> removed, String commit) {
        Change change = () -> {
            for (PageId id : removed) {
                writer.deleteDocuments(new Term(IndexFields.ID, id.value()));
            }
            for (Map.Entry<PageId, Document> page : pages.entrySet()) {
                writer.updateDocument(new Term(IndexFields.ID, page.getKey().value()), facets.build(page.getValue()));
            }
            record(commit);
        };
        try {
            if (pages.size() + removed.size() <= SMALL_CHANGE) {
                synchronized (changing) {
                    change.write();
                }
            } else {
                writeApart(change);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not update the search index", e);
        }
    }

    /** Replaces the whole index with the documents {@code fill} hands to the writer, from as many threads at once as it likes. */
    void rebuild(String commit, Consumer<Consumer<Document>> fill) {
        try {
            writeApart(() -> {
                // Until the last page is in, the index claims no commit: if the rebuild stops half-way
                // (a crash, Ctrl-C in moot reindex) and is written to disk, the next start rebuilds it.
                writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
                writer.deleteAll();
                fill.accept(page -> {
                    try {
                        writer.addDocument(facets.build(page));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                record(commit);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild the search index", e);
        }
    }

    /**
     * Writes a change while searches keep the index as it was before it, with every earlier change
     * (reopened first if behind), and opens it for them once written. A change that fails
     * half-way is never opened by a search: they are not behind, until the next change is recorded.
     */
    private void writeApart(Change change) throws IOException {
        synchronized (changing) {
            reopenIfBehind();
            writingApart = true;
        }
        boolean written = false;
        try {
            change.write();
            written = true;
        } finally {
            synchronized (changing) {
                writingApart = false;
                if (written) {
                    reopenIfBehind(); // at once: it also flushes the writer's buffer (up to 64 MB) to a segment
                }
            }
        }
    }

    /** Opens the index afresh if changes were recorded since searches last opened it. Holds {@link #changing}. */
    private void reopenIfBehind() throws IOException {
        long now = applied.get();
        if (opened.get() < now) {
            searchers.maybeRefreshBlocking();
            opened.set(now);
        }
    }

    private void record(String commit) throws IOException {
        writer.setLiveCommitData(Map.of(COMMIT_KEY, commit, SCHEMA_KEY, SCHEMA).entrySet());
        applied.incrementAndGet();
        if (commitPending.compareAndSet(false, true)) {
            committer.schedule(this::commitToDisk, 1, TimeUnit.SECONDS);
        }
    }

    private void commitToDisk() {
        commitPending.set(false);
        try {
            writer.commit();
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            LOG.warn("could not write the search index to disk; it will catch up after a restart", e);
        }
    }

    public SearchResults search(SearchQuery query) {
        try {
            if (opened.get() < applied.get()) {
                synchronized (changing) {
                    if (!writingApart) {
                        reopenIfBehind();
                    }
                }
            }
            IndexSearcher current = searchers.acquire();
            try {
                return searcher.search(current, query);
            } finally {
                searchers.release(current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the index", e);
        }
    }

    /** The writer starts from the last commit's data, so this is what the index on disk recorded, or set since. */
    private Map<String, String> commitData() {
        Map<String, String> out = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public void close() {
        // Never interrupt the committer: an interrupted thread closes the channel Lucene is writing through.
        committer.shutdown();
        try {
            committer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        helpers.shutdown();
        try {
            writer.commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
