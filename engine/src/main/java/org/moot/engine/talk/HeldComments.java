package org.moot.engine.talk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.moot.schema.PageId;

/**
 * Comments the word filter held back, in the site's private folder until a moderator decides:
 * they are not published, so they are not in {@code content.git}. Each is a comment file named
 * {@code <n>.md} that also names its page (an id can be longer than a file name may be); a decided
 * one moves to {@code decided/}, kept, never deleted.
 */
final class HeldComments {

    private final Path dir;

    HeldComments(Path dir) {
        this.dir = dir;
    }

    synchronized HeldComment hold(Comment comment, String matched) {
        try {
            Files.createDirectories(dir.resolve("decided"));
            int id = Math.max(highest(dir), highest(dir.resolve("decided"))) + 1;
            Path tmp = Files.createTempFile(dir, ".held-", ".md");
            try {
                Files.write(tmp, CommentFile.write(comment, true));
                Files.move(tmp, dir.resolve(id + ".md"), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new HeldComment(id, comment, matched);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the held comment", e);
        }
    }

    synchronized List<HeldComment> waiting(WordFilter filter) {
        List<HeldComment> out = new ArrayList<>();
        for (Path file : files(dir)) {
            parse(file, filter).ifPresent(out::add);
        }
        out.sort(Comparator.comparingInt(HeldComment::id));
        return out;
    }

    /**
     * Takes a held comment out of the queue for a moderator's decision, so that two moderators
     * cannot both decide it; empty when there is none (or another took it first).
     */
    synchronized Optional<HeldComment> take(int id) {
        for (Path file : files(dir)) {
            if (idOf(file) == id) {
                Optional<HeldComment> held = parse(file, WordFilter.NONE);
                move(file, dir.resolve("decided").resolve(file.getFileName()));
                return held;
            }
        }
        return Optional.empty();
    }

    /** Every comment of {@code author}'s that the filter held, waiting or decided: what the site keeps of theirs in private. */
    synchronized List<HeldComment> by(String author) {
        List<HeldComment> out = new ArrayList<>();
        for (Path file : ownFiles(author)) {
            parse(file, WordFilter.NONE).ifPresent(out::add);
        }
        return out;
    }

    /** Erases {@code author}'s held comments, waiting or decided, when they close their account. */
    synchronized void forget(String author) {
        for (Path file : ownFiles(author)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not erase the held comment " + file.getFileName(), e);
            }
        }
    }

    private List<Path> ownFiles(String author) {
        List<Path> out = new ArrayList<>();
        for (Path file : Stream.concat(files(dir).stream(), files(dir.resolve("decided")).stream()).toList()) {
            if (parse(file, WordFilter.NONE).filter(h -> h.comment().author().equals(author)).isPresent()) {
                out.add(file);
            }
        }
        return out;
    }

    /** Puts a taken comment back, when recording the decision failed. */
    synchronized void putBack(int id) {
        files(dir.resolve("decided")).stream().filter(f -> idOf(f) == id).findFirst()
                .ifPresent(f -> move(f, dir.resolve(f.getFileName())));
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the held comment " + from.getFileName(), e);
        }
    }

    private static Optional<HeldComment> parse(Path file, WordFilter filter) {
        try {
            Comment comment = CommentFile.readHeld(Files.readAllBytes(file));
            return Optional.of(new HeldComment(idOf(file), comment,
                    filter.match(comment.text() + "\n" + comment.quote().orElse("")).orElse("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int highest(Path folder) {
        return files(folder).stream().mapToInt(HeldComments::idOf).max().orElse(0);
    }

    private static int idOf(Path file) {
        String name = file.getFileName().toString();
        return name.matches("[1-9][0-9]{0,8}\\.md") ? Integer.parseInt(name.substring(0, name.length() - 3)) : 0;
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".md") && idOf(f) > 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
