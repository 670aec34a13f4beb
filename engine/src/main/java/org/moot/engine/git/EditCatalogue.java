package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Every edit branch, open and archived, described for listing, kept up to date incrementally.
 * A branch's description (its own commits, the files it changes, how it was closed) depends only
 * on its tip, an immutable commit: it is worked out once per tip, and all new tips together take
 * one commit walk. Each read compares the list of edit refs (a listing, not a walk) with the one
 * last seen, so branches made, moved or archived by this process or any other are noticed at
 * once, and only their new tips are described.
 */
public final class EditCatalogue {

    /**
     * One branch as listed. {@code first} is its oldest own commit (author, summary, time);
     * {@code unfinished} marks its owner's unfinished work rather than a proposal.
     */
    public record Entry(EditBranches.Branch branch, boolean unfinished, CommitInfo first, List<String> paths,
                        Optional<Closing> closing) {}

    private record Description(CommitInfo first, List<String> paths, Optional<Closing> closing) {}

    private record State(Map<String, ObjectId> refs, List<Entry> entries) {}

    private final Repo repo;
    private final Map<ObjectId, Description> described = new ConcurrentHashMap<>();
    private volatile State state = new State(Map.of(), List.of());

    public EditCatalogue(Repo repo) {
        this.repo = repo;
    }

    /** Every edit branch, by number. */
    public List<Entry> entries() {
        Map<String, ObjectId> refs = listing();
        State seen = state;
        if (seen.refs().equals(refs)) {
            return seen.entries();
        }
        synchronized (this) {
            if (!state.refs().equals(refs)) {
                state = new State(refs, build(refs));
            }
            return state.entries();
        }
    }

    public Optional<Entry> find(int number) {
        return entries().stream().filter(e -> e.branch().number() == number).findFirst();
    }

    private Map<String, ObjectId> listing() {
        Map<String, ObjectId> refs = new TreeMap<>(repo.refs(EditBranches.OPEN));
        refs.putAll(repo.refs(EditBranches.ARCHIVE));
        refs.putAll(repo.refs(EditBranches.UNFINISHED));
        return refs;
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
        described.keySet().retainAll(branches.stream().map(EditBranches.Branch::tip).toList());
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
