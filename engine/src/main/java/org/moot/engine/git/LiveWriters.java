package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Which Moot processes that write to a repository are alive. Each one, from its first write on,
 * holds an operating-system lock on a file of its own in {@code moot-writers/}; the operating
 * system drops that lock when the process dies, however it dies. So a file whose lock can be taken
 * belongs to a dead process, and a ref lock file can only be a live writer's while some other
 * writer's lock is held.
 */
final class LiveWriters implements AutoCloseable {

    private final Path dir;
    private Path own;
    private FileChannel channel;

    LiveWriters(Path gitDir) {
        this.dir = gitDir.resolve("moot-writers");
    }

    /** Registers this process as a writer (once; later calls do nothing). */
    synchronized void register() {
        if (channel != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            own = dir.resolve(UUID.randomUUID() + ".lock");
            channel = FileChannel.open(own, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("could not register as a writer in " + dir, e);
        }
    }

    /** Whether any other registered writer is still running; the files of dead ones are removed. */
    synchronized boolean othersAlive() {
        boolean alive = false;
        for (Path file : others()) {
            alive |= isAlive(file);
        }
        return alive;
    }

    private List<Path> others() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lock") && !f.equals(own)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isAlive(Path file) {
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = other.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            Files.deleteIfExists(file);
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // another writer in this very JVM (a second Repo on the same folder)
        } catch (IOException e) {
            return !Files.notExists(file); // gone meanwhile: its owner closed; unreadable: assume alive
        }
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(own);
        } catch (IOException e) {
            // the lock goes with the channel; a file left behind is recognised as dead later
        }
        channel = null;
    }
}
