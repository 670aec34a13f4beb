package org.moot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.PageFile;
import org.moot.schema.SiteCheck;
import org.moot.schema.Violation;

/**
 * {@code moot check}: validates a working copy (the files on disk, uncommitted changes
 * included), a bare repository (its {@code main}), or a site folder (its {@code content.git}).
 */
public final class ContentCheck {

    private ContentCheck() {}

    public static List<Violation> check(Path path) {
        if (!Files.isDirectory(path)) {
            throw new NotFoundException(path + " is not a folder");
        }
        SiteFolder site = new SiteFolder(path);
        if (site.exists()) {
            return checkRepository(site.content());
        }
        if (Files.isDirectory(path.resolve("objects")) && Files.isRegularFile(path.resolve("HEAD"))) {
            return checkRepository(path);
        }
        return checkWorkingCopy(path);
    }

    private static List<Violation> checkRepository(Path gitDir) {
        try (Repo repo = Repo.open(gitDir)) {
            Snapshot main = repo.main().orElseThrow(() -> new NotFoundException(gitDir + " has no branch main"));
            Map<String, FileEntry> files = new HashMap<>();
            repo.files(main).forEach(f -> files.put(f.path(), f));
            return SiteCheck.check(List.copyOf(files.keySet()), path ->
                    PageFile.read(path, repo.read(files.get(path).blob())).parsed()).violations();
        }
    }

    private static List<Violation> checkWorkingCopy(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> paths = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/"))
                    .toList();
            return SiteCheck.check(paths, path -> {
                try {
                    return PageFile.read(path, Files.readAllBytes(root.resolve(path))).parsed();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).violations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
