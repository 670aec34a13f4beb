package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing a few paths gives the very tree git would write for the whole resulting set of files. */
class TreeEditsTest {

    @TempDir
    Path tmp;

    @Test
    void editsGiveTheTreeGitWouldWriteWithFoldersSortedAsIfTheyEndedInASlash() throws Exception {
        // Git sorts the folder "a" as "a/": after "a-b.md" and "a.md" ('-' and '.' < '/'), before "a0.md".
        // A plain sort of names would put it first.
        Map<String, String> files = new TreeMap<>(Map.of("a/one.md", "1", "a-b.md", "2", "a.md", "3", "b/c/d.md", "4", "z.md", "5"));
        try (Repo repo = Repo.create(tmp.resolve("content.git"))) {
            ObjectId tree = TreeEdits.apply(repo, null, bytes(files));
            assertThat(tree).isEqualTo(gitTree(repo, files));

            Map<String, String> changes = new HashMap<>();
            changes.put("a/two.md", "6");       // into a folder
            changes.put("a0.md", "7");          // after the folder "a"
            changes.put("a-a.md", "8");         // before it
            changes.put("b/c/d.md", null);      // empties two folders
            changes.put("z.md", "9");           // changed in place
            ObjectId edited = TreeEdits.apply(repo, tree, bytes(changes));
            changes.forEach((path, text) -> {
                if (text == null) {
                    files.remove(path);
                } else {
                    files.put(path, text);
                }
            });
            assertThat(edited).isEqualTo(gitTree(repo, files));
        }
    }

    @Test
    void randomEditsOfNamesThatSortCloseToEachOtherGiveGitsTrees() throws Exception {
        // Names that sort differently as files and folders; a file may become a folder and back.
        String[] names = {"a", "a-b", "a.md", "a0", "b", "\u00e9.md", "z"};
        java.util.Random random = new java.util.Random(12);
        Map<String, String> files = new TreeMap<>();
        try (Repo repo = Repo.create(tmp.resolve("content.git"))) {
            ObjectId tree = null;
            for (int round = 0; round < 300; round++) {
                Map<String, String> changes = new HashMap<>();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    StringBuilder path = new StringBuilder(names[random.nextInt(names.length)]);
                    for (int depth = random.nextInt(3); depth > 0; depth--) {
                        path.append('/').append(names[random.nextInt(names.length)]);
                    }
                    String p = path.toString();
                    boolean clash = changes.keySet().stream().anyMatch(c -> c.startsWith(p + "/") || p.startsWith(c + "/"));
                    if (!clash) {
                        changes.put(p, files.containsKey(p) && random.nextInt(3) == 0 ? null : "text " + round);
                    }
                }
                tree = TreeEdits.apply(repo, tree, bytes(changes));
                changes.forEach((path, text) -> {
                    // What the edit replaces: a file where a folder was, or a folder where a file was.
                    files.keySet().removeIf(f -> f.startsWith(path + "/") || path.startsWith(f + "/"));
                    if (text == null) {
                        files.remove(path);
                    } else {
                        files.put(path, text);
                    }
                });
                assertThat(tree).as("round %d", round).isEqualTo(files.isEmpty() ? emptyTree(repo) : gitTree(repo, files));
            }
        }
    }

    @Test
    void entriesNotEditedKeepTheirModesAndIdsAndAFolderMayBecomeAFileAndBack() throws Exception {
        try (Repo repo = Repo.create(tmp.resolve("content.git"));
             ObjectInserter inserter = repo.repository().newObjectInserter()) {
            ObjectId x = blob(inserter, "x");
            ObjectId folder = tree(inserter, new Object[] {"x", FileMode.REGULAR_FILE, x});
            ObjectId module = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
            // In git's order: the submodule "a" sorts as a file, before "a.md" and "a0".
            ObjectId tree = tree(inserter, new Object[] {"a", FileMode.GITLINK, module}, new Object[] {"a.md", FileMode.REGULAR_FILE, x},
                    new Object[] {"a0", FileMode.REGULAR_FILE, x}, new Object[] {"b", FileMode.TREE, folder},
                    new Object[] {"link", FileMode.SYMLINK, x}, new Object[] {"run", FileMode.EXECUTABLE_FILE, x});
            inserter.flush();
            Map<String, byte[]> changes = new HashMap<>();
            changes.put("a.md", bytes("y"));
            changes.put("a0", null);
            changes.put("b/y", bytes("y"));
            ObjectId y = blob(inserter, "y");
            assertThat(TreeEdits.apply(repo, tree, changes)).isEqualTo(tree(inserter,
                    new Object[] {"a", FileMode.GITLINK, module}, new Object[] {"a.md", FileMode.REGULAR_FILE, y},
                    new Object[] {"b", FileMode.TREE, tree(inserter, new Object[] {"x", FileMode.REGULAR_FILE, x}, new Object[] {"y", FileMode.REGULAR_FILE, y})},
                    new Object[] {"link", FileMode.SYMLINK, x}, new Object[] {"run", FileMode.EXECUTABLE_FILE, x}));

            // A folder becomes a file (what a diff says of it: the file written, the folder's files deleted), and back.
            Map<String, byte[]> toFile = new HashMap<>();
            toFile.put("b", bytes("y"));
            toFile.put("b/x", null);
            ObjectId file = TreeEdits.apply(repo, tree, toFile);
            assertThat(TreeEdits.apply(repo, file, Map.of())).isEqualTo(file);
            assertThat(listing(repo, file)).isEqualTo(listing(repo, tree).replace("b/x", "b"));
            Map<String, byte[]> toFolder = new HashMap<>();
            toFolder.put("b", null);
            toFolder.put("b/x", bytes("x"));
            assertThat(TreeEdits.apply(repo, file, toFolder)).isEqualTo(tree);
            assertThatThrownBy(() -> TreeEdits.apply(repo, tree, Map.of("b", bytes("y"), "b/z", bytes("z"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anOldTreesZeroPaddedFolderModeIsAFolderAndADamagedTreeIsRefused() throws Exception {
        try (Repo repo = Repo.create(tmp.resolve("content.git"));
             ObjectInserter inserter = repo.repository().newObjectInserter()) {
            ObjectId x = blob(inserter, "x");
            ObjectId folder = tree(inserter, new Object[] {"x", FileMode.REGULAR_FILE, x});
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            raw.write("040000 dir\0".getBytes(StandardCharsets.US_ASCII));
            folder.copyRawTo(raw);
            ObjectId padded = inserter.insert(Constants.OBJ_TREE, raw.toByteArray());
            ObjectId cut = inserter.insert(Constants.OBJ_TREE, java.util.Arrays.copyOf(raw.toByteArray(), raw.size() - 5));
            inserter.flush();
            assertThat(TreeEdits.apply(repo, padded, Map.of("dir/y", bytes("y"))))
                    .isEqualTo(gitTree(repo, Map.of("dir/x", "x", "dir/y", "y")));
            assertThatThrownBy(() -> TreeEdits.apply(repo, cut, Map.of("z", bytes("z"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged tree");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectId blob(ObjectInserter inserter, String text) throws Exception {
        return inserter.insert(Constants.OBJ_BLOB, bytes(text));
    }

    /** A tree of these entries (name, mode, id), given in git's order. */
    private static ObjectId tree(ObjectInserter inserter, Object[]... entries) throws Exception {
        org.eclipse.jgit.lib.TreeFormatter formatter = new org.eclipse.jgit.lib.TreeFormatter();
        for (Object[] e : entries) {
            formatter.append((String) e[0], (FileMode) e[1], (ObjectId) e[2]);
        }
        ObjectId id = inserter.insert(formatter);
        inserter.flush();
        return id;
    }

    /** Every path of a tree with its mode and id, one a line. */
    private static String listing(Repo repo, ObjectId tree) throws Exception {
        StringBuilder out = new StringBuilder();
        try (org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(repo.repository())) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                out.append(walk.getPathString()).append(' ').append(walk.getFileMode(0)).append('\n');
            }
        }
        return out.toString();
    }

    private static ObjectId emptyTree(Repo repo) throws Exception {
        try (ObjectInserter inserter = repo.repository().newObjectInserter()) {
            return inserter.idFor(Constants.OBJ_TREE, new byte[0]);
        }
    }

    private static Map<String, byte[]> bytes(Map<String, String> texts) {
        Map<String, byte[]> out = new HashMap<>();
        texts.forEach((path, text) -> out.put(path, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** The tree JGit's index writes for these files, in git's own order. */
    private static ObjectId gitTree(Repo repo, Map<String, String> files) throws Exception {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectInserter inserter = repo.repository().newObjectInserter()) {
            files.forEach((path, text) -> {
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(FileMode.REGULAR_FILE);
                try {
                    entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                builder.add(entry);
            });
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            inserter.flush();
            return tree;
        }
    }
}
