package org.moot.schema;

import java.util.List;
import java.util.Optional;

/**
 * One page as read from one file. Always built, even from a broken file, so that a page
 * with problems can still be shown (with its problems) rather than vanish.
 *
 * @param bodyLine the file line on which {@code body} starts
 */
public record Page(
        PageId id,
        String path,
        Kind kind,
        String title,
        Optional<String> summary,
        List<PageId> parents,
        List<String> tags,
        List<PageId> redirectFrom,
        Details details,
        FrontMatter frontMatter,
        String body,
        int bodyLine) {

    public Page {
        parents = List.copyOf(parents);
        tags = List.copyOf(tags);
        redirectFrom = List.copyOf(redirectFrom);
    }

    /** The sources of a paper, fact or argument; empty for other kinds. */
    public List<Source> sources() {
        if (details instanceof Details.Paper p) {
            return p.sources();
        }
        if (details instanceof Details.Fact f) {
            return f.sources();
        }
        if (details instanceof Details.Argument a) {
            return a.sources();
        }
        return List.of();
    }
}
