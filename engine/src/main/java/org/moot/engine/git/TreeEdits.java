package org.moot.engine.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Changes a few paths of a tree by rewriting only the trees on those paths: a page edit costs the
 * depth of its folder, not the size of the site (a full index of 10,000 files costs milliseconds
 * on every save).
 */
final class TreeEdits {

    private record Entry(String name, FileMode mode, ObjectId id) {
        boolean isTree() {
            return mode == FileMode.TREE;
        }
    }

    private TreeEdits() {}

    /** As below, with the repository's own reader and inserter; objects are flushed. */
    static ObjectId apply(Repo repo, ObjectId tree, Map<String, byte[]> changes) throws IOException {
        try (ObjectReader reader = repo.repository().newObjectReader();
             ObjectInserter inserter = repo.repository().newObjectInserter()) {
            ObjectId result = apply(reader, inserter, tree, changes);
            inserter.flush();
            return result;
        }
    }

    /** The tree with each path set to its bytes (null deletes it); returns the new tree's id. */
    static ObjectId apply(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, byte[]> changes)
            throws IOException {
        ObjectId result = tree;
        for (Map.Entry<String, byte[]> change : changes.entrySet()) {
            ObjectId blob = change.getValue() == null ? null : inserter.insert(Constants.OBJ_BLOB, change.getValue());
            result = edit(reader, inserter, result, Arrays.asList(change.getKey().split("/")), blob);
            if (result == null) {
                result = inserter.insert(new TreeFormatter()); // every file deleted: the empty tree
            }
        }
        return result;
    }

    /** Sets {@code path} under {@code tree} (null: no tree yet) to {@code blob} (null: delete); null if the tree ends up empty. */
    private static ObjectId edit(ObjectReader reader, ObjectInserter inserter, ObjectId tree, List<String> path, ObjectId blob)
            throws IOException {
        List<Entry> entries = tree == null ? new ArrayList<>() : read(reader, tree);
        String name = path.get(0);
        int at = indexOf(entries, name);
        Entry existing = at >= 0 ? entries.get(at) : null;
        Entry replacement;
        if (path.size() == 1) {
            replacement = blob == null ? null : new Entry(name, FileMode.REGULAR_FILE, blob);
        } else {
            ObjectId child = existing != null && existing.isTree() ? existing.id() : null;
            ObjectId edited = edit(reader, inserter, child, path.subList(1, path.size()), blob);
            replacement = edited == null ? null : new Entry(name, FileMode.TREE, edited);
        }
        if (at >= 0) {
            entries.remove(at);
        }
        if (replacement != null) {
            entries.add(replacement);
        }
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(TreeEdits::gitOrder);
        TreeFormatter formatter = new TreeFormatter();
        for (Entry e : entries) {
            formatter.append(e.name(), e.mode(), e.id());
        }
        return inserter.insert(formatter);
    }

    private static List<Entry> read(ObjectReader reader, ObjectId tree) throws IOException {
        List<Entry> entries = new ArrayList<>();
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        while (!parser.eof()) {
            entries.add(new Entry(parser.getEntryPathString(), parser.getEntryFileMode(), parser.getEntryObjectId()));
            parser.next();
        }
        return entries;
    }

    private static int indexOf(List<Entry> entries, String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Git's order: names compared as bytes, a tree's name as if it ended in '/'. */
    private static int gitOrder(Entry a, Entry b) {
        byte[] x = (a.name() + (a.isTree() ? "/" : "")).getBytes(StandardCharsets.UTF_8);
        byte[] y = (b.name() + (b.isTree() ? "/" : "")).getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(x, y);
    }
}
