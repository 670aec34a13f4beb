package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Each author's newest commits on {@code main}, kept up to date incrementally: built once from the
 * newest {@link #SCAN} commits, then, whenever {@code main} has moved, from only the commits it
 * gained. A member page reads a list instead of walking the history.
 */
final class AuthorIndex {

    /** How far back the first build looks. */
    static final int SCAN = 20_000;
    /** How many commits are kept per author. */
    static final int KEEP = 100;

    private record State(ObjectId tip, Map<String, List<CommitInfo>> byAuthor) {}

    private final Repo repo;
    private volatile State state;

    AuthorIndex(Repo repo) {
        this.repo = repo;
    }

    /** Up to {@code limit} (at most {@link #KEEP}) commits by this author, newest first, as of {@code tip}. */
    List<CommitInfo> of(ObjectId tip, String authorEmail, int limit) {
        State now = state;
        if (now == null || !now.tip().equals(tip)) {
            now = update(tip);
        }
        List<CommitInfo> commits = now.byAuthor().getOrDefault(authorEmail, List.of());
        return commits.subList(0, Math.min(limit, commits.size()));
    }

    private synchronized State update(ObjectId tip) {
        State before = state;
        if (before != null && before.tip().equals(tip)) {
            return before;
        }
        // main only moves forward; if it was replaced (a mirror starting over), start over too.
        boolean forward = before != null && repo.isAncestor(before.tip(), tip);
        Map<String, List<CommitInfo>> byAuthor = new HashMap<>();
        try (RevWalk walk = new RevWalk(repo.repository())) {
            walk.markStart(walk.parseCommit(tip));
            if (forward) {
                walk.markUninteresting(walk.parseCommit(before.tip()));
            }
            int seen = 0;
            for (RevCommit commit : walk) {
                if (++seen > SCAN) {
                    break;
                }
                List<CommitInfo> list = byAuthor.computeIfAbsent(commit.getAuthorIdent().getEmailAddress(), k -> new ArrayList<>());
                if (list.size() < KEEP) {
                    list.add(CommitInfo.of(commit));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (forward) {
            before.byAuthor().forEach((author, older) -> {
                List<CommitInfo> list = byAuthor.computeIfAbsent(author, k -> new ArrayList<>());
                list.addAll(older.subList(0, Math.min(older.size(), KEEP - Math.min(KEEP, list.size()))));
            });
        }
        Map<String, List<CommitInfo>> frozen = new HashMap<>();
        byAuthor.forEach((author, list) -> frozen.put(author, List.copyOf(list)));
        State next = new State(tip.copy(), Map.copyOf(frozen));
        state = next;
        return next;
    }
}
