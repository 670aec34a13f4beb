package org.moot.engine.edit;

import java.util.List;
import org.moot.engine.git.Merge;
import org.moot.schema.Violation;

/** Every way a save can end. Nothing the user wrote is lost in any of them. */
public sealed interface EditOutcome {

    /** Published: {@code main} is at {@code revision}. */
    record Merged(String revision, int number) implements EditOutcome {}

    /** Kept on its branch for review, because the user may not publish it ({@code reason}). */
    record Proposed(int number, String reason) implements EditOutcome {}

    /**
     * Kept on its branch: {@code main} changed the same lines since the edit's base. Resolve
     * against {@code against} (the new base) and save again on the same branch.
     */
    record Conflicted(int number, String against, List<Merge.Conflict> conflicts) implements EditOutcome {}

    /** Not saved: the content has problems (nothing was committed). */
    record Invalid(List<Violation> violations) implements EditOutcome {}

    /** Not saved: the user may not even propose this. */
    record Denied(String reason) implements EditOutcome {}

    /** Nothing to save: the text is what is already there, at {@code revision}. */
    record NoChange(String revision) implements EditOutcome {}
}
