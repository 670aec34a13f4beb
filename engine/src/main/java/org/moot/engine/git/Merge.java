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

    /**
     * Merges {@code yours} into {@code main}: nothing is written but objects, no ref moves. The
     * usual cases cost only the paths the edit changed; anything else goes to JGit's merger.
     */
    static Merge of(Repo repo, ObjectId main, ObjectId yours) {
        try {
            if (repo.isAncestor(main, yours)) {
                return new Merge(Optional.of(repo.snapshot(yours).tree()), List.of()); // main has not moved since
            }
            Optional<Merge> byPath = byPath(repo, main, yours);
            return byPath.isPresent() ? byPath.get() : full(repo, main, yours);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A three-way merge of just the files the edit changed: a file only one side changed is taken
     * from that side; a file both changed is merged line by line. Empty when the case is not a
     * simple one (several merge bases, folders, deletions on both sides): the full merger decides.
     */
    private static Optional<Merge> byPath(Repo repo, ObjectId main, ObjectId yours) throws IOException {
        List<ObjectId> bases = mergeBases(repo, main, yours);
        if (bases.size() != 1) {
            return Optional.empty();
        }
        Snapshot base = repo.snapshot(bases.get(0));
        Snapshot ours = repo.snapshot(main);
        Snapshot theirs = repo.snapshot(yours);
        Map<String, byte[]> changes = new java.util.HashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (String path : repo.changedPaths(base.tree(), theirs.tree())) {
            Optional<ObjectId> b = repo.blobAt(base, path);
            Optional<ObjectId> o = repo.blobAt(ours, path);
            Optional<ObjectId> t = repo.blobAt(theirs, path);
            if (o.equals(b)) {
                changes.put(path, t.map(repo::read).orElse(null)); // only the edit changed it
            } else if (!o.equals(t)) {
                if (b.isEmpty() || o.isEmpty() || t.isEmpty()) {
                    return Optional.empty(); // added on both sides, or changed on one and deleted on the other
                }
                RawText baseText = new RawText(repo.read(b.get()));
                RawText mainText = new RawText(repo.read(o.get()));
                RawText yourText = new RawText(repo.read(t.get()));
                MergeResult<RawText> result = new org.eclipse.jgit.merge.MergeAlgorithm()
                        .merge(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, baseText, mainText, yourText);
                String merged = format(result);
                if (result.containsConflicts()) {
                    conflicts.add(new Conflict(path, utf8(baseText), utf8(mainText), utf8(yourText), merged, regions(merged)));
                } else {
                    changes.put(path, merged.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (!conflicts.isEmpty()) {
            return Optional.of(new Merge(Optional.empty(), List.copyOf(conflicts)));
        }
        ObjectId tree = TreeEdits.apply(repo, ours.tree(), changes);
        return Optional.of(new Merge(Optional.of(tree), List.of()));
    }

    private static List<ObjectId> mergeBases(Repo repo, ObjectId a, ObjectId b) throws IOException {
        try (RevWalk walk = new RevWalk(repo.repository())) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            List<ObjectId> out = new ArrayList<>();
            for (RevCommit c : walk) {
                out.add(c.copy());
            }
            return out;
        }
    }

    private static String utf8(RawText text) {
        return new String(text.getRawContent(), StandardCharsets.UTF_8);
    }

    /** JGit's recursive merge of the whole trees: for the cases the path merge leaves to it. */
    private static Merge full(Repo repo, ObjectId main, ObjectId yours) {
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
