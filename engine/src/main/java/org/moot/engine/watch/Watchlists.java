package org.moot.engine.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.moot.engine.access.Accounts;
import org.moot.engine.read.HistoryReader;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/**
 * What each person watches, and when they last looked: personal, so kept in {@code private/}
 * ({@code watch/<user>.json}), one small file per person, replaced whole on each change.
 */
public final class Watchlists {

    /**
     * The watched page ids; when the watchlist was last seen (ISO-8601, as stored) and the
     * revision of main it showed then, so that "since the last visit" is exact, whatever the clocks.
     */
    public record Watchlist(List<String> pages, String lastVisit, String seen) {
        public Watchlist {
            pages = pages == null ? List.of() : List.copyOf(pages);
            lastVisit = lastVisit == null ? Instant.EPOCH.toString() : lastVisit;
            seen = seen == null ? "" : seen;
        }

        public Instant lastVisitTime() {
            return Instant.parse(lastVisit);
        }

        public boolean watches(PageId id) {
            return pages.contains(id.value());
        }

        /** Whether a page is watched itself, or sits under a watched page by folder or by {@code parents}. */
        public boolean covers(Page page) {
            String id = page.id().value();
            return pages.stream().anyMatch(w -> id.equals(w) || w.isEmpty() || id.startsWith(w + "/")
                    || page.parents().stream().anyMatch(p -> p.value().equals(w)));
        }
    }

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public Watchlists(Path privateDir) {
        this.dir = privateDir.resolve("watch");
    }

    public Watchlist of(String user) {
        Accounts.checkName(user);
        Path file = dir.resolve(user + ".json");
        try {
            return Files.exists(file) ? json.readValue(file.toFile(), Watchlist.class) : new Watchlist(List.of(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Erases a member's watch list (they closed their account). */
    public void forget(String user) {
        Accounts.checkName(user);
        synchronized (locks.computeIfAbsent(user, k -> new Object())) {
            try {
                Files.deleteIfExists(dir.resolve(user + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void watch(String user, PageId id, boolean watch) {
        synchronized (locks.computeIfAbsent(user, k -> new Object())) {
            Watchlist now = of(user);
            List<String> pages = new ArrayList<>(now.pages());
            pages.remove(id.value());
            if (watch) {
                pages.add(id.value());
            }
            save(user, new Watchlist(pages, now.lastVisit(), now.seen()));
        }
    }

    /** Marks the watchlist as seen now, at main's {@code revision}; returns it as it was before. */
    public Watchlist visit(String user, String revision) {
        synchronized (locks.computeIfAbsent(user, k -> new Object())) {
            Watchlist before = of(user);
            save(user, new Watchlist(before.pages(), Instant.now().toString(), revision));
            return before;
        }
    }

    /**
     * The recent changes (newest first) that touch what a watchlist covers and came after the
     * revision it last showed; all of them when it was never seen.
     */
    public static List<HistoryReader.Change> relevant(Watchlist list, List<HistoryReader.Change> changes) {
        List<HistoryReader.Change> out = new ArrayList<>();
        for (HistoryReader.Change c : changes) {
            if (c.commit().revision().equals(list.seen())) {
                break;
            }
            if (c.pages().stream().anyMatch(list::covers)) {
                out.add(c);
            }
        }
        return out;
    }

    private void save(String user, Watchlist list) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".watch-", ".json");
            json.writeValue(tmp.toFile(), list);
            Files.move(tmp, dir.resolve(user + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
