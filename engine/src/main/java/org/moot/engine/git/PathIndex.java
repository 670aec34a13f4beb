package org.moot.engine.git;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.moot.engine.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which commits on {@code main}'s first-parent line changed each path, so that a page's history
 * is a lookup instead of a walk of every commit on {@code main}. Fed by the gate like the search
 * index; kept in one append-only file (one checked record per commit), so a restart reads it back
 * and a crash loses at most the record being written, which the next start writes again.
 */
public final class PathIndex implements MainListener {

    private static final Logger LOG = LoggerFactory.getLogger(PathIndex.class);
    private static final int MAGIC = 0x4d6f5031; // "MoP1": bump when the record format changes

    private final Repo repo;
    private final Path file;
    /** The first-parent line, oldest first, as far as it is indexed. */
    private final List<ObjectId> commits = new ArrayList<>();
    /** For each path, the positions in {@link #commits} that changed it, oldest first. */
    private final Map<String, List<Integer>> byPath = new HashMap<>();
    /** Counts rebuilds: positions handed out before one mean nothing after it. */
    private long generation;

    private PathIndex(Repo repo, Path file) {
        this.repo = repo;
        this.file = file;
    }

    /** Reads the index kept in {@code file}; what it lacks, the gate hands over when it subscribes. */
    public static PathIndex open(Repo repo, Path file) {
        PathIndex index = new PathIndex(repo, file);
        index.load();
        return index;
    }

    @Override
    public synchronized Optional<ObjectId> processed() {
        return commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(commits.size() - 1));
    }

    /** A commit on the first-parent line that changed a path, and its position on the line. */
    public record Change(int position, ObjectId commit) {}

    /**
     * The index as one reader sees it. Positions only grow while commits are appended, so the
     * ones it hands out stay valid until the index is rebuilt; the lock is held only while a list
     * is copied, never while the caller reads Git.
     */
    public final class Lookup {
        private final long generation;

        private Lookup(long generation) {
            this.generation = generation;
        }

        /** The changes to {@code path} before position {@code below}, newest first; empty if the index was rebuilt meanwhile. */
        public Optional<List<Change>> changes(String path, int below) {
            synchronized (PathIndex.this) {
                if (generation != PathIndex.this.generation) {
                    return Optional.empty();
                }
                List<Integer> at = byPath.getOrDefault(path, List.of());
                List<Change> out = new ArrayList<>();
                for (int i = at.size() - 1; i >= 0; i--) {
                    if (at.get(i) < below) {
                        out.add(new Change(at.get(i), commits.get(at.get(i))));
                    }
                }
                return Optional.of(out);
            }
        }
    }

    /** The index as of {@code tip}; empty when it is not there (a move it has not been handed yet), so the caller walks instead. */
    public synchronized Optional<Lookup> at(ObjectId tip) {
        return processed().filter(tip::equals).map(t -> new Lookup(generation));
    }

    /** Several moves are one walk: back from the newest tip to the last commit indexed. */
    @Override
    public void changed(List<RefChange> changes) {
        changed(changes.get(changes.size() - 1));
    }

    @Override
    public void changed(RefChange change) {
        Optional<ObjectId> last = processed();
        if (last.isPresent() && last.get().equals(change.to())) {
            return;
        }
        // The commits gained on the first-parent line: back to the last one indexed, or to the
        // root when that is no longer on the line (history was rewritten). Read without holding
        // the lock, so history pages are answered meanwhile.
        long started = System.nanoTime();
        List<RevCommit> line = new ArrayList<>();
        boolean joined = false;
        try (RevWalk walk = new RevWalk(repo.repository())) {
            walk.setRetainBody(false);
            RevCommit commit = walk.parseCommit(change.to());
            while (commit != null) {
                if (last.isPresent() && commit.equals(last.get())) {
                    joined = true;
                    break;
                }
                line.add(commit);
                commit = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.reverse(line);
        // Each commit against its first parent (both parsed above), on every core: on a first
        // start this is the whole history.
        List<Record> gained = Parallel.map(line, this::record);
        if (joined) {
            append(gained);
        } else {
            rebuild(gained);
            LOG.info("indexed which commits changed each path: {} commits on main's first-parent line in {} ms",
                    gained.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private synchronized void rebuild(List<Record> line) {
        forget();
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(fresh)))) {
                out.writeInt(MAGIC);
                for (Record record : line) {
                    writeRecord(out, record);
                    index(record);
                }
            }
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            forget(); // the next change rebuilds it
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void append(List<Record> gained) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
            if (Files.size(file) == 0) {
                out.writeInt(MAGIC);
            }
            for (Record record : gained) {
                writeRecord(out, record);
                index(record);
            }
        } catch (IOException e) {
            forget(); // memory and file may differ now: the next change rebuilds both
            throw new UncheckedIOException(e);
        }
    }

    private void forget() {
        commits.clear();
        byPath.clear();
        generation++;
    }

    private Record record(RevCommit commit) {
        List<String> paths = commit.getParentCount() == 0
                ? repo.files(repo.snapshot(commit)).stream().map(FileEntry::path).toList()
                : repo.changes(commit.getParent(0).getTree(), commit.getTree()).stream()
                        .filter(c -> !c.before().equals(c.after())) // content, not a mode alone, as the walk sees it
                        .map(FileChange::path).toList();
        return new Record(commit.copy(), paths);
    }

    private void index(Record record) {
        int position = commits.size();
        commits.add(record.commit());
        record.paths().forEach(path -> byPath.computeIfAbsent(path, k -> new ArrayList<>(2)).add(position));
    }

    private record Record(ObjectId commit, List<String> paths) {}

    /** A record: its length, then the commit id and its paths, then a checksum of them. */
    private static void writeRecord(DataOutputStream out, Record record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(bytes);
        byte[] id = new byte[20];
        record.commit().copyRawTo(id, 0);
        body.write(id);
        body.writeInt(record.paths().size());
        for (String path : record.paths()) {
            body.writeUTF(path);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.writeLong(crc.getValue());
    }

    /** Reads the file back; a torn last record (a crash while appending) is cut off, a damaged file is dropped. */
    private synchronized void load() {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a path index of this version");
            }
            good = 4;
            while (true) {
                int length = in.readInt();
                if (length < 24 || length > 64 << 20) {
                    throw new EOFException();
                }
                byte[] body = in.readNBytes(length);
                long sum = in.readLong();
                CRC32 crc = new CRC32();
                crc.update(body);
                if (body.length != length || crc.getValue() != sum) {
                    throw new EOFException();
                }
                DataInputStream fields = new DataInputStream(new java.io.ByteArrayInputStream(body));
                ObjectId commit = ObjectId.fromRaw(fields.readNBytes(20));
                int count = fields.readInt();
                List<String> paths = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    paths.add(fields.readUTF());
                }
                index(new Record(commit, paths));
                good += 4 + length + 8;
            }
        } catch (EOFException e) {
            cutAt(good);
        } catch (IOException e) {
            LOG.warn("{} could not be read ({}); it is built again from the history", file, e.getMessage());
            forget();
        }
    }

    private void cutAt(long good) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() > good) {
                LOG.warn("{}: cut off an unfinished record at byte {} (left by a crash)", file, good);
                raf.setLength(good);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
