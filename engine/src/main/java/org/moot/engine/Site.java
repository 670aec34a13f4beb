package org.moot.engine;

import org.moot.engine.access.Access;
import org.moot.engine.govern.BallotBox;
import org.moot.engine.govern.Governance;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.DisplayNames;
import org.moot.engine.access.MembersList;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.RoleBook;
import org.moot.engine.access.User;
import org.moot.engine.edit.ChangeCheck;
import org.moot.engine.edit.EditService;
import org.moot.engine.edit.Proposals;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.Snapshot;
import org.moot.engine.git.History;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.PathIndex;
import org.moot.engine.git.Repo;
import org.moot.engine.graph.SiteGraphs;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.moot.engine.read.HistoryReader;
import org.moot.engine.search.Indexer;
import org.moot.engine.search.SearchIndex;
import org.moot.engine.search.SearchQuery;
import org.moot.engine.search.SearchResults;
import org.moot.engine.mirror.Follower;
import org.moot.engine.mirror.Upstream;
import org.moot.engine.push.PushHook;
import org.moot.engine.read.PageReader;
import org.moot.engine.render.Renderer;
import org.moot.engine.argue.ArgdownImport;
import org.moot.engine.papers.PaperVersions;
import org.moot.engine.talk.Discussions;
import org.moot.engine.watch.Watchlists;

/** The composition root of one site: wires the parts with plain constructors. */
public final class Site implements AutoCloseable {

    /**
     * Cache sizes, in bytes of text held, and whether this process keeps the indexes, search and
     * path history (one process at a time can: the server does, a command such as
     * {@code moot user add} does not).
     */
    public record Config(long pageCacheBytes, long renderCacheBytes, boolean indexes, java.time.Clock clock) {
        /**
         * Parsed pages (with their text) for every page of a 10,000-page site; the site graph keeps
         * what it needs of every page itself, so a larger site re-reads only the text it shows.
         */
        public static final Config DEFAULT = new Config(96L << 20, 64L << 20, true, java.time.Clock.systemUTC());
        /** For a command run beside a running server: small caches, and no indexes (the server owns them). */
        public static final Config COMMAND = new Config(16L << 20, 4L << 20, false, java.time.Clock.systemUTC());

        /** The same, with the clock that elections, polls and terms run by (a test's own). */
        public Config withClock(java.time.Clock clock) {
            return new Config(pageCacheBytes, renderCacheBytes, indexes, clock);
        }
    }

    private final SiteFolder folder;
    private final Repo repo;
    private final PageReader pages;
    private final Access access;
    private final EditService edits;
    private final HistoryReader history;
    private final Proposals proposals;
    private final Watchlists watchlists;
    private final Optional<SearchIndex> search;
    private final Optional<Indexer> indexer;
    private final MainWriter main;
    private final EditBranches branches;
    private final ChangeCheck check;
    private final Discussions discussions;
    private final PaperVersions papers;
    private final ArgdownImport argdown;
    private final PersonalData personalData;
    private final Governance governance;

    private Site(SiteFolder folder, Config config) {
        this.folder = folder;
        this.repo = Repo.open(folder.content());
        // A process killed mid-write leaves ref locks that would block those refs for ever.
        repo.clearLeftOverLocks();
        SiteGraphs graphs = new SiteGraphs(repo, config.pageCacheBytes());
        this.pages = new PageReader(repo, graphs, new Renderer(config.renderCacheBytes()));
        this.main = new MainWriter(repo);
        Permissions permissions = new Permissions();
        // The indexes are kept by one process (the server); a command beside it walks the history.
        // The search index is opened first: its write lock stops a second process before it
        // touches the path index.
        this.search = config.indexes() ? Optional.of(SearchIndex.open(folder.index())) : Optional.empty();
        Optional<PathIndex> paths = search.map(s -> PathIndex.open(repo, folder.pathIndex()));
        paths.ifPresent(repo::subscribe);
        if (config.indexes()) {
            repo.keepTidy();
        }
        History history = new History(repo, paths);
        this.access = new Access(new Accounts(folder.privateDir()), new RoleBook(repo, main, history),
                new MembersList(folder.privateDir()), permissions, history,
                () -> DisplayNames.credited(pages.graph(java.util.Optional.empty()).pages()));
        this.branches = new EditBranches(repo);
        this.check = new ChangeCheck(repo, graphs, permissions);
        this.edits = new EditService(repo, main, branches, graphs, check);
        this.proposals = new Proposals(repo, branches, edits, main, permissions);
        this.history = new HistoryReader(repo, graphs, history);
        this.watchlists = new Watchlists(folder.privateDir());
        this.discussions = new Discussions(repo, main, graphs, permissions, folder.privateDir().resolve("held"));
        this.indexer = search.map(index -> new Indexer(repo, graphs, index, history));
        // The only way the index learns of changes; subscribing catches it up from the commit it reflects.
        indexer.ifPresent(repo::subscribe);
        this.governance = new Governance(repo, main, access.roles(), access.accounts(), new BallotBox(folder.privateDir()),
                config.clock(), permissions, n -> proposals.find(n).isPresent());
        this.personalData = new PersonalData(access, watchlists, discussions, proposals, governance.box());
        this.argdown = new ArgdownImport(repo, graphs, branches, check, proposals::proposedIds);
        this.papers = new PaperVersions(repo, graphs);
        if (config.indexes() && folder.mirror().isEmpty()) {
            repo.subscribe(papers); // a mirror copies its upstream's tags instead of making its own
        }
    }

    /**
     * Builds the graph of main's tip in the background, so the first visitor after a start does
     * not wait for it (at 100,000 pages it takes tens of seconds). After that, the indexer's
     * derivation keeps the graph of each new tip ready before the change is answered.
     */
    public void warmUp() {
        Thread warm = new Thread(() -> {
            try {
                repo.main().ifPresent(pages::graph);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Site.class).warn("could not build the site graph ahead of the first view", e);
            }
        }, "site-graph warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    public static Site open(SiteFolder folder, Config config) {
        if (!folder.exists()) {
            throw new NotFoundException(folder.dir() + " is not a Moot site (it has no content.git)");
        }
        return new Site(folder, config);
    }

    public SiteFolder folder() {
        return folder;
    }

    public PageReader pages() {
        return pages;
    }

    public Access access() {
        return access;
    }

    public EditService edits() {
        return edits;
    }

    public HistoryReader history() {
        return history;
    }

    public Proposals proposals() {
        return proposals;
    }

    public Governance governance() {
        return governance;
    }

    public PersonalData personalData() {
        return personalData;
    }

    public ArgdownImport argdown() {
        return argdown;
    }

    public PaperVersions papers() {
        return papers;
    }

    public Discussions discussions() {
        return discussions;
    }

    public Watchlists watchlists() {
        return watchlists;
    }

    /**
     * {@code main} as it is now: resolved once per request and handed to every reader, so that
     * everything a request shows comes from one commit. Resolving it lets the gate announce a
     * change made by another process first.
     */
    public Snapshot tip() {
        return repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet"));
    }

    /**
     * Searches {@code main} as it is now: resolving it first lets the gate announce a change made
     * outside this process, so the index has caught up before it is asked.
     */
    public SearchResults search(SearchQuery query) {
        SearchIndex index = search.orElseThrow(() -> new IllegalStateException("this process does not keep the search index"));
        repo.main();
        return index.search(query);
    }

    /** Rebuilds the search index from main, as {@code moot reindex} does; {@code progress} hears each page done. */
    public void reindex(java.util.function.LongConsumer progress) {
        Indexer indexing = indexer.orElseThrow(() -> new IllegalStateException("this process does not keep the search index"));
        indexing.rebuild(repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet")), progress);
    }

    /** Decides and carries out what one {@code git push} by {@code user} may do; proposals are shown under {@code siteUrl}. */
    public PushHook pushHook(User user, String siteUrl) {
        return new PushHook(repo, main, branches, check, user, siteUrl);
    }

    /** {@code content.git} for Git's smart HTTP transport, which the caller closes after each request. */
    public org.eclipse.jgit.lib.Repository gitTransport() {
        return repo.transport();
    }

    /** What this site mirrors, when it is a read-only mirror. */
    public Optional<SiteFolder.Mirror> mirror() {
        return folder.mirror();
    }

    /** On a mirror, starts following its upstream (fetching at the mirror's interval) until the result is closed. */
    public Optional<Follower> startFollowing() {
        return folder.mirror().map(m -> new Follower(new Upstream(repo, main, m.gitUrl()), m.every()).start());
    }

    /** How many pages {@code main} holds, for progress reports. */
    public int pageCount() {
        return pages.graph(Optional.empty()).pages().size();
    }

    @Override
    public void close() {
        search.ifPresent(SearchIndex::close);
        repo.close();
    }
}
