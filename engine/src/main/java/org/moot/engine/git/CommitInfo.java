package org.moot.engine.git;

import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * One commit as people read it in a history list.
 *
 * @param authorId the author's stable identity ({@code name@users.moot.invalid} for members)
 */
public record CommitInfo(String revision, Instant time, String author, String summary, String authorId, String message) {

    /** The commit itself: read from history, it needs none of the checks {@link Repo#resolve} makes of a revision asked for. */
    public ObjectId id() {
        return ObjectId.fromString(revision);
    }

    static CommitInfo of(RevCommit c) {
        return new CommitInfo(c.name(), Instant.ofEpochSecond(c.getCommitTime()), c.getAuthorIdent().getName(),
                c.getShortMessage(), c.getAuthorIdent().getEmailAddress(), c.getFullMessage());
    }
}
