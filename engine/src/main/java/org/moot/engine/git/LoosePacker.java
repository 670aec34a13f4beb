package org.moot.engine.git;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs loose objects once there are many. Every write leaves a few loose files (a blob, the trees
 * above it, a commit); a site never packed would hold millions, each a file to open on every clone
 * and fetch. Like the first step of {@code git gc --auto} ({@code git repack -d}), only loose objects
 * are packed, into one new pack, and deleted once that pack is on disk: no object is ever dropped,
 * so a writer racing the packer loses nothing. Runs on one background thread after main moves,
 * when git's own estimate (one of the 256 object folders, times 256) passes git's threshold.
 */
final class LoosePacker implements MainListener {

    /** Git's {@code gc.auto}. */
    static final int THRESHOLD = 6_700;
    /** Objects per pack, so that a site with a backlog packs it in steps of bounded memory. */
    static final int MAX_PER_PACK = 200_000;
    private static final Logger LOG = LoggerFactory.getLogger(LoosePacker.class);

    private final FileRepository repository;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Background.thread("pack-loose-objects");

    LoosePacker(FileRepository repository) {
        this.repository = repository;
    }

    @Override
    public void changed(RefChange change) {
        if (estimate() > THRESHOLD && pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    int packed = pack();
                    LOG.info("packed {} loose objects", packed);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not pack loose objects; they stay loose, and are read as they are", e);
                }
            });
        }
    }

    /** About how many loose objects there are, from one folder of the 256 (as git estimates it). */
    int estimate() {
        String[] names = new File(repository.getObjectDatabase().getDirectory(), "17").list();
        return names == null ? 0 : names.length * 256;
    }

    /** Packs the loose objects (at most {@link #MAX_PER_PACK}) and deletes them; returns how many were packed. */
    int pack() throws IOException {
        List<ObjectId> loose = looseObjects();
        if (loose.isEmpty()) {
            return 0;
        }
        File packs = repository.getObjectDatabase().getPackDirectory();
        Files.createDirectories(packs.toPath());
        try (var leftovers = Files.newDirectoryStream(packs.toPath(), "moot_*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover); // from a packer killed mid-write
            }
        }
        Path pack = Files.createTempFile(packs.toPath(), "moot_", ".pack.tmp");
        Path index = Files.createTempFile(packs.toPath(), "moot_", ".idx.tmp");
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             PackWriter writer = new PackWriter(config(), reader)) {
            List<RevObject> objects = new ArrayList<>(loose.size());
            for (ObjectId id : loose) {
                objects.add(walk.lookupAny(id, reader.open(id).getType()));
            }
            writer.preparePack(objects.iterator());
            try (FileOutputStream out = new FileOutputStream(pack.toFile())) {
                writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
                out.getChannel().force(true);
            }
            try (FileOutputStream out = new FileOutputStream(index.toFile())) {
                writer.writeIndex((OutputStream) out);
                out.getChannel().force(true);
            }
            String name = "pack-" + writer.computeName().name();
            // The index last: a pack is read only once its index is there, and by then both are whole.
            Files.move(pack, packs.toPath().resolve(name + ".pack"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(index, packs.toPath().resolve(name + ".idx"), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(pack);
            Files.deleteIfExists(index);
        }
        new GC(repository).prunePacked(); // only what a pack now holds
        return loose.size();
    }

    /**
     * The repository's pack settings, but each object is tried as a delta against 4 others
     * instead of git's 10. Loose objects here are mostly new versions of the same folders, whose
     * best base is near them: on 2,555 objects of a busy minute at 100,000 pages, C git's delta
     * search took half the time with a pack 4 % larger; JGit's search was an eighth of the CPU
     * of a site taking 100 edits a second. A full {@code git gc} packs them all again anyway.
     */
    private PackConfig config() {
        PackConfig config = new PackConfig(repository);
        config.setDeltaSearchWindowSize(Math.min(4, config.getDeltaSearchWindowSize()));
        return config;
    }

    private List<ObjectId> looseObjects() throws IOException {
        List<ObjectId> out = new ArrayList<>();
        File objects = repository.getObjectDatabase().getDirectory();
        for (int folder = 0; folder < 256 && out.size() < MAX_PER_PACK; folder++) {
            String prefix = String.format("%02x", folder);
            String[] names = new File(objects, prefix).list();
            for (String name : names == null ? new String[0] : names) {
                if (name.length() == 38 && ObjectId.isId(prefix + name) && out.size() < MAX_PER_PACK) {
                    out.add(ObjectId.fromString(prefix + name));
                }
            }
        }
        return out;
    }

    void close() {
        worker.shutdown();
    }
}
