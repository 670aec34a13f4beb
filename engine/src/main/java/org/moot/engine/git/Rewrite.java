package org.moot.engine.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Copies a line of history commit by commit, each file's path and content passed through a
 * {@link Files} mapping: authors, committers, dates, messages and merges are kept. Each commit's
 * new tree is its first parent's new tree with that commit's own changes applied, mapped — so the
 * work is proportional to what changed, not to the size of the tree. Everything is written to one
 * pack, flushed at the end; no ref moves.
 */
public final class Rewrite {

    /** Where a file goes and what it holds there. */
    public interface Files {
        /** The new path of a file; empty leaves it out of the copy. */
        Optional<String> path(String path);

        /** The file's bytes at its new path (given its old path), or null to keep the blob as it is. */
        byte[] content(String oldPath, String newPath, ObjectReader reader, ObjectId blob) throws IOException;
    }

    /** What the copy led to: its tip, how many commits, and the files left out (links, submodules). */
    public record Result(ObjectId tip, int commits, int leftOut) {}

    private Rewrite() {}

    static Result run(Repository repository, ObjectId tip, Files files, LongConsumer progress, java.util.function.IntConsumer total)
            throws IOException {
        ObjectInserter inserter = repository.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir
                ? dir.newPackInserter() : repository.newObjectInserter();
        try (inserter; ObjectReader reader = inserter.newReader(); RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(tip));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add(c);
            }
            total.accept(commits.size());
            Map<ObjectId, ObjectId> copied = new HashMap<>();
            Map<ObjectId, ObjectId> trees = new HashMap<>();
            Map<String, ObjectId> blobs = new HashMap<>(); // (old blob, new path) → new blob: each file's content mapped once
            ObjectId empty = inserter.insert(new org.eclipse.jgit.lib.TreeFormatter());
            int leftOut = 0;
            int done = 0;
            ObjectId last = null;
            for (RevCommit commit : commits) {
                Optional<RevCommit> first = commit.getParentCount() == 0 ? Optional.empty() : Optional.of(commit.getParent(0));
                Map<String, ObjectId> changes = new HashMap<>();
                try (TreeWalk diff = new TreeWalk(reader)) {
                    if (first.isPresent()) {
                        diff.addTree(walk.parseCommit(first.get()).getTree());
                    } else {
                        diff.addTree(new EmptyTreeIterator());
                    }
                    diff.addTree(commit.getTree());
                    diff.setRecursive(true);
                    diff.setFilter(TreeFilter.ANY_DIFF);
                    while (diff.next()) {
                        Optional<String> to = files.path(diff.getPathString());
                        if (to.isEmpty()) {
                            continue;
                        }
                        FileMode mode = diff.getFileMode(1);
                        if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
                            if (mode != FileMode.MISSING) {
                                leftOut++;
                            }
                            changes.put(to.get(), null);
                            continue;
                        }
                        ObjectId blob = diff.getObjectId(1);
                        String key = blob.name() + " " + to.get();
                        ObjectId mapped = blobs.get(key);
                        if (mapped == null) {
                            byte[] content = files.content(diff.getPathString(), to.get(), reader, blob);
                            mapped = content == null ? blob : inserter.insert(Constants.OBJ_BLOB, content);
                            blobs.put(key, mapped);
                        }
                        changes.put(to.get(), mapped);
                    }
                }
                ObjectId base = first.map(p -> trees.get(p.getId())).orElse(empty);
                ObjectId tree = TreeEdits.setBlobs(reader, inserter, base, changes);
                trees.put(commit.getId(), tree);
                CommitBuilder copy = new CommitBuilder();
                copy.setTreeId(tree);
                List<ObjectId> parents = new ArrayList<>();
                for (RevCommit parent : commit.getParents()) {
                    parents.add(copied.get(parent.getId()));
                }
                copy.setParentIds(parents);
                copy.setAuthor(commit.getAuthorIdent());
                copy.setCommitter(commit.getCommitterIdent());
                copy.setEncoding(commit.getEncoding());
                copy.setMessage(commit.getFullMessage());
                last = inserter.insert(copy);
                copied.put(commit.getId(), last);
                progress.accept(++done);
            }
            inserter.flush();
            return new Result(last, done, leftOut);
        }
    }
}
