package org.moot.web.pages;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.FileUtils;
import org.moot.engine.access.Secrets;
import org.moot.schema.PageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visitors' pages that no longer fit in memory, gzipped on disk (about 3 KB a page), so that a
 * site larger than the memory kept for pages serves every page it has rendered once from the
 * system's file cache, as a static server would, instead of rendering it again.
 *
 * <p>Only pages of {@code main}'s tip are kept, in a folder named by its commit; when the tip
 * moves, the older folders are deleted. Each server writes under a folder of its own and deletes
 * those of servers before it: a crash may have left a file half written, and it is never read.
 * A file appears whole or not at all (written aside, then renamed). Writing is done by one thread
 * with a bounded queue: a page that is not written is rendered again when asked for, nothing more.
 */
final class SpilledPages {

    private static final Logger LOG = LoggerFactory.getLogger(SpilledPages.class);
    private static final int QUEUED_WRITES = 1_024;
    /** Left free on the disk the site is on (checked every so many pages): its content comes first. */
    private static final long KEEP_FREE_BYTES = 1L << 30;
    private static final int CHECK_SPACE_EVERY = 1_000;
    private static final long WARN_EVERY_NANOS = java.time.Duration.ofHours(1).toNanos();

    private final Path own;
    private final Supplier<ObjectId> tip;
    private final Executor writer;
    /** The commit whose folder is current: written by the writer thread, read by any. */
    private volatile ObjectId current;
    /** A commit whose pages are not written (a write failed): written by the writer thread, read by any. */
    private volatile ObjectId failed;
    /** Written by the writer thread only. */
    private int written;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    SpilledPages(Path dir, Supplier<ObjectId> tip, Executor writer) {
        this.own = dir.resolve(Secrets.random(6));
        this.tip = tip;
        this.writer = writer;
        writer.execute(() -> deleteAllBut(dir, own));
    }

    /** The one thread that writes (gone when idle), with a bounded queue; what does not fit is dropped. */
    static Executor oneWriter() {
        ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_WRITES), r -> {
            Thread t = new Thread(r, "moot-rendered-pages");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        writer.allowCoreThreadTimeOut(true);
        return writer;
    }

    /** The gzipped page, or null when it is not on disk. */
    byte[] read(ObjectId commit, PageId id) {
        if (!commit.equals(current) || commit.equals(failed)) {
            return null; // nothing written for it: no file to look for (a small site, or main just moved)
        }
        try {
            return Files.readAllBytes(file(commit, id));
        } catch (IOException e) {
            return null; // not written (or a failing disk): the page is rendered instead
        }
    }

    /**
     * Writes the page later, if {@code commit} is still the tip then. Called as the page leaves the
     * cache, under its lock: main is resolved by the writer, since that may hand changes to listeners.
     */
    void keep(ObjectId commit, PageId id, byte[] gzipped) {
        writer.execute(() -> write(commit, id, gzipped));
    }

    private void write(ObjectId commit, PageId id, byte[] gzipped) {
        if (!commit.equals(tip.get()) || commit.equals(failed)) {
            return;
        }
        try {
            if (!commit.equals(current)) {
                deleteAllBut(own, own.resolve(commit.name()));
                Files.createDirectories(own.resolve(commit.name()));
                written = 0;
            }
            if (written++ % CHECK_SPACE_EVERY == 0 && Files.getFileStore(own).getUsableSpace() < KEEP_FREE_BYTES) {
                throw new IOException("less than 1 GiB is free on the disk");
            }
            current = commit;
            Path file = file(commit, id);
            Path aside = file.resolveSibling(file.getFileName() + ".new");
            Files.write(aside, gzipped);
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            failed = commit;
            if (System.nanoTime() - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = System.nanoTime();
                LOG.warn("Pages are not kept on disk ({}): those that do not fit in memory are rendered again when asked for", e.toString());
            } else {
                LOG.debug("Pages of {} are not kept on disk: {}", commit.name(), e.toString());
            }
        }
    }

    private Path file(ObjectId commit, PageId id) {
        // Hashed: an id may hold slashes and be longer than a file name may be.
        byte[] hash = Constants.newMessageDigest().digest(id.value().getBytes(StandardCharsets.UTF_8));
        return own.resolve(commit.name()).resolve(ObjectId.fromRaw(hash).name() + ".gz");
    }

    /** Deletes everything in {@code dir} except {@code keep}. */
    private static void deleteAllBut(Path dir, Path keep) {
        File[] children = dir.toFile().listFiles();
        for (File child : children == null ? new File[0] : children) {
            if (!child.toPath().equals(keep)) {
                try {
                    FileUtils.delete(child, FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", child, e.toString());
                }
            }
        }
    }
}
