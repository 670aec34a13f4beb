package org.moot.engine.govern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.moot.engine.access.Secrets;

/**
 * The ballots of open votes, in {@code private/ballots/<n>/}: one file per voter, so a changed vote
 * replaces the voter's ballot and a restart loses none (each is synced to disk before it is
 * acknowledged). This is the only place that links a member to a choice. When a vote closes its
 * box is sealed, counted into the public record (voters and ballots apart), and deleted, with the
 * receipts of that vote kept for the voters in {@code private/receipts/}: after the count nothing on
 * the server links a voter to a ballot (a voter who wants to check theirs keeps their receipt).
 */
public final class BallotBox {

    /**
     * A ballot as the box keeps it: the voter's receipt, choices and reason, and their branch as it
     * was when they voted (a poll counts by branch; a branch changed afterwards does not move a ballot).
     */
    public record Cast(String receipt, List<String> choices, String reason, String at, String branch) {
        public Cast {
            branch = branch == null ? "" : branch;
        }
    }

    private static final String SEALED = "sealed";
    private final Path ballots;
    private final Path receipts;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<Integer, Object> locks = new ConcurrentHashMap<>();

    public BallotBox(Path privateDir) {
        this.ballots = privateDir.resolve("ballots");
        this.receipts = privateDir.resolve("receipts");
    }

    /**
     * Puts {@code voter}'s ballot in box {@code n}, replacing any earlier one, while {@code open}
     * still holds (asked under the box's lock, so a ballot is never added after the box is counted).
     * Returns the new ballot, with a fresh receipt.
     */
    public Cast cast(int n, String voter, List<String> choices, String reason, String branch, Predicate<Instant> open, Instant now) {
        synchronized (lock(n)) {
            if (Files.exists(box(n).resolve(SEALED)) || !open.test(now)) {
                throw new org.moot.engine.access.Accounts.Refused("this vote has closed; your ballot was not counted");
            }
            Cast cast = new Cast(Secrets.random(12), List.copyOf(choices), reason, now.toString(), branch);
            write(box(n).resolve(voter + ".json"), cast);
            synchronized (receipts) {
                Map<String, String> mine = receiptsOf(voter);
                mine.put(String.valueOf(n), cast.receipt());
                write(receipts.resolve(voter + ".json"), mine);
            }
            return cast;
        }
    }

    /** The ballot {@code voter} has in box {@code n}, while it is open. */
    public Optional<Cast> ballotOf(int n, String voter) {
        Path file = box(n).resolve(voter + ".json");
        return Files.isRegularFile(file) ? Optional.of(readCast(file)) : Optional.empty();
    }

    /** Every ballot in box {@code n} by voter, as it stands (for a poll's running count). */
    public Map<String, Cast> ballots(int n) {
        Map<String, Cast> out = new TreeMap<>();
        if (!Files.isDirectory(box(n))) {
            return out;
        }
        try (Stream<Path> files = Files.list(box(n))) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 5), readCast(f));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How many ballots box {@code n} holds (counted from its files, never read). */
    public int count(int n) {
        if (!Files.isDirectory(box(n))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(box(n))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes box {@code n} to new ballots and returns them all; sealing again returns the same ballots. */
    public Map<String, Cast> seal(int n) {
        synchronized (lock(n)) {
            try {
                Files.createDirectories(box(n));
                if (!Files.exists(box(n).resolve(SEALED))) {
                    Files.createFile(box(n).resolve(SEALED));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ballots(n);
        }
    }

    /** Deletes box {@code n} and its voters' receipts for it once its count is public: nothing then links a voter to a choice. */
    public void discard(int n) {
        synchronized (lock(n)) {
            for (String voter : ballots(n).keySet()) {
                synchronized (receipts) {
                    Map<String, String> mine = receiptsOf(voter);
                    if (mine.remove(String.valueOf(n)) != null) {
                        write(receipts.resolve(voter + ".json"), mine);
                    }
                }
            }
            try (Stream<Path> files = Files.exists(box(n)) ? Files.list(box(n)) : Stream.empty()) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.deleteIfExists(box(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The boxes on disk, by number (open ones, and any a crash left after its count was published). */
    public List<Integer> boxes() {
        if (!Files.isDirectory(ballots)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(ballots)) {
            return dirs.map(d -> d.getFileName().toString()).filter(s -> s.matches("[1-9][0-9]{0,8}")).map(Integer::valueOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A member's receipts for the votes still open, by the number of the vote: theirs to note, and check once the count is published. */
    public Map<String, String> receiptsOf(String voter) {
        Path file = receipts.resolve(voter + ".json");
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(json.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Erases what links a member to a choice (their account is closing): their receipts, and their
     * ballots in the boxes still open (a ballot of someone no longer a member would not count anyway).
     */
    public void forget(String voter) {
        for (int n : boxes()) {
            synchronized (lock(n)) {
                try {
                    Files.deleteIfExists(box(n).resolve(voter + ".json"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        synchronized (receipts) {
            try {
                Files.deleteIfExists(receipts.resolve(voter + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path box(int n) {
        return ballots.resolve(String.valueOf(n));
    }

    private Object lock(int n) {
        return locks.computeIfAbsent(n, k -> new Object());
    }

    private Cast readCast(Path file) {
        try {
            return json.readValue(file.toFile(), Cast.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written beside, synced, then renamed into place: a crash leaves the old file or the new one. */
    private void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".cast-", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(value)));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
