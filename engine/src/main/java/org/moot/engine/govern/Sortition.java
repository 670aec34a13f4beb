package org.moot.engine.govern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Role;
import org.moot.engine.access.RoleBook;
import org.moot.engine.git.MainWriter;
import org.moot.engine.access.Roles;
import org.moot.engine.access.Secrets;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.History;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;

/**
 * The lottery of a draw, and its check from the public record alone.
 *
 * <p>The seed is the id of the commit that closed volunteering: it fixes who may be drawn (the
 * volunteers then who had been members long enough), and nobody knew it while anyone could still
 * volunteer. Each eligible volunteer's ticket is
 * SHA-256(seed, newline, name); the lowest tickets win the seats. Anyone with a clone can re-run
 * it ({@code moot sortition verify}). What it cannot rule out: whoever runs the site could make
 * that commit again and again (its id changes with its time) until the draw suits them. A public
 * beacon outside the site would close that gap; this machine has none to offer.
 */
public final class Sortition {

    private Sortition() {}

    /**
     * Who may be drawn: the volunteers, as the record stood at the seal, who had been members for
     * the draw's stand-after days when it was made ({@code since}: when each member became one).
     */
    public static List<String> eligible(Proceeding atSeal, java.util.Map<String, java.time.Instant> since, java.time.Instant sealed) {
        java.time.Instant cutoff = sealed.minus(java.time.Duration.ofDays(atSeal.rules().standAfterDays()));
        return atSeal.entrants().stream().map(Proceeding.Entrant::name)
                .filter(n -> since.containsKey(n) && !since.get(n).isAfter(cutoff)).sorted().toList();
    }

    public static List<String> draw(String seed, List<String> eligible, int seats) {
        return eligible.stream().distinct().sorted(Comparator.comparing((String name) -> ticket(seed, name)))
                .limit(seats).toList();
    }

    public static String ticket(String seed, String name) {
        return Secrets.sha256(seed + "\n" + name);
    }

    /** What a check found: the council the record's draw gives, and every place the record differs from it. */
    public record Verification(List<String> council, List<String> differences) {
        public boolean holds() {
            return differences.isEmpty();
        }
    }

    /**
     * Re-runs draw {@code number} from the record on {@code main} of a clone of a site's content:
     * the seed must be the commit that closed volunteering; the eligible, the volunteers then who had
     * been members long enough (by the roles file's history); the seats, those it opened with; the
     * council, what the lottery gives; and the commit that closed it must give the role to exactly those.
     */
    public static Verification verify(Repo repo, int number) {
        Snapshot tip = repo.main().orElseThrow(() -> new IllegalArgumentException("the repository has no main branch"));
        if (repo.blobAt(tip, Proceeding.path(number)).isEmpty()) {
            throw new IllegalArgumentException(Proceeding.path(number) + " is not in the record on main");
        }
        Proceeding draw = read(repo, tip, number).proceeding().orElseThrow(() -> new IllegalArgumentException(
                Proceeding.path(number) + " cannot be read: " + read(repo, tip, number).problem()));
        if (draw.type() != Proceeding.Type.DRAW || draw.outcome().isEmpty()) {
            throw new IllegalArgumentException(Proceeding.path(number) + " is not a finished draw by lot");
        }
        Proceeding.Outcome out = draw.outcome().get();
        List<String> differences = new ArrayList<>();
        List<String> council = draw(out.seed(), out.eligible(), draw.seats());
        if (!council.equals(out.chosen())) {
            differences.add("the record says " + out.chosen() + " were drawn; its seed and eligible volunteers give " + council);
        }
        Optional<ObjectId> seed = Optional.ofNullable(ObjectId.isId(out.seed()) ? ObjectId.fromString(out.seed()) : null)
                .filter(repo::isCommit).filter(id -> repo.isAncestor(id, tip.commit()));
        if (seed.isEmpty()) {
            differences.add("the seed " + out.seed() + " is not a commit on main");
            return new Verification(council, differences);
        }
        Snapshot sealed = repo.snapshot(seed.get());
        Optional<Proceeding> atSeal = read(repo, sealed, number).proceeding();
        Optional<Proceeding> before = repo.parent(seed.get()).flatMap(parent -> read(repo, repo.snapshot(parent), number).proceeding());
        if (atSeal.filter(p -> p.phase() == Proceeding.Phase.VOTING).isEmpty()
                || before.filter(p -> p.phase() == Proceeding.Phase.GATHERING).isEmpty()) {
            differences.add("the seed " + out.seed() + " is not the commit that closed volunteering for this draw");
            return new Verification(council, differences);
        }
        if (atSeal.get().seats() != draw.seats() || before.get().seats() != draw.seats()) {
            differences.add("the record draws " + draw.seats() + " seats; the draw was opened for " + before.get().seats());
        }
        RoleBook history = new RoleBook(repo, new MainWriter(repo), new History(repo, Optional.empty()));
        List<String> eligible = eligible(atSeal.get(), history.memberSince(sealed), sealed.time());
        if (!eligible.equals(out.eligible())) {
            differences.add("the record's eligible volunteers are " + out.eligible() + "; the volunteers when volunteering closed who"
                    + " had been members for " + atSeal.get().rules().standAfterDays() + " days are " + eligible);
        }
        Role role = draw.role().orElse(Role.COUNCIL);
        Optional<Snapshot> closing = closing(repo, tip, number);
        if (closing.isEmpty()) {
            differences.add("no commit on main closes the draw");
        } else {
            Roles after = rolesAt(repo, closing.get());
            Roles rolesBefore = repo.parent(closing.get().commit()).map(p -> rolesAt(repo, repo.snapshot(p))).orElse(Roles.NONE);
            java.util.Set<String> changed = new java.util.TreeSet<>(after.byUser().keySet());
            changed.addAll(rolesBefore.byUser().keySet());
            for (String user : changed) {
                java.util.Set<Role> expected = java.util.EnumSet.noneOf(Role.class);
                expected.addAll(rolesBefore.of(user));
                if (out.chosen().contains(user)) {
                    expected.add(role);
                }
                if (!after.of(user).equals(expected)) {
                    differences.add("the commit that closed the draw gives " + user + " the roles " + after.of(user)
                            + "; the draw gives " + expected);
                }
            }
        }
        return new Verification(council, differences);
    }

    /** The commit that wrote the draw's outcome: the oldest change to its file on main that shows it closed. */
    private static Optional<Snapshot> closing(Repo repo, Snapshot tip, int number) {
        Optional<Snapshot> closing = Optional.empty();
        for (CommitInfo change : new History(repo, Optional.empty()).log(tip, Proceeding.path(number), 100)) {
            Snapshot at = repo.resolve(change.revision());
            if (read(repo, at, number).proceeding().filter(p -> p.phase() == Proceeding.Phase.CLOSED).isEmpty()) {
                break;
            }
            closing = Optional.of(at);
        }
        return closing;
    }

    private static Proceeding.Read read(Repo repo, Snapshot at, int number) {
        return repo.blobAt(at, Proceeding.path(number)).map(blob -> Proceeding.read(number, new String(repo.read(blob), StandardCharsets.UTF_8)))
                .orElse(new Proceeding.Read(Optional.empty(), "it is not there"));
    }

    private static Roles rolesAt(Repo repo, Snapshot at) {
        return repo.blobAt(at, Roles.PATH).map(blob -> Roles.read(new String(repo.read(blob), StandardCharsets.UTF_8)).roles())
                .orElse(Roles.NONE);
    }
}
