package org.moot.web.edit;

import gg.jte.Content;
import java.util.List;
import org.moot.engine.git.Merge;
import org.moot.schema.Violation;
import org.moot.web.Chrome;

/** The view records of the editor's templates. */
public final class EditModels {

    private EditModels() {}

    /**
     * edit.jte. {@code preview} is null unless asked for; {@code notice} says what saving will do
     * (publish, or propose for review) before the person starts.
     */
    public record Editor(Chrome chrome, EditForm form, List<Violation> problems, Content preview, String notice) {}

    /** conflict.jte: every side of each conflicting file, and the form to save the resolution. */
    public record Conflict(Chrome chrome, EditForm form, List<Merge.Conflict> files, int edit) {}
}
