package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Every edit branch, open and archived, described for listing, kept up to date incrementally.
 * A branch's description (its own commits, the files it changes, how it was closed) depends only
 * on its tip, an immutable commit: it is worked out once per tip, and all new tips together take
 * one commit walk. Branches this process moves are applied as they move ({@link Repo#onBranchMoved});
 * branches moved by another process are noticed by comparing the list of edit refs with the one
 * last seen. That list is a listing, not a walk, but with thousands of loose refs it still costs
 * about 100 ms, so it is re-read at most once every {@link #RESCAN} and in the background: no
 * request waits for it after the first.
 */
public final class EditCatalogue {

    /** How stale the view of branches moved by other processes may get. */
    static final Duration RESCAN = Duration.ofSeconds(1);

    /**
     * One branch as listed. {@code first} is its oldest own commit (author, summary, time);
     * {@code unfinished} marks its owner's unfinished work rather than a proposal.
     */
    public record Entry(EditBranches.Branch branch, boolean unfinished, CommitInfo first, List<String> paths,
                        Optional<Closing> closing) {}

    private record Description(CommitInfo first, List<String> paths, Optional<Closing> closing) {}

    private record State(Map<String, ObjectId> refs, List<Entry> entries, long listedAt) {}

    private final Repo repo;
    private final Map<ObjectId, Description> described = new ConcurrentHashMap<>();
    private final AtomicBoolean rescanning = new AtomicBoolean();
    private volatile State state;

    public EditCatalogue(Repo repo) {
        this.repo = repo;
        repo.onBranchMoved(this::moved);
    }

    /** Every edit branch, by number. */
    public List<Entry> entries() {
        State now = state;
        if (now == null) {
            return rescan().entries();
        }
        if (System.nanoTime() - now.listedAt() > RESCAN.toNanos() && rescanning.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    rescan();
                } finally {
                    rescanning.set(false);
                }
            });
        }
        return now.entries();
    }

    public Optional<Entry> find(int number) {
        return entries().stream().filter(e -> e.branch().number() == number).findFirst();
    }

    /** Reads the list of edit refs and describes what changed since it was last read. */
    private synchronized State rescan() {
        Map<String, ObjectId> refs = new TreeMap<>(repo.refs(EditBranches.OPEN));
        refs.putAll(repo.refs(EditBranches.ARCHIVE));
        refs.putAll(repo.refs(EditBranches.UNFINISHED));
        State now = state;
        state = new State(refs, now != null && now.refs().equals(refs) ? now.entries() : build(refs), System.nanoTime());
        return state;
    }

    /** A ref this process moved: applied at once, without listing the others. */
    private synchronized void moved(String ref, Optional<ObjectId> tip) {
        State now = state;
        boolean edit = ref.startsWith(EditBranches.OPEN) || ref.startsWith(EditBranches.ARCHIVE)
                || ref.startsWith(EditBranches.UNFINISHED);
        if (now == null || !edit) {
            return;
        }
        Map<String, ObjectId> refs = new TreeMap<>(now.refs());
        tip.ifPresentOrElse(id -> refs.put(ref, id.copy()), () -> refs.remove(ref));
        state = new State(refs, build(refs), now.listedAt());
    }

    private List<Entry> build(Map<String, ObjectId> refs) {
        List<EditBranches.Branch> branches = new ArrayList<>();
        Set<Integer> unfinished = new HashSet<>();
        refs.forEach((name, tip) -> {
            if (name.startsWith(EditBranches.UNFINISHED)) {
                unfinished.add(Integer.parseInt(name.substring(EditBranches.UNFINISHED.length())));
            } else {
                EditBranches.branch(name, tip).ifPresent(branches::add);
            }
        });
        describe(branches.stream().map(EditBranches.Branch::tip).filter(tip -> !described.containsKey(tip)).distinct().toList());
        described.keySet().retainAll(branches.stream().map(EditBranches.Branch::tip).collect(Collectors.toSet()));
        branches.sort(Comparator.comparingInt(EditBranches.Branch::number));
        List<Entry> out = new ArrayList<>();
        for (EditBranches.Branch b : branches) {
            Description d = described.get(b.tip());
            out.add(new Entry(b, !b.archived() && unfinished.contains(b.number()), d.first(), d.paths(), d.closing()));
        }
        return List.copyOf(out);
    }

    /** Describes new tips with one walk: every commit they reach that {@code main} does not. */
    private void describe(List<ObjectId> tips) {
        if (tips.isEmpty()) {
            return;
        }
        Optional<Snapshot> main = repo.main();
        try (RevWalk walk = new RevWalk(repo.repository())) {
            for (ObjectId tip : tips) {
                walk.markStart(walk.parseCommit(tip));
            }
            if (main.isPresent()) {
                walk.markUninteresting(walk.parseCommit(main.get().commit()));
            }
            Set<ObjectId> own = new HashSet<>();
            for (RevCommit c : walk) {
                own.add(c.copy());
            }
            for (ObjectId tip : tips) {
                described.put(tip.copy(), describe(walk, walk.parseCommit(tip), own, main));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A branch's own commits are those its tip reaches that {@code main} does not; what it changes
     * is measured from where it meets {@code main}: the one commit its own commits grew from, or,
     * after a conflict's resolution brought in a newer {@code main}, their merge base.
     */
    private Description describe(RevWalk walk, RevCommit tip, Set<ObjectId> own, Optional<Snapshot> main) throws IOException {
        List<RevCommit> mine = new ArrayList<>();
        Set<ObjectId> grewFrom = new HashSet<>();
        Deque<RevCommit> todo = new ArrayDeque<>(List.of(tip));
        Set<ObjectId> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            RevCommit c = walk.parseCommit(todo.pop());
            if (!seen.add(c.copy())) {
                continue;
            }
            if (!own.contains(c)) {
                grewFrom.add(c.copy());
                continue;
            }
            mine.add(c);
            for (RevCommit parent : c.getParents()) {
                todo.push(parent);
            }
        }
        // The edit's first commit is where its own line starts (no own parent); times tie within a second.
        RevCommit first = mine.stream().filter(c -> java.util.Arrays.stream(c.getParents()).noneMatch(own::contains))
                .min(Comparator.comparingInt(RevCommit::getCommitTime)).orElse(tip);
        ObjectId base = grewFrom.size() == 1 ? grewFrom.iterator().next()
                : main.flatMap(m -> repo.mergeBase(m.commit(), tip)).orElse(tip);
        List<String> paths = repo.changedPaths(walk.parseCommit(base).getTree(), tip.getTree());
        return new Description(CommitInfo.of(first), List.copyOf(paths), Closing.of(tip));
    }
}
