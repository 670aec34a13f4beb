package org.moot.engine.edit;

import java.util.List;
import org.moot.engine.git.Merge;
import org.moot.schema.Violation;

/**
 * Every way a save can end. Nothing the user wrote is lost in any of them. Callers answer an
 * outcome through {@link #match}, so a new outcome is a compile error in each of them rather
 * than an empty answer at run time (Java 17 has no pattern {@code switch} to check this).
 */
public sealed interface EditOutcome {

    /** What to do with each outcome; a caller must say for every one. */
    interface Cases<R> {
        R merged(Merged merged);

        R proposed(Proposed proposed);

        R conflicted(Conflicted conflicted);

        R invalid(Invalid invalid);

        R denied(Denied denied);

        R noChange(NoChange noChange);
    }

    <R> R match(Cases<R> cases);

    /** Published: {@code main} is at {@code revision}. */
    record Merged(String revision, int number) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.merged(this);
        }
    }

    /** Kept on its branch for review, because the user may not publish it ({@code reason}). */
    record Proposed(int number, String reason) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.proposed(this);
        }
    }

    /**
     * Kept on its branch: {@code main} changed the same lines since the edit's base. Resolve
     * against {@code against} (the new base) and save again on the same branch.
     */
    record Conflicted(int number, String against, List<Merge.Conflict> conflicts) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.conflicted(this);
        }
    }

    /** Not saved: the content has problems (nothing was committed). */
    record Invalid(List<Violation> violations) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.invalid(this);
        }
    }

    /** Not saved: the user may not even propose this. */
    record Denied(String reason) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.denied(this);
        }
    }

    /** Nothing to save: the text is what is already there, at {@code revision}. */
    record NoChange(String revision) implements EditOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.noChange(this);
        }
    }
}
