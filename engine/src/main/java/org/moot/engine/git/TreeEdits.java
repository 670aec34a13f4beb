package org.moot.engine.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Changes a few paths of a tree by rewriting only the trees on those paths: a page edit costs the
 * depth of its folder, not the size of the site (a full index of 10,000 files costs milliseconds
 * on every save). Each folder is rewritten by splicing its stored bytes: the entries that stay
 * are copied as they are, never parsed into objects or sorted again (a folder of a few hundred
 * pages is rewritten on every edit in it, twice per published edit).
 */
final class TreeEdits {

    private static final byte[] TREE_MODE = "40000".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FILE_MODE = "100644".getBytes(StandardCharsets.US_ASCII);

    /** An entry a folder gains or keeps under a new id: its name's bytes, whether it is a folder, its id. */
    private record Entry(byte[] name, boolean tree, ObjectId id) {
        byte[] mode() {
            return tree ? TREE_MODE : FILE_MODE;
        }

        int size() {
            return mode().length + 1 + name.length + 1 + Constants.OBJECT_ID_LENGTH;
        }

        /** Writes the entry at {@code at}; returns where it ends. */
        int write(byte[] out, int at) {
            System.arraycopy(mode(), 0, out, at, mode().length);
            at += mode().length;
            out[at++] = ' ';
            System.arraycopy(name, 0, out, at, name.length);
            at += name.length;
            out[at++] = 0;
            id.copyRawTo(out, at);
            return at + Constants.OBJECT_ID_LENGTH;
        }

        /** Git's order between this entry and a stored one. */
        int compareTo(byte[] raw, int nameFrom, int nameTo, boolean rawTree) {
            return compare(name, 0, name.length, tree, raw, nameFrom, nameTo - nameFrom, rawTree);
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
        if (blobs.isEmpty() && tree != null) {
            return tree; // a commit of a tree already written (a merge, an edit's checked tree)
        }
        ObjectId result = edit(reader, inserter, tree, blobs);
        return result == null ? inserter.insert(new TreeFormatter()) : result; // every file deleted: the empty tree
    }

    /** Sets paths relative to {@code tree} (null: no tree yet); null if the tree ends up empty. */
    private static ObjectId edit(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, ObjectId> changes)
            throws IOException {
        byte[] raw = tree == null ? new byte[0] : reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
        Map<String, ObjectId> files = new HashMap<>();
        Map<String, Map<String, ObjectId>> below = new HashMap<>();
        for (Map.Entry<String, ObjectId> change : changes.entrySet()) {
            String path = change.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                files.put(path, change.getValue());
            } else {
                below.computeIfAbsent(path.substring(0, slash), k -> new HashMap<>()).put(path.substring(slash + 1), change.getValue());
            }
        }
        // Every name changed here leaves the folder as it was; those with an entry come back below.
        List<byte[]> changed = new ArrayList<>();
        List<Entry> added = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, Map<String, ObjectId>> folder : below.entrySet()) {
            byte[] name = folder.getKey().getBytes(StandardCharsets.UTF_8);
            ObjectId edited = edit(reader, inserter, subtree(raw, name), folder.getValue());
            changed.add(name);
            if (edited != null) {
                added.add(new Entry(name, true, edited));
                folders.add(folder.getKey());
            }
        }
        for (Map.Entry<String, ObjectId> file : files.entrySet()) {
            if (folders.contains(file.getKey())) {
                if (file.getValue() != null) {
                    throw new IllegalArgumentException("'" + file.getKey() + "' cannot be both a file and a folder");
                }
                continue; // a file that became a folder
            }
            byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
            changed.add(name);
            if (file.getValue() != null) {
                added.add(new Entry(name, false, file.getValue())); // a folder emptied may become a file
            }
        }
        added.sort((a, b) -> compare(a.name(), 0, a.name().length, a.tree(), b.name(), 0, b.name().length, b.tree()));
        byte[] out = splice(raw, changed, added);
        return out.length == 0 ? null : inserter.insert(Constants.OBJ_TREE, out);
    }

    /** The stored tree's entries but those named in {@code changed}, with {@code added} (sorted) merged in, in git's order. */
    private static byte[] splice(byte[] raw, List<byte[]> changed, List<Entry> added) {
        int size = raw.length;
        for (Entry e : added) {
            size += e.size();
        }
        byte[] out = new byte[size];
        int written = 0;
        int next = 0; // the next entry of added to place
        for (int at = 0; at < raw.length; ) {
            int space = indexOf(raw, at, (byte) ' ');
            int nul = indexOf(raw, space + 1, (byte) 0);
            int end = end(raw, nul);
            boolean isTree = isTreeMode(raw, at, space);
            while (next < added.size() && added.get(next).compareTo(raw, space + 1, nul, isTree) < 0) {
                written = added.get(next++).write(out, written);
            }
            if (!named(changed, raw, space + 1, nul)) {
                System.arraycopy(raw, at, out, written, end - at);
                written += end - at;
            }
            at = end;
        }
        for (; next < added.size(); next++) {
            written = added.get(next).write(out, written);
        }
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /** The folder of this name in a stored tree, or null (none, or a file of that name). */
    private static ObjectId subtree(byte[] raw, byte[] name) {
        for (int at = 0; at < raw.length; ) {
            int space = indexOf(raw, at, (byte) ' ');
            int nul = indexOf(raw, space + 1, (byte) 0);
            int end = end(raw, nul);
            if (isTreeMode(raw, at, space) && Arrays.equals(raw, space + 1, nul, name, 0, name.length)) {
                return ObjectId.fromRaw(raw, nul + 1);
            }
            at = end;
        }
        return null;
    }

    private static boolean named(List<byte[]> names, byte[] raw, int from, int to) {
        for (byte[] name : names) {
            if (Arrays.equals(raw, from, to, name, 0, name.length)) {
                return true;
            }
        }
        return false;
    }

    /** A mode read as the octal number it is: old trees may write a folder's as {@code 040000}. */
    private static boolean isTreeMode(byte[] raw, int from, int to) {
        int mode = 0;
        for (int i = from; i < to; i++) {
            mode = mode * 8 + (raw[i] - '0');
        }
        return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }

    /** Where the entry whose name ends at {@code nul} ends: after its id. */
    private static int end(byte[] raw, int nul) {
        int end = nul + 1 + Constants.OBJECT_ID_LENGTH;
        if (end > raw.length) {
            throw damaged();
        }
        return end;
    }

    private static int indexOf(byte[] raw, int from, byte b) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        throw damaged();
    }

    private static IllegalStateException damaged() {
        return new IllegalStateException("a damaged tree: an entry is cut short");
    }

    /** Git's order: names compared as bytes, a folder's name as if it ended in '/'. */
    private static int compare(byte[] a, int aFrom, int aLength, boolean aTree, byte[] b, int bFrom, int bLength, boolean bTree) {
        int common = Math.min(aLength, bLength);
        int differ = Arrays.mismatch(a, aFrom, aFrom + common, b, bFrom, bFrom + common);
        if (differ >= 0) {
            return Byte.toUnsignedInt(a[aFrom + differ]) - Byte.toUnsignedInt(b[bFrom + differ]);
        }
        int aNext = aLength > common ? Byte.toUnsignedInt(a[aFrom + common]) : aTree ? '/' : 0;
        int bNext = bLength > common ? Byte.toUnsignedInt(b[bFrom + common]) : bTree ? '/' : 0;
        return aNext - bNext;
    }
}
