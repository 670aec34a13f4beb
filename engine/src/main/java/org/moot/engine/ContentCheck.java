package org.moot.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.PageFile;
import org.moot.schema.SiteCheck;
import org.moot.schema.SourceText;
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
            return check(List.copyOf(files.keySet()), path -> repo.read(files.get(path).blob()));
        }
    }

    /** Pages and site rules, then the settings files, each read from its bytes as stored. */
    private static List<Violation> check(List<String> paths, Function<String, byte[]> bytes) {
        List<Violation> problems = new ArrayList<>(SiteCheck.check(paths, path -> PageFile.read(path, bytes.apply(path)).parsed())
                .violations());
        for (String path : paths.stream().filter(SettingsCheck::isSettings).toList()) {
            SourceText.Decoded text = SourceText.decode(path, bytes.apply(path));
            problems.addAll(text.problems());
            problems.addAll(SettingsCheck.check(path, text.text()));
        }
        Collections.sort(problems);
        return problems;
    }

    private static List<Violation> checkWorkingCopy(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> paths = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/"))
                    .toList();
            return check(paths, path -> {
                try {
                    return Files.readAllBytes(root.resolve(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
