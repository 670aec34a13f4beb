package org.moot.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.schema.PageId;

/** Pages pushed out of memory are served from disk while their commit is the tip, and only then. */
class SpilledPagesTest {

    @TempDir
    Path tmp;

    private static final Executor NOW = Runnable::run;
    private static final ObjectId ONE = ObjectId.fromString("1111111111111111111111111111111111111111");
    private static final ObjectId TWO = ObjectId.fromString("2222222222222222222222222222222222222222");
    private static final PageId PAGE = PageId.of("health/clinics/rural-access");

    private final AtomicReference<ObjectId> tip = new AtomicReference<>(ONE);

    @Test
    void aPagePushedOutOfMemoryIsServedFromDiskInBothEncodings() throws Exception {
        // No room in memory for a page: it goes to disk at once.
        PublicPages pages = new PublicPages(1_000, new SpilledPages(tmp, tip::get, NOW), NOW);
        String html = "<p>" + "Clinics within an hour of every village. ".repeat(200) + "</p>";
        assertThat(new String(pages.keep(ONE, PAGE, html, null).body(), StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(files()).hasSize(1);

        PublicPages.Answer plain = pages.kept(ONE, PAGE, null, null);
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(plain.gzipped()).isFalse();
        PublicPages.Answer zipped = pages.kept(ONE, PAGE, null, "gzip, br");
        assertThat(zipped.gzipped()).isTrue();
        assertThat(zipped.etag()).isNotEqualTo(plain.etag());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(html);
        }
        assertThat(pages.kept(TWO, PAGE, null, null)).isNull();

        // A file damaged on disk is a page not kept: it is rendered again, never sent cut short.
        Path file = files().get(0);
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
        assertThat(pages.kept(ONE, PAGE, null, "gzip")).isNull();
    }

    @Test
    void onlyTheTipsPagesAreWrittenAndAnOlderTipsAreDeleted() throws Exception {
        SpilledPages spilled = new SpilledPages(tmp, tip::get, NOW);
        spilled.keep(ONE, PAGE, new byte[] {1});
        assertThat(spilled.read(ONE, PAGE)).containsExactly(1);

        tip.set(TWO);
        spilled.keep(ONE, PageId.of("health"), new byte[] {2}); // main moved before it was written
        assertThat(spilled.read(ONE, PageId.of("health"))).isNull();
        spilled.keep(TWO, PAGE, new byte[] {3});
        assertThat(spilled.read(TWO, PAGE)).containsExactly(3);
        assertThat(spilled.read(ONE, PAGE)).isNull();
        assertThat(files()).hasSize(1);
    }

    @Test
    void aNewServerNeverReadsAndDeletesWhatAnEarlierOneWrote() throws Exception {
        SpilledPages before = new SpilledPages(tmp, tip::get, NOW);
        before.keep(ONE, PAGE, new byte[] {1});
        assertThat(files()).hasSize(1);

        SpilledPages after = new SpilledPages(tmp, tip::get, NOW);
        assertThat(after.read(ONE, PAGE)).isNull();
        assertThat(files()).isEmpty();
    }

    private java.util.List<Path> files() throws Exception {
        try (Stream<Path> walk = Files.walk(tmp)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
