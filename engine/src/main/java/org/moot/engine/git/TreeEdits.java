package org.moot.engine.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private record Entry(String name, FileMode mode, ObjectId id, byte[] order) {
        Entry(String name, FileMode mode, ObjectId id) {
            // Git's order: names compared as bytes, a tree's name as if it ended in '/'.
            this(name, mode, id, (mode == FileMode.TREE ? name + '/' : name).getBytes(StandardCharsets.UTF_8));
        }

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
        Map<String, ObjectId> blobs = new HashMap<>();
        for (Map.Entry<String, byte[]> change : changes.entrySet()) {
            blobs.put(change.getKey(), change.getValue() == null ? null : inserter.insert(Constants.OBJ_BLOB, change.getValue()));
        }
        return setBlobs(reader, inserter, tree, blobs);
    }

    /**
     * The tree (null: none yet) with each path set to a stored blob (null deletes it). Each folder
     * on the way is rewritten once, however many of its files change.
     */
    static ObjectId setBlobs(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, ObjectId> blobs)
            throws IOException {
        ObjectId result = edit(reader, inserter, tree, blobs);
        return result == null ? inserter.insert(new TreeFormatter()) : result; // every file deleted: the empty tree
    }

    /** Sets paths relative to {@code tree} (null: no tree yet); null if the tree ends up empty. */
    private static ObjectId edit(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, ObjectId> changes)
            throws IOException {
        Map<String, Entry> entries = tree == null ? new LinkedHashMap<>() : read(reader, tree);
        Map<String, Map<String, ObjectId>> below = new HashMap<>();
        for (Map.Entry<String, ObjectId> change : changes.entrySet()) {
            String path = change.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                entries.remove(path);
                if (change.getValue() != null) {
                    entries.put(path, new Entry(path, FileMode.REGULAR_FILE, change.getValue()));
                }
            } else {
                below.computeIfAbsent(path.substring(0, slash), k -> new HashMap<>()).put(path.substring(slash + 1), change.getValue());
            }
        }
        for (Map.Entry<String, Map<String, ObjectId>> folder : below.entrySet()) {
            Entry existing = entries.remove(folder.getKey());
            ObjectId edited = edit(reader, inserter, existing != null && existing.isTree() ? existing.id() : null, folder.getValue());
            if (edited != null) {
                entries.put(folder.getKey(), new Entry(folder.getKey(), FileMode.TREE, edited));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        // In the tree's order already, but for the entries changed here (put last): a short sort.
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.order(), b.order()));
        // Sized to fit: past its default 8 KB, a TreeFormatter takes a 1 MB block list (JGit's
        // TemporaryBuffer with no limit), allocated outside the young heap, for every folder of
        // a few hundred pages; at 100,000 pages that was over 100 MB a second of edits, and the
        // collector's marking took a sixth of the CPU.
        int size = 0;
        for (Entry e : sorted) {
            size += TreeFormatter.entrySize(e.mode(), e.order().length - (e.isTree() ? 1 : 0));
        }
        TreeFormatter formatter = new TreeFormatter(size);
        for (Entry e : sorted) {
            formatter.append(e.name(), e.mode(), e.id());
        }
        return inserter.insert(formatter);
    }

    private static Map<String, Entry> read(ObjectReader reader, ObjectId tree) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        while (!parser.eof()) {
            entries.put(parser.getEntryPathString(), new Entry(parser.getEntryPathString(), parser.getEntryFileMode(),
                    parser.getEntryObjectId()));
            parser.next();
        }
        return entries;
    }
}
