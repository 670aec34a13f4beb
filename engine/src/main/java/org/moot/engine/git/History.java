package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.BlameCommand;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.revwalk.FollowFilter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reading the past: a file's history (following renames), recent changes on main, blame. */
public final class History {

    /** One published change: a commit on main's first-parent line, and the files it changed. */
    public record Change(CommitInfo commit, List<String> paths) {}

    /** One line of a file, and the commit that last changed it. */
    public record BlameLine(int number, String text, CommitInfo commit) {}

    private final Repo repo;

    public History(Repo repo) {
        this.repo = repo;
    }

    /**
     * Commits that changed a file up to {@code at}, newest first, following it back across renames.
     * Each entry's {@code path} is what the file was called in that commit.
     */
    public List<CommitInfo> log(Snapshot at, String path, int limit) {
        try (RevWalk walk = new RevWalk(repo.repository())) {
            walk.setTreeFilter(FollowFilter.create(path, repo.repository().getConfig().get(DiffConfig.KEY)));
            walk.markStart(walk.parseCommit(at.commit()));
            List<CommitInfo> out = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(CommitInfo.of(commit));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
