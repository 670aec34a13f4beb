package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;

/** Loose objects are packed and deleted while writers go on, and every object stays readable. */
class LoosePackerTest {

    @TempDir
    Path tmp;

    @Test
    void packsWhileWritersGoOnAndLosesNothing() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "---\ntitle: Home\n---\nWelcome.\n")) {
            MainWriter writer = new MainWriter(repo);
            Map<String, String> written = new ConcurrentHashMap<>();
            for (int i = 0; i < 150; i++) {
                write(writer, written, "before/p" + i + ".md", "Page " + i);
            }
            LoosePacker packer = new LoosePacker((FileRepository) repo.repository());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread writers = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    write(writer, written, "during/p" + i + ".md", "Written while packing " + i);
                }
            });
            writers.start();
            int packed = 0;
            for (int round = 0; round < 3; round++) {
                packed += packer.pack();
            }
            running.set(false);
            writers.join();
            packer.pack(); // what came after the last round

            assertThat(packed).as("the commits, trees and blobs of 150 writes and more").isGreaterThan(600);
            Path objects = repo.directory().resolve("objects");
            try (var packs = Files.list(objects.resolve("pack"))) {
                List<String> names = packs.map(p -> p.getFileName().toString()).toList();
                assertThat(names).filteredOn(n -> n.endsWith(".pack")).hasSizeBetween(3, 4);
                assertThat(names.stream().filter(n -> n.endsWith(".idx")).count())
                        .isEqualTo(names.stream().filter(n -> n.endsWith(".pack")).count());
                assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
            }
            Snapshot main = repo.main().orElseThrow();
            for (Map.Entry<String, String> file : written.entrySet()) {
                Optional<org.eclipse.jgit.lib.ObjectId> blob = repo.blobAt(main, file.getKey());
                assertThat(blob).as(file.getKey()).isPresent();
                assertThat(new String(repo.read(blob.get()), StandardCharsets.UTF_8)).isEqualTo(file.getValue());
            }
            Process fsck = new ProcessBuilder("git", "--git-dir", repo.directory().toString(), "fsck", "--full", "--strict")
                    .redirectErrorStream(true).start();
            String out = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(fsck.waitFor()).as(out).isZero();
            Process count = new ProcessBuilder("git", "--git-dir", repo.directory().toString(), "count-objects", "-v")
                    .redirectErrorStream(true).start();
            assertThat(new String(count.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("count: 0\n");
            assertThat(packer.estimate()).isZero();
        }
    }

    private static void write(MainWriter writer, Map<String, String> written, String path, String text) {
        writer.commit(new Origin(ChangeSource.SETTINGS, "tess"), tip -> Optional.of(
                new MainWriter.Change(TestRepos.files(path, text), TestRepos.TESTER, "Write " + path)));
        written.put(path, text);
    }
}
