package org.moot.web.history;

import java.util.List;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.History;
import org.moot.engine.git.TextDiff;
import org.moot.engine.read.HistoryReader;
import org.moot.schema.PageId;
import org.moot.web.Chrome;

/** The view records of the history templates. */
public final class HistoryModels {

    private HistoryModels() {}

    /** history.jte: a page's revisions, newest first. */
    public record Log(Chrome chrome, PageId id, String title, List<CommitInfo> commits) {}

    /** diff.jte: two revisions of a page, side by side or unified. */
    public record Diff(Chrome chrome, PageId id, String title, String from, String to, boolean unified, List<TextDiff.Row> rows) {}

    /** blame.jte: every line with the revision that last changed it. */
    public record Blame(Chrome chrome, PageId id, String title, List<History.BlameLine> lines) {}

    /** changes.jte: recent published changes, with the filters in use. */
    public record Changes(Chrome chrome, List<HistoryReader.Change> changes, String kind, String user) {}
}
