package org.moot.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.graph.SiteGraphs;

/** Builds exactly the repository a test needs: a real bare repository in a temporary folder. */
public final class TestRepos {

    private TestRepos() {}

    public static final String ADMIN_PASSWORD = "correct horse battery";

    public static final PersonIdent TESTER = new PersonIdent("Tess Tester", "tess@example.org");

    /** Commits a test puts straight onto main, as a push with plain git would. */
    public static final org.moot.engine.git.Origin PUSHED = org.moot.engine.git.Origin.site(org.moot.engine.git.ChangeSource.PUSH);

    /** Pairs of path and text. */
    public static Map<String, byte[]> files(String... pathsAndTexts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            // A null text deletes the file.
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1] == null ? null : pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** A new repository whose main holds one commit with these files. */
    public static Repo repo(Path dir, String... pathsAndTexts) {
        Repo repo = Repo.create(dir.resolve("content.git"));
        commit(repo, pathsAndTexts);
        return repo;
    }

    /** Commits on top of main and moves main; returns the new tip. */
    public static Snapshot commit(Repo repo, String... pathsAndTexts) {
        return new MainWriter(repo).commit(PUSHED, tip -> Optional.of(new MainWriter.Change(files(pathsAndTexts), TESTER, "test commit")))
                .orElseThrow();
    }

    public static SiteGraph graph(Repo repo) {
        return new SiteGraphs(repo, 1 << 20).of(repo.main().orElseThrow());
    }
}
