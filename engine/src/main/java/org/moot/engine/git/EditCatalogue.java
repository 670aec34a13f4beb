package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Every edit branch, open and archived, described for listing, kept up to date incrementally.
 * A branch's description (its own commits, the files it changes, how it was closed) depends only
 * on its tip, an immutable commit: it is worked out once per tip, and all new tips together take
 * one commit walk. Branches this process moves are recorded as they move ({@link Repo#onBranchMoved})
 * and described by the next read; branches moved by another process are noticed by comparing the
 * list of edit refs with the one last seen. That list is a listing, not a walk, but with thousands
 * of loose refs it still costs about 100 ms, so it is re-read at most once every {@link #RESCAN},
 * in the background: only the first read waits for it.
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

    /** {@code asAccepted}: the same tip read as an accepted edit's archive entry, for an archived branch only. */
    private record Description(CommitInfo first, List<String> paths, Optional<Closing> closing, Optional<Description> asAccepted) {}

    private final Repo repo;
    private final Map<ObjectId, Description> described = new ConcurrentHashMap<>();
    /** What this catalogue knows, by ref name; the rest is derived from it. Changed only by {@link #apply}. */
    private final Map<String, ObjectId> refs = new ConcurrentHashMap<>();
    private final Map<Integer, EditBranches.Branch> open = new ConcurrentHashMap<>();
    private final Map<Integer, EditBranches.Branch> archived = new ConcurrentHashMap<>();
    private final Set<Integer> unfinished = ConcurrentHashMap.newKeySet();
    private final ConcurrentSkipListMap<Integer, Entry> entries = new ConcurrentSkipListMap<>();
    /** Numbers whose new tip is not described yet (see {@link #refresh}); the old entry, if any, stays meanwhile. */
    private final Set<Integer> undescribed = ConcurrentHashMap.newKeySet();
    private final ReentrantLock listing = new ReentrantLock();
    private final AtomicBoolean rescanning = new AtomicBoolean();
    private volatile boolean loaded;
    private volatile long listedAt;
    /** While a listing is read, the moves made meanwhile (the listing may predate them); guarded by this. */
    private Map<String, Optional<ObjectId>> movedDuringListing;

    public EditCatalogue(Repo repo) {
        this.repo = repo;
        repo.onBranchMoved(this::moved);
        // Described once at start, in the background: the first request then rarely waits for it.
        CompletableFuture.runAsync(this::load);
    }

    /** Every edit branch, by number. */
    public List<Entry> entries() {
        if (!loaded) {
            load();
        } else if (System.nanoTime() - listedAt > RESCAN.toNanos() && rescanning.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    rescan();
                } finally {
                    rescanning.set(false);
                }
            });
        }
        if (!undescribed.isEmpty()) {
            describeMoved();
        }
        return List.copyOf(entries.values());
    }

    public Optional<Entry> find(int number) {
        return entries().stream().filter(e -> e.branch().number() == number).findFirst();
    }

    private void load() {
        listing.lock();
        try {
            if (!loaded) {
                rescan();
            }
        } finally {
            listing.unlock();
        }
    }

    /** Reads the list of edit refs (outside the lock writers need) and applies what differs from what is known. */
    private void rescan() {
        listing.lock();
        try {
            synchronized (this) {
                movedDuringListing = new HashMap<>();
            }
            Map<String, ObjectId> listed = new HashMap<>(repo.refs(EditBranches.OPEN));
            listed.putAll(repo.refs(EditBranches.ARCHIVE));
            listed.putAll(repo.refs(EditBranches.UNFINISHED));
            // The tips to describe are taken before main is resolved (outside the monitor): see describeMoved.
            List<ObjectId> tips;
            synchronized (this) {
                tips = listed.entrySet().stream().filter(e -> !e.getKey().startsWith(EditBranches.UNFINISHED))
                        .map(Map.Entry::getValue).filter(tip -> !described.containsKey(tip)).distinct().toList();
            }
            Optional<Snapshot> main = repo.main();
            synchronized (this) {
                movedDuringListing.forEach((ref, tip) -> tip.ifPresentOrElse(id -> listed.put(ref, id), () -> listed.remove(ref)));
                movedDuringListing = null;
                describe(tips, main); // a tip moved meanwhile stays undescribed, for the next read
                Set<String> names = new HashSet<>(refs.keySet());
                names.addAll(listed.keySet());
                for (String ref : names) {
                    if (!java.util.Objects.equals(refs.get(ref), listed.get(ref))) {
                        apply(ref, Optional.ofNullable(listed.get(ref)));
                    }
                }
                listedAt = System.nanoTime();
                loaded = true;
            }
        } finally {
            listing.unlock();
        }
    }

    /** A ref this process moved: applied at once, without listing the others. */
    private synchronized void moved(String ref, Optional<ObjectId> tip) {
        if (!ref.startsWith(EditBranches.OPEN) && !ref.startsWith(EditBranches.ARCHIVE) && !ref.startsWith(EditBranches.UNFINISHED)) {
            return;
        }
        if (movedDuringListing != null) {
            movedDuringListing.put(ref, tip);
        }
        if (loaded) {
            apply(ref, tip);
        }
    }

    /** One ref moved (empty: deleted): the entry of its number is worked out again. Callers hold the monitor. */
    private void apply(String ref, Optional<ObjectId> tip) {
        ObjectId before = tip.isPresent() ? refs.put(ref, tip.get().copy()) : refs.remove(ref);
        if (ref.startsWith(EditBranches.UNFINISHED)) {
            String number = ref.substring(EditBranches.UNFINISHED.length());
            if (number.matches("\\d{1,9}")) {
                int n = Integer.parseInt(number);
                if (tip.isPresent()) {
                    unfinished.add(n);
                } else {
                    unfinished.remove(n);
                }
                refresh(n);
            }
            return;
        }
        EditBranches.branch(ref, tip.orElse(ObjectId.zeroId())).ifPresent(b -> {
            Map<Integer, EditBranches.Branch> side = b.archived() ? archived : open;
            if (tip.isPresent()) {
                side.put(b.number(), b);
            } else {
                side.remove(b.number());
            }
            if (before != null) {
                described.remove(before);
            }
            refresh(b.number());
        });
    }

    /**
     * Works out entry {@code n} again. A new tip is described by the next read, not here: a save
     * that publishes makes its branch and removes it again at once, and the writer moving the ref
     * should not pay for describing a branch nobody will list.
     */
    private void refresh(int n) {
        EditBranches.Branch b = open.containsKey(n) ? open.get(n) : archived.get(n);
        if (b == null) {
            entries.remove(n);
            undescribed.remove(n);
            return;
        }
        Description d = described.get(b.tip());
        if (d == null) {
            undescribed.add(n);
            return;
        }
        undescribed.remove(n);
        // Only the site writes the archive: a closing note on an open branch is someone's own commit, and says nothing.
        Description read = b.archived() ? d.asAccepted().orElse(d) : d;
        entries.put(n, new Entry(b, !b.archived() && unfinished.contains(n), read.first(), read.paths(),
                b.archived() ? read.closing() : Optional.empty()));
    }

    /**
     * Describes, with one walk, the tips moved since the last read. {@code main} is resolved outside
     * the monitor (resolving it may wait for the gate, whose listeners move branches, which takes
     * this monitor: the other order deadlocks) and after the tips are taken: each of them was made
     * from a main no newer than that, so none is described against a main older than its own base.
     */
    private void describeMoved() {
        List<Integer> numbers;
        List<ObjectId> tips;
        synchronized (this) {
            numbers = List.copyOf(undescribed);
            tips = numbers.stream().map(n -> open.containsKey(n) ? open.get(n) : archived.get(n))
                    .filter(java.util.Objects::nonNull).map(EditBranches.Branch::tip).distinct().toList();
        }
        Optional<Snapshot> main = repo.main();
        synchronized (this) {
            describe(tips.stream().filter(tip -> !described.containsKey(tip)).toList(), main);
            numbers.forEach(this::refresh);
        }
    }

    /** Describes new tips with one walk: every commit they reach that {@code main} does not. Callers hold the monitor. */
    private void describe(List<ObjectId> tips, Optional<Snapshot> main) {
        if (tips.isEmpty()) {
            return;
        }
        try (RevWalk walk = new RevWalk(repo.repository())) {
            for (ObjectId tip : tips) {
                walk.markStart(walk.parseCommit(tip));
            }
            if (main.isPresent()) {
                walk.markUninteresting(walk.parseCommit(main.get().commit()));
            }
            Set<ObjectId> own = new HashSet<>();
            int oldest = Integer.MAX_VALUE;
            for (RevCommit c : walk) {
                own.add(c.copy());
                oldest = Math.min(oldest, c.getCommitTime());
            }
            if (main.isPresent() && !own.isEmpty()) {
                removeReachedByMain(own, main.get(), oldest);
            }
            for (ObjectId tip : tips) {
                described.put(tip.copy(), describe(walk, walk.parseCommit(tip), own, main));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes out of {@code own} the commits {@code main} reaches. A walk from many tips with main
     * marked uninteresting stops early once only uninteresting commits seem to be left, judging by
     * commit times; on a busy site, where several commits share a second, it let commits of main
     * through (found by the crash test: proposals were listed under an editor's earlier commit). So
     * main's commits since a day before the oldest candidate are walked and taken out: a day covers
     * any clock skew between commits.
     */
    private void removeReachedByMain(Set<ObjectId> own, Snapshot main, int oldest) throws IOException {
        try (RevWalk onMain = new RevWalk(repo.repository())) {
            onMain.markStart(onMain.parseCommit(main.commit()));
            onMain.setRevFilter(org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter.after((oldest - 86_400L) * 1000L));
            for (RevCommit c : onMain) {
                own.remove(c);
            }
        }
    }

    /**
     * A branch's own commits are those its tip reaches that {@code main} does not; what it changes
     * is measured from where it meets {@code main}: the one commit its own commits grew from, or,
     * after a conflict's resolution brought in a newer {@code main}, their merge base.
     */
    private Description describe(RevWalk walk, RevCommit tip, Set<ObjectId> own, Optional<Snapshot> main) throws IOException {
        Optional<Closing> closing = Closing.of(tip);
        Optional<ObjectId> merged = closing.flatMap(Closing::first).map(ObjectId::fromString);
        Optional<Description> asAccepted = Optional.empty();
        if (merged.isPresent() && tip.getParentCount() == 1 && repo.isAncestor(merged.get(), tip.getParent(0))) {
            // Accepted: main holds its commits now, so the site's closing note says where its own line started.
            RevCommit first = walk.parseCommit(merged.get());
            RevCommit base = first.getParentCount() > 0 ? walk.parseCommit(first.getParent(0)) : first;
            asAccepted = Optional.of(new Description(CommitInfo.of(first), List.copyOf(repo.changedPaths(base.getTree(),
                    walk.parseCommit(tip.getParent(0)).getTree())), closing, Optional.empty()));
        }
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
        return new Description(CommitInfo.of(first), List.copyOf(paths), closing, asAccepted);
    }
}
