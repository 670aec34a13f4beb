package org.moot.engine.edit;

import java.util.Optional;
import java.util.OptionalInt;
import org.moot.schema.PageId;

/**
 * One save from the editor or the API.
 *
 * @param markdown the whole file, front matter included; empty to delete the page
 * @param baseRevision the revision the editor loaded; empty to create a new page
 * @param branch the number of an open edit this save continues (after a conflict, or when asked for changes)
 * @param moveTo a new id for the page: the old id then redirects to it
 */
public record EditRequest(PageId id, Optional<String> markdown, Optional<String> baseRevision, String summary,
                          OptionalInt branch, Optional<PageId> moveTo) {

    public EditRequest(PageId id, Optional<String> markdown, Optional<String> baseRevision, String summary, OptionalInt branch) {
        this(id, markdown, baseRevision, summary, branch, Optional.empty());
    }

    public static EditRequest of(PageId id, String markdown, Optional<String> baseRevision, String summary) {
        return new EditRequest(id, Optional.of(markdown), baseRevision, summary, OptionalInt.empty());
    }

    public EditRequest {
        summary = summary == null || summary.isBlank() ? "" : summary.strip();
    }
}
