package org.moot.engine.talk;

import java.time.Instant;
import java.util.Optional;
import org.moot.schema.PageId;

/**
 * One comment of a page's discussion: who wrote it (account name, and the display name they had
 * then, for readers of a mirror), when, what it answers, the passage of the page it quotes, its
 * Markdown text, whether a moderator hid it, and, on a fact, whether it disputes the figure.
 */
public record Comment(PageId page, int number, String author, String authorName, Instant time,
                      Optional<Integer> repliesTo, Optional<String> quote, String text, Optional<Hidden> hidden,
                      Optional<Dispute> dispute) {

    /** Hidden comments stay in Git and in the thread, shown as hidden: by whom, when and why. */
    public record Hidden(String by, Instant at, String reason) {}

    public Comment withHidden(Optional<Hidden> hidden) {
        return new Comment(page, number, author, authorName, time, repliesTo, quote, text, hidden, dispute);
    }

    public Comment withDispute(Optional<Dispute> dispute) {
        return new Comment(page, number, author, authorName, time, repliesTo, quote, text, hidden, dispute);
    }

    /** The same comment at another place in its thread (a held comment, when it is published). */
    public Comment numbered(int number, Optional<Integer> repliesTo) {
        return new Comment(page, number, author, authorName, time, repliesTo, quote, text, hidden, dispute);
    }
}
