package org.moot.engine.mirror;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.RefMove;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.git.TransferProgress;
import org.moot.engine.git.WriteFailedException;

/**
 * The site a mirror copies: each {@link #follow} fetches what is new there and moves this copy's
 * refs to match, {@code main} through {@link MainWriter} (announced with source {@code mirror}, so
 * search and caches follow as they do after an edit). Only {@code content.git} travels: accounts,
 * sessions and every other private file stay with each site.
 */
public final class Upstream {

    /** What one round of following did: refs moved, and main's tip after it. */
    public record Followed(int moved, Optional<ObjectId> main) {}

    private final Repo repo;
    private final MainWriter main;
    private final String gitUrl;

    public Upstream(Repo repo, MainWriter main, String url) {
        this.repo = repo;
        this.main = main;
        this.gitUrl = gitUrl(url);
    }

    /** A site's address or its repository's: {@code http://host/} means {@code http://host/git/content.git}. */
    public static String gitUrl(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        return trimmed.endsWith(".git") || !trimmed.matches("https?://.*") ? trimmed : trimmed + "/git/content.git";
    }

    /** The upstream site's own address, for links to it (its repository's address without {@code /git/content.git}). */
    public String siteUrl() {
        return gitUrl.endsWith("/git/content.git") ? gitUrl.substring(0, gitUrl.length() - "/git/content.git".length()) : gitUrl;
    }

    public String gitUrl() {
        return gitUrl;
    }

    /**
     * Fetches and moves every ref to where the upstream has it. Main only ever moves forward: an
     * upstream whose main no longer contains this copy's has rewritten its history, and the copy
     * keeps what it has rather than follow it.
     */
    public Followed follow() {
        return follow(TransferProgress.NONE);
    }

    /** As {@link #follow()}, telling {@code progress} how the fetch goes (a first copy can take minutes). */
    public Followed follow(TransferProgress progress) {
        Map<String, ObjectId> theirs = repo.fetchAll(gitUrl, progress);
        int moved = 0;
        Map<String, ObjectId> ours = repo.refs("refs/");
        for (Map.Entry<String, ObjectId> ref : theirs.entrySet()) {
            if (!ref.getKey().equals(Repo.MAIN) && !ref.getValue().equals(ours.get(ref.getKey()))) {
                moved += mirror(ref.getKey(), Optional.ofNullable(ours.get(ref.getKey())), Optional.of(ref.getValue()));
            }
        }
        for (Map.Entry<String, ObjectId> ref : ours.entrySet()) {
            if (!ref.getKey().equals(Repo.MAIN) && !theirs.containsKey(ref.getKey())) {
                moved += mirror(ref.getKey(), Optional.of(ref.getValue()), Optional.empty()); // merged or closed there
            }
        }
        ObjectId upstreamMain = theirs.get(Repo.MAIN);
        if (upstreamMain == null) {
            throw new WriteFailedException(gitUrl + " has no branch main; it is not a Moot site");
        }
        Optional<ObjectId> current = repo.main().map(Snapshot::commit);
        if (current.isPresent() && current.get().equals(upstreamMain)) {
            return new Followed(moved, current);
        }
        if (current.isPresent() && !repo.isAncestor(current.get(), upstreamMain)) {
            throw new WriteFailedException("main at " + gitUrl + " no longer contains this copy's main ("
                    + current.get().name() + "): its history was rewritten, so this copy keeps its own");
        }
        RefMove move = main.fastForward(current, upstreamMain, "mirror of " + gitUrl, Origin.site(ChangeSource.MIRROR));
        if (!move.moved()) {
            throw new WriteFailedException("could not follow main: " + move.describe());
        }
        return new Followed(moved + 1, Optional.of(upstreamMain));
    }

    private int mirror(String ref, Optional<ObjectId> expected, Optional<ObjectId> target) {
        RefMove move = repo.mirrorRef(ref, expected, target);
        if (!move.moved()) {
            throw new WriteFailedException("could not follow " + ref + ": " + move.describe());
        }
        return 1;
    }
}
