package org.moot.engine;

import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.MembersList;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.RoleBook;
import org.moot.engine.edit.EditService;
import org.moot.engine.edit.Proposals;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.History;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.graph.SiteGraphs;
import org.moot.engine.read.HistoryReader;
import org.moot.engine.read.PageReader;
import org.moot.engine.render.Renderer;
import org.moot.engine.watch.Watchlists;

/** The composition root of one site: wires the parts with plain constructors. */
public final class Site implements AutoCloseable {

    /** Cache sizes, in bytes of text held. */
    public record Config(long pageCacheBytes, long renderCacheBytes) {
        /** Enough to keep every parsed page of a 10,000-page site, so a new commit re-reads only what changed. */
        public static final Config DEFAULT = new Config(256L << 20, 64L << 20);
    }

    private final SiteFolder folder;
    private final Repo repo;
    private final PageReader pages;
    private final Access access;
    private final EditService edits;
    private final HistoryReader history;
    private final Proposals proposals;
    private final Watchlists watchlists;

    private Site(SiteFolder folder, Config config) {
        this.folder = folder;
        this.repo = Repo.open(folder.content());
        SiteGraphs graphs = new SiteGraphs(repo, config.pageCacheBytes());
        this.pages = new PageReader(repo, graphs, new Renderer(config.renderCacheBytes()));
        MainWriter main = new MainWriter(repo);
        Permissions permissions = new Permissions();
        this.access = new Access(new Accounts(folder.privateDir()), new RoleBook(repo, main),
                new MembersList(folder.privateDir()), permissions, new History(repo));
        EditBranches branches = new EditBranches(repo);
        this.edits = new EditService(repo, main, branches, graphs, permissions);
        this.proposals = new Proposals(repo, branches, edits, main, permissions);
        this.history = new HistoryReader(repo, graphs);
        this.watchlists = new Watchlists(folder.privateDir());
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

    public Watchlists watchlists() {
        return watchlists;
    }

    @Override
    public void close() {
        repo.close();
    }
}
