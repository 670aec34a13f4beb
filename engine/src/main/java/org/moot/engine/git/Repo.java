package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The one gateway to Git. Everything Moot reads from or writes to {@code content.git} passes
 * through here; nothing else imports JGit's storage classes. Safe for concurrent use: every
 * call opens its own reader, and refs move only by compare-and-swap.
 */
public final class Repo implements AutoCloseable {

    /** How far ahead of its own time a commit follows a parent dated in the future. */
    static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(5);
    public static final String MAIN = "refs/heads/main";
    /** Files larger than this are not read as pages; a wiki page is never this big. */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** A fetch that hears nothing for this long gives up, so a dead upstream never hangs its mirror. */
    static final int FETCH_TIMEOUT_SECONDS = 60;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,40}");

    static {
        // JGit's defaults (10 MB of pack windows, read into the heap) re-read a pack many times over
        // for a clone or a push's connectivity check. Windows are mapped from the file instead, as
        // C git does, so the page cache holds the pack and a 1.3 GB pack costs no heap.
        org.eclipse.jgit.storage.file.WindowCacheConfig cache = new org.eclipse.jgit.storage.file.WindowCacheConfig();
        cache.setPackedGitMMAP(true);
        cache.setPackedGitWindowSize(1 << 20);
        cache.setPackedGitLimit(2L << 30);
        cache.setDeltaBaseCacheLimit(32 << 20);
        cache.install();
    }

    private final Repository repository;
    private final LiveWriters writers;
    private final RefLocks locks;
    private final RefMover refs;
    private volatile Snapshot lastMain;
    private volatile Optional<CommitGraph> commitGraph = Optional.empty();
    private volatile Optional<LoosePacker> packer = Optional.empty();
    private final List<java.util.function.BiConsumer<String, Optional<ObjectId>>> branchMoves =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private Repo(Repository repository) {
        this.repository = repository;
        Path gitDir = repository.getDirectory().toPath();
        this.writers = new LiveWriters(gitDir);
        this.locks = new RefLocks(gitDir, writers);
        this.refs = new RefMover(repository, locks, writers);
    }

    public static Repo open(Path gitDir) {
        if (!Files.isDirectory(gitDir.resolve("objects"))) {
            throw new NotFoundException(gitDir + " is not a Git repository");
        }
        try {
            return new Repo(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty bare repository whose default branch is {@code main}. */
    public static Repo create(Path gitDir) {
        try (Git git = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call()) {
            StoredConfig config = git.getRepository().getConfig();
            // Commit walks dominate on deep histories; let JGit use (and gc write) a commit-graph.
            config.setBoolean("core", null, "commitGraph", true);
            config.setBoolean("gc", null, "writeCommitGraph", true);
            // Keep a reflog even though the repository is bare: it is the record of every ref move.
            config.setBoolean("core", null, "logAllRefUpdates", true);
            config.save();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("could not create a Git repository at " + gitDir + ": " + e.getMessage(), e);
        }
        return open(gitDir);
    }

    public Path directory() {
        return repository.getDirectory().toPath();
    }

    /**
     * The tip of {@code main}, or empty for a repository with no commits yet. A tip nobody here
     * announced (another process moved main) is announced through the gate before this returns.
     */
    public Optional<Snapshot> main() {
        Optional<ObjectId> tip = refs.read(MAIN);
        refs.gate().observed(tip, () -> refs.read(MAIN));
        return tip.map(id -> {
            Snapshot last = lastMain;
            if (last == null || !last.commit().equals(id)) {
                last = snapshot(id); // a commit never changes, so its snapshot is kept while main stays there
                lastMain = last;
            }
            return last;
        });
    }

    /**
     * Makes {@code listener} follow every move of main from now on, after handing it the change
     * from the commit it last processed to the tip. Subscribed once, in the composition root.
     */
    public void subscribe(MainListener listener) {
        refs.gate().subscribe(listener, () -> refs.read(MAIN));
    }

    /**
     * Keeps the repository tidy for the process that serves the site: the commit-graph written
     * after every move of main, and read by JGit (see {@link CommitGraph}); loose objects packed
     * once there are many (see {@link LoosePacker}).
     */
    public void keepTidy() {
        try {
            StoredConfig config = repository.getConfig();
            if (!config.getBoolean("core", "commitGraph", false)) {
                config.setBoolean("core", null, "commitGraph", true);
                config.save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommitGraph graph = new CommitGraph(repository);
        commitGraph = Optional.of(graph);
        subscribe(graph);
        if (repository instanceof org.eclipse.jgit.internal.storage.file.FileRepository files) {
            LoosePacker packer = new LoosePacker(files);
            this.packer = Optional.of(packer);
            subscribe(packer);
        }
    }

    /**
     * A commit named by its full or abbreviated hex id, if it is published: on main, on an edit
     * branch or in the archive. Only hex is accepted: revision expressions ({@code main~3}, reflog
     * syntax) are not a public interface; and the objects of a refused push, stored before it was
     * refused, are never shown.
     */
    public Snapshot resolve(String revision) {
        if (!HEX.matcher(revision).matches()) {
            throw new NotFoundException("'" + revision + "' is not a revision id (4 to 40 hex digits)");
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(revision));
            if (ids.size() > 1) {
                throw new NotFoundException("revision '" + revision + "' is ambiguous; give more digits");
            }
            if (ids.isEmpty()) {
                throw new NotFoundException("there is no revision '" + revision + "'");
            }
            ObjectId id = ids.iterator().next();
            // Said in the words asked: the full id of an object that is not a published commit is not for readers.
            if (!isCommit(id) || !published(id)) {
                throw new NotFoundException("there is no revision '" + revision + "'");
            }
            return snapshot((AnyObjectId) id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a ref a reader may see (main, an open or an archived edit) reaches the commit. One
     * walk from all of them at once, each commit seen once: asked of a commit that none reaches (a
     * refused push's), it reads the history once, where a walk per ref read it once per edit.
     */
    private boolean published(ObjectId commit) {
        List<ObjectId> tips = new ArrayList<>();
        refs.read(MAIN).ifPresent(tips::add);
        for (String prefix : List.of(EditBranches.OPEN, EditBranches.ARCHIVE)) {
            tips.addAll(refs(prefix).values());
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRetainBody(false);
            RevCommit wanted = walk.parseCommit(commit);
            for (ObjectId tip : tips) {
                if (walk.parseAny(tip) instanceof RevCommit start) {
                    walk.markStart(start);
                }
            }
            for (RevCommit next = walk.next(); next != null; next = walk.next()) {
                if (next == wanted) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Snapshot snapshot(AnyObjectId commitId) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            return new Snapshot(commit.copy(), commit.getTree().copy(),
                    Instant.ofEpochSecond(commit.getCommitTime()));
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new NotFoundException("there is no revision '" + commitId.name() + "'");
        }
    }

    /** Whether the object is a commit (a push may bring tags, trees or blobs under a ref's name). */
    public boolean isCommit(ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseAny(id) instanceof RevCommit;
        } catch (MissingObjectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code ancestor} is {@code commit} or one of its ancestors. */
    public boolean isAncestor(ObjectId ancestor, ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(commit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A commit's first parent; empty for a first commit. */
    public Optional<ObjectId> parent(ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(commit);
            return c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).copy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit as a snapshot (its tree and time). */
    public Snapshot snapshot(ObjectId commit) {
        try {
            return snapshot((AnyObjectId) commit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths whose content differs between two trees. */
    public List<String> changedPaths(ObjectId fromTree, ObjectId toTree) {
        return changes(fromTree, toTree).stream().map(FileChange::path).toList();
    }

    /** The names of the entries (files and folders) directly in {@code folder} ("" for the top) of a tree. */
    public List<String> names(ObjectId tree, String folder) {
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk walk = folder.isEmpty() ? new TreeWalk(reader) : TreeWalk.forPath(reader, folder, tree)) {
            if (walk == null) {
                return List.of();
            }
            if (folder.isEmpty()) {
                walk.addTree(tree);
            } else if (!walk.isSubtree()) {
                return List.of();
            } else {
                walk.enterSubtree();
            }
            List<String> out = new ArrayList<>();
            while (walk.next()) {
                out.add(walk.getNameString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files whose content differs between two trees, with their content on each side. */
    public List<FileChange> changes(ObjectId fromTree, ObjectId toTree) {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(fromTree);
            walk.addTree(toTree);
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            List<FileChange> out = new ArrayList<>();
            while (walk.next()) {
                out.add(new FileChange(walk.getPathString(), blob(walk, 0), blob(walk, 1)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ObjectId> blob(TreeWalk walk, int tree) {
        return walk.getFileMode(tree).getObjectType() == Constants.OBJ_BLOB ? Optional.of(walk.getObjectId(tree)) : Optional.empty();
    }

    /** A changed entry a site cannot hold (a link, a submodule, a name that is not UTF-8): why, in words. */
    public record OddEntry(String path, String problem) {}

    /** The entries that differ between two trees and are, in the second, not plain files, or not named in UTF-8. */
    public List<OddEntry> oddEntries(ObjectId fromTree, ObjectId toTree) {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(fromTree);
            walk.addTree(toTree);
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            List<OddEntry> out = new ArrayList<>();
            while (walk.next()) {
                FileMode mode = walk.getFileMode(1);
                if (mode == FileMode.SYMLINK) {
                    out.add(new OddEntry(walk.getPathString(), "a symbolic link cannot be part of a site: only plain files can"));
                } else if (mode == FileMode.GITLINK) {
                    out.add(new OddEntry(walk.getPathString(), "a submodule cannot be part of a site: only plain files can"));
                } else if (mode != FileMode.MISSING && !utf8(walk.getRawPath())) {
                    // JGit reads such a name as Latin-1, so the text of the path hides it.
                    out.add(new OddEntry(walk.getPathString().replaceAll("[^\\x20-\\x7e]", "?"),
                            "this file name is not UTF-8: a site's names must read the same in every clone"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean utf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** A commit a push brings: who made it, and its first parent (none for a first commit). */
    public record NewCommit(ObjectId id, Optional<ObjectId> firstParent, PersonIdent author, PersonIdent committer) {}

    /**
     * The commits reachable from {@code tip} and from none of {@code known}, oldest first: what a
     * push brings. At most {@code limit + 1} are read, so a caller can refuse more than it allows.
     */
    public List<NewCommit> newCommits(ObjectId tip, java.util.Collection<ObjectId> known, int limit) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(tip));
            for (ObjectId id : known) {
                RevObject object = walk.parseAny(id);
                if (object instanceof RevCommit commit) {
                    walk.markUninteresting(commit);
                }
            }
            List<NewCommit> out = new ArrayList<>();
            for (RevCommit c : walk) {
                out.add(new NewCommit(c.copy(), c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).copy()),
                        c.getAuthorIdent(), c.getCommitterIdent()));
                if (out.size() > limit) {
                    break;
                }
            }
            java.util.Collections.reverse(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A blob's size in bytes, without reading it. */
    public long size(ObjectId blob) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.getObjectSize(blob, Constants.OBJ_BLOB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The merge base of two commits, if they have one. */
    public Optional<ObjectId> mergeBase(ObjectId a, ObjectId b) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit base = walk.next();
            return Optional.ofNullable(base).map(RevCommit::copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file in a snapshot, in tree order. */
    public List<FileEntry> files(Snapshot snapshot) {
        return files(snapshot, "");
    }

    /** The files under a folder ({@code talk/proposals/3/}), in tree order, reading only that folder. */
    public List<FileEntry> files(Snapshot snapshot, String folder) {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(snapshot.tree());
            walk.setRecursive(true);
            if (!folder.isEmpty()) {
                walk.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(folder.endsWith("/")
                        ? folder.substring(0, folder.length() - 1) : folder));
            }
            List<FileEntry> out = new ArrayList<>();
            while (walk.next()) {
                if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    out.add(new FileEntry(walk.getPathString(), walk.getObjectId(0)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files directly in a folder ({@code talk/pages/health/}), not in the folders below it. */
    public List<FileEntry> filesIn(Snapshot snapshot, String folder) {
        String dir = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            if (dir.isEmpty()) {
                walk.addTree(snapshot.tree());
            } else {
                try (TreeWalk at = TreeWalk.forPath(reader, dir, snapshot.tree())) {
                    if (at == null || at.getFileMode(0) != org.eclipse.jgit.lib.FileMode.TREE) {
                        return List.of();
                    }
                    walk.addTree(at.getObjectId(0));
                }
            }
            String prefix = dir.isEmpty() ? "" : dir + "/";
            List<FileEntry> out = new ArrayList<>();
            while (walk.next()) {
                if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    out.add(new FileEntry(prefix + walk.getPathString(), walk.getObjectId(0)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blob at a path in a snapshot, if there is one. */
    public Optional<ObjectId> blobAt(Snapshot snapshot, String path) {
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk walk = TreeWalk.forPath(reader, path, snapshot.tree())) {
            if (walk == null || walk.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return Optional.empty();
            }
            return Optional.of(walk.getObjectId(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a blob (flushed before this returns); no ref moves. */
    ObjectId insertBlob(byte[] content) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            inserter.flush();
            return blob;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] read(ObjectId blob) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES);
        } catch (LargeObjectException e) {
            throw new IllegalStateException("file " + blob.name() + " is larger than " + MAX_FILE_BYTES + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a commit whose tree is {@code parent}'s with {@code changes} applied (a null value
     * deletes the path). Objects are flushed before this returns; no ref moves.
     */
    public ObjectId commit(Optional<Snapshot> parent, Map<String, byte[]> changes, PersonIdent author,
                           PersonIdent committer, String message) {
        return commit(parent.map(Snapshot::tree), parent.map(p -> List.<ObjectId>of(p.commit())).orElse(List.of()),
                changes, author, committer, message);
    }

    /**
     * Writes the tree {@code baseTree} becomes with {@code changes} applied, and no commit: what a
     * change would leave, to be checked before anything is kept. Objects are flushed before this returns.
     */
    public ObjectId tree(ObjectId baseTree, Map<String, byte[]> changes) {
        try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = TreeEdits.apply(reader, inserter, baseTree, changes);
            inserter.flush();
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a commit with these parents whose tree is {@code baseTree} (none: empty) with
     * {@code changes} applied. Objects are flushed before this returns; no ref moves.
     */
    public ObjectId commit(Optional<ObjectId> baseTree, List<ObjectId> parents, Map<String, byte[]> changes,
                           PersonIdent author, PersonIdent committer, String message) {
        try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = baseTree.isPresent()
                    ? TreeEdits.apply(reader, inserter, baseTree.get(), changes)
                    : TreeEdits.apply(reader, inserter, inserter.insert(new org.eclipse.jgit.lib.TreeFormatter()), changes);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentIds(parents);
            commit.setAuthor(author);
            commit.setCommitter(notBeforeParents(committer, parents, reader));
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The committer, dated no earlier than any parent. Walks of history take commit dates as their
     * order (JGit's check that a fetch's want is reachable, git's and JGit's negotiation of what a
     * fetch sends): a merge that waited its turn at main carried the time its request came in,
     * older than the comment its parent had gained meanwhile, and three fetches under load were
     * refused the main they had just been shown. A parent dated far ahead (a pusher's clock) is
     * followed by at most {@link #CLOCK_TOLERANCE}, so that one such commit cannot date everything
     * after it in the future: membership, terms and histories are read from these dates.
     */
    private static PersonIdent notBeforeParents(PersonIdent committer, List<ObjectId> parents, ObjectReader reader) throws IOException {
        java.time.Instant asked = committer.getWhenAsInstant();
        java.time.Instant when = asked;
        try (RevWalk walk = new RevWalk(reader)) {
            for (ObjectId parent : parents) {
                java.time.Instant parentTime = java.time.Instant.ofEpochSecond(walk.parseCommit(parent).getCommitTime());
                java.time.Instant followed = parentTime.isBefore(asked.plus(CLOCK_TOLERANCE)) ? parentTime : asked.plus(CLOCK_TOLERANCE);
                when = followed.isAfter(when) ? followed : when;
            }
        }
        return when.equals(asked) ? committer : new PersonIdent(committer, when);
    }

    /**
     * Moves a branch other than {@code main} from {@code expected} (empty: it must not exist yet)
     * to {@code target} (empty: delete it), only if nobody moved it in between, and only forward.
     * {@code main} moves only through {@link MainWriter}.
     */
    public RefMove moveBranch(String ref, Optional<ObjectId> expected, Optional<ObjectId> target, String reason) {
        return moveBranch(ref, expected, target, reason, true);
    }

    private RefMove moveBranch(String ref, Optional<ObjectId> expected, Optional<ObjectId> target, String reason, boolean forwardOnly) {
        if (ref.equals(MAIN)) {
            throw new IllegalArgumentException("main moves only through MainWriter");
        }
        RefMove moved = refs.move(ref, expected, target, reason, forwardOnly);
        if (moved.moved()) {
            branchMoves.forEach(listener -> listener.accept(ref, target));
        }
        return moved;
    }

    /**
     * Tells {@code listener} of every branch other than {@code main} that this process moves,
     * once it has moved: the ref, and where it now points (empty: deleted).
     */
    public void onBranchMoved(java.util.function.BiConsumer<String, Optional<ObjectId>> listener) {
        branchMoves.add(listener);
    }

    /**
     * Points a ref at any object, forward or not (a counter whose value is a blob), still only
     * from {@code expected}.
     */
    RefMove swap(String ref, Optional<ObjectId> expected, ObjectId target, String reason) {
        return refs.move(ref, expected, Optional.of(target), reason, false);
    }

    /**
     * Removes ref lock files left by a process that died mid-write (each is logged), so that a
     * crash never stops the site from writing. Run at start-up; while running, a write meets and
     * clears such a lock by itself.
     */
    public void clearLeftOverLocks() {
        locks.clearLeftOvers();
    }

    /**
     * Points a ref other than main where another repository has it, from {@code expected}: a
     * mirror follows its upstream's branches (forward or not; empty target: gone there too).
     */
    public RefMove mirrorRef(String ref, Optional<ObjectId> expected, Optional<ObjectId> target) {
        return moveBranch(ref, expected, target, "mirror", false);
    }

    /**
     * Brings every object another repository's refs reach into this one, and moves no ref: the
     * caller moves them, as every writer does. Returns that repository's refs, by name.
     */
    public Map<String, ObjectId> fetchAll(String url, TransferProgress progress) {
        try (org.eclipse.jgit.transport.Transport transport = org.eclipse.jgit.transport.Transport.open(repository,
                new org.eclipse.jgit.transport.URIish(url))) {
            transport.setDryRun(true); // objects are fetched; refs are not updated
            transport.setTimeout(FETCH_TIMEOUT_SECONDS);
            var result = transport.fetch(TransferProgress.jgit(progress),
                    List.of(new org.eclipse.jgit.transport.RefSpec("+refs/*:refs/*")));
            Map<String, ObjectId> out = new java.util.TreeMap<>();
            for (Ref ref : result.getAdvertisedRefs()) {
                if (ref.getName().startsWith("refs/") && ref.getObjectId() != null) {
                    out.put(ref.getName(), ref.getObjectId());
                }
            }
            return out;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a Git address", e);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("could not fetch from " + url + ": " + e.getMessage(), e));
        }
    }

    /**
     * Copies the history that ends at {@code tip}, each file through {@code files} (see
     * {@link Rewrite}); {@code total} hears how many commits there are, {@code progress} each one done.
     * Returns the copy's tip; no ref moves.
     */
    public Rewrite.Result rewrite(ObjectId tip, Rewrite.Files files, java.util.function.LongConsumer progress,
                                  java.util.function.IntConsumer total) {
        try {
            return Rewrite.run(repository, tip, files, progress, total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tip of a ref, if it exists. */
    public Optional<ObjectId> ref(String name) {
        return refs.read(name);
    }

    /** Every ref under a prefix (e.g. {@code refs/heads/edit/}), by name. */
    public Map<String, ObjectId> refs(String prefix) {
        try {
            Map<String, ObjectId> out = new java.util.TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
                if (ref.getObjectId() != null) {
                    out.put(ref.getName(), ref.getObjectId());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves main by compare-and-swap: only from {@code expected} (empty: it must not exist yet),
     * and only forward; the move is queued at the gate, and handed to the listeners by {@link #announceMoves}.
     */
    RefMove moveMain(Optional<ObjectId> expected, ObjectId target, String reason, Origin origin) {
        return moveMain(expected, List.of(new RefChange(MAIN, expected, target, origin.source(), origin.actor())), reason);
    }

    /** Moves main once through a chain of commits, each announced as a step of its own. */
    RefMove moveMain(Optional<ObjectId> expected, List<RefChange> steps, String reason) {
        return refs.moveMain(expected, steps, reason);
    }

    /** Hands the moves of main queued so far to the gate's listeners; returns once they have them. */
    void announceMoves() {
        refs.gate().deliver();
    }

    /**
     * The repository for Git's smart HTTP transport alone: it sends objects to clones and stores
     * the objects a push brings. A push moves no ref itself; the push hook moves them through this
     * class, as every other writer does.
     */
    public Repository transport() {
        repository.incrementOpen(); // the transport closes what it is handed after each request
        return repository;
    }

    /** The underlying repository, for the other classes of this package only. */
    Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        commitGraph.ifPresent(CommitGraph::close);
        packer.ifPresent(LoosePacker::close);
        writers.close();
        repository.close();
    }
}
