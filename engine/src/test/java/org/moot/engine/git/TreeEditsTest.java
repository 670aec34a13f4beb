package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

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
