package org.moot.engine.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** A three-way merge of two commits, in memory: a tree, or the conflicts with every side's text. */
public record Merge(Optional<ObjectId> tree, List<Conflict> conflicts) {

    /**
     * One file both sides changed in overlapping places. {@code marked} is the merged text with
     * conflict markers; {@code regions} are its conflicts as 1-based line ranges.
     */
    public record Conflict(String path, String base, String main, String yours, String marked, List<int[]> regions) {}

    public boolean clean() {
        return tree.isPresent();
    }

    /** Merges {@code yours} into {@code main}: nothing is written but objects, no ref moves. */
    static Merge of(Repo repo, ObjectId main, ObjectId yours) {
        try (RevWalk walk = new RevWalk(repo.repository())) {
            RevCommit ours = walk.parseCommit(main);
            RevCommit theirs = walk.parseCommit(yours);
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo.repository(), true);
            if (merger.merge(ours, theirs)) {
                return new Merge(Optional.of(merger.getResultTreeId()), List.of());
            }
            walk.reset();
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(main));
            walk.markStart(walk.parseCommit(yours));
            RevCommit base = walk.next();
            List<Conflict> conflicts = new ArrayList<>();
            Map<String, MergeResult<? extends Sequence>> results = merger.getMergeResults();
            for (String path : merger.getUnmergedPaths()) {
                String baseText = base == null ? "" : text(repo, base.getTree(), path);
                String mainText = text(repo, ours.getTree(), path);
                String yourText = text(repo, theirs.getTree(), path);
                @SuppressWarnings("unchecked")
                MergeResult<RawText> result = (MergeResult<RawText>) results.get(path);
                String marked = result == null ? yourText : format(result);
                conflicts.add(new Conflict(path, baseText, mainText, yourText, marked, regions(marked)));
            }
            return new Merge(Optional.empty(), List.copyOf(conflicts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Repo repo, ObjectId tree, String path) {
        Snapshot at = new Snapshot(ObjectId.zeroId(), tree, java.time.Instant.EPOCH);
        return repo.blobAt(at, path).map(b -> new String(repo.read(b), StandardCharsets.UTF_8)).orElse("");
    }

    private static String format(MergeResult<RawText> result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MergeFormatter().formatMerge(out, result, List.of("base", "main", "yours"), StandardCharsets.UTF_8);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The line ranges from each {@code <<<<<<<} to its {@code >>>>>>>}. */
    private static List<int[]> regions(String marked) {
        List<int[]> out = new ArrayList<>();
        List<String> lines = marked.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<<<<<<< ")) {
                start = i + 1;
            } else if (lines.get(i).startsWith(">>>>>>> ") && start > 0) {
                out.add(new int[] {start, i + 1});
                start = -1;
            }
        }
        return out;
    }
}
