package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.BlameCommand;
import org.eclipse.jgit.blame.BlameResult;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reading the past: a page's published changes (following moves), recent changes on main, blame. */
public final class History {

    /** One published change: a commit on main's first-parent line, and the files it changed. */
    public record Change(CommitInfo commit, List<String> paths) {}

    /** One line of a file, and the commit that last changed it. */
    public record BlameLine(int number, String text, CommitInfo commit) {}

    private final Repo repo;
    private final AuthorIndex authors;
    private final Optional<PathIndex> paths;

    /** @param paths which commits changed each path, when this process keeps that index */
    public History(Repo repo, Optional<PathIndex> paths) {
        this.repo = repo;
        this.authors = new AuthorIndex(repo);
        this.paths = paths;
    }

    /**
     * The published changes to a file up to {@code at}, newest first: the commits on main's
     * first-parent line (each published edit, with its author and summary) where the file's
     * content differs from before. Moves are followed back: through the page's own
     * {@code redirect-from}, or an identical file that disappeared elsewhere in the same change.
     */
    public List<CommitInfo> log(Snapshot at, String path, int limit) {
        return paths.flatMap(index -> index.at(at.commit())).flatMap(lookup -> log(lookup, path, limit))
                .orElseGet(() -> walk(at, path, limit));
    }

    /**
     * The newest published change to a file up to {@code at}, from the path index; empty when it
     * has none, or the index is not at {@code at} (never a walk: this is asked once per page).
     */
    public Optional<CommitInfo> lastChange(Snapshot at, String path) {
        return paths.flatMap(index -> index.at(at.commit()))
                .flatMap(lookup -> lookup.changes(path, Integer.MAX_VALUE))
                .flatMap(changes -> changes.stream().findFirst())
                .map(change -> {
                    try (RevWalk walk = new RevWalk(repo.repository())) {
                        return CommitInfo.of(walk.parseCommit(change.commit()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The same from the path index (only the commits that changed the path are read); empty if it was rebuilt meanwhile. */
    private Optional<List<CommitInfo>> log(PathIndex.Lookup lookup, String path, int limit) {
        try (RevWalk walk = new RevWalk(repo.repository()); ObjectReader reader = repo.repository().newObjectReader()) {
            List<CommitInfo> out = new ArrayList<>();
            String current = path;
            int below = Integer.MAX_VALUE;
            while (current != null && out.size() < limit) {
                String movedFrom = null;
                Optional<List<PathIndex.Change>> changes = lookup.changes(current, below);
                if (changes.isEmpty()) {
                    return Optional.empty();
                }
                for (PathIndex.Change change : changes.get()) {
                    if (out.size() >= limit) {
                        break;
                    }
                    RevCommit commit = walk.parseCommit(change.commit());
                    out.add(CommitInfo.of(commit));
                    RevTree parentTree = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
                    Optional<ObjectId> here = blob(reader, commit.getTree(), current);
                    if (parentTree != null && here.isPresent() && blob(reader, parentTree, current).isEmpty()) {
                        movedFrom = movedFrom(reader, parentTree, commit.getTree(), current, here.get()).orElse(current);
                        below = change.position();
                        break; // the file began here: earlier, it was at movedFrom, or was an older file at this path
                    }
                }
                current = movedFrom;
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same by walking main's first-parent line: for a revision the path index is not at. */
    private List<CommitInfo> walk(Snapshot at, String path, int limit) {
        try (RevWalk walk = new RevWalk(repo.repository()); ObjectReader reader = repo.repository().newObjectReader()) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(at.commit()));
            List<CommitInfo> out = new ArrayList<>();
            String current = path;
            for (RevCommit commit : walk) {
                if (out.size() >= limit) {
                    break;
                }
                RevTree parentTree = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
                Optional<ObjectId> here = blob(reader, commit.getTree(), current);
                Optional<ObjectId> before = parentTree == null ? Optional.empty() : blob(reader, parentTree, current);
                if (!here.equals(before)) {
                    out.add(CommitInfo.of(commit));
                    if (here.isPresent() && before.isEmpty() && parentTree != null) {
                        current = movedFrom(reader, parentTree, commit.getTree(), current, here.get()).orElse(current);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path a newly added file came from, if the same change removed it there. */
    private Optional<String> movedFrom(ObjectReader reader, RevTree before, RevTree after, String path, ObjectId blob)
            throws IOException {
        List<String> removed = new ArrayList<>();
        for (String changed : repo.changedPaths(before, after)) {
            if (!changed.equals(path) && blob(reader, after, changed).isEmpty() && blob(reader, before, changed).isPresent()) {
                removed.add(changed);
            }
        }
        for (String old : removed) {
            if (blob(reader, before, old).get().equals(blob)) {
                return Optional.of(old);
            }
        }
        var split = org.moot.schema.FrontMatterParser.split(path, new String(repo.read(blob), java.nio.charset.StandardCharsets.UTF_8));
        Object redirects = split.frontMatter().get("redirect-from");
        List<?> ids = redirects instanceof List<?> list ? list : redirects == null ? List.of() : List.of(redirects);
        for (Object id : ids) {
            String value = String.valueOf(id);
            for (String old : List.of(value + ".md", value + "/index.md")) {
                if (removed.contains(old)) {
                    return Optional.of(old);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectId> blob(ObjectReader reader, RevTree tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            return walk == null || walk.getFileMode(0).getObjectType() != Constants.OBJ_BLOB
                    ? Optional.empty() : Optional.of(walk.getObjectId(0));
        }
    }

    /**
     * Commits on {@code main} whose author has this e-mail-shaped identity, newest first: at most
     * {@code limit} of them (and at most {@link AuthorIndex#KEEP}), read from an index kept up to
     * date as {@code main} moves, which first looks {@link AuthorIndex#SCAN} commits back.
     */
    public List<CommitInfo> commitsBy(String authorEmail, int limit) {
        return repo.main().map(tip -> authors.of(tip.commit(), authorEmail, limit)).orElse(List.of());
    }

    /** The most recent published changes: main's first-parent line, newest first. */
    public List<Change> changes(int limit) {
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet"));
        try (RevWalk walk = new RevWalk(repo.repository())) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(tip.commit()));
            List<Change> out = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (out.size() >= limit) {
                    break;
                }
                var parentTree = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
                List<String> paths = parentTree == null ? repo.files(repo.snapshot(commit)).stream().map(FileEntry::path).toList()
                        : repo.changedPaths(parentTree, commit.getTree());
                out.add(new Change(CommitInfo.of(commit), paths));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of a file at a snapshot with the commit that last changed it. */
    public List<BlameLine> blame(Snapshot at, String path) {
        try {
            BlameResult result = new BlameCommand(repo.repository()).setStartCommit(at.commit()).setFilePath(path)
                    .setFollowFileRenames(true).call();
            if (result == null) {
                throw new NotFoundException("there is no file " + path + " at " + at.revision());
            }
            result.computeAll();
            RawText text = result.getResultContents();
            List<BlameLine> out = new ArrayList<>();
            for (int i = 0; i < text.size(); i++) {
                out.add(new BlameLine(i + 1, text.getString(i), CommitInfo.of(result.getSourceCommit(i))));
            }
            return out;
        } catch (org.eclipse.jgit.api.errors.GitAPIException | IOException e) {
            throw new IllegalStateException("could not blame " + path + ": " + e.getMessage(), e);
        }
    }
}
