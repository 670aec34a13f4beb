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
     * the draw's stand-after days when it was made ({@code since}: when each member became one), and
     * who at the close are still members and do not hold the role already.
     */
    public static List<String> eligible(Proceeding atSeal, java.util.Map<String, java.time.Instant> since, java.time.Instant sealed,
                                        Roles atClose) {
        java.time.Instant cutoff = sealed.minus(java.time.Duration.ofDays(atSeal.rules().standAfterDays()));
        Role role = atSeal.role().orElse(Role.COUNCIL);
        return atSeal.entrants().stream().map(Proceeding.Entrant::name)
                .filter(n -> since.containsKey(n) && !since.get(n).isAfter(cutoff))
                .filter(n -> !atClose.of(n).isEmpty() && !atClose.of(n).contains(role)).sorted().toList();
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
        Role role = draw.role().orElse(Role.COUNCIL);
        List<String> differences = new ArrayList<>();
        // The state the draw closed on: the closing commit's parent.
        Optional<Snapshot> closing = closing(repo, tip, number);
        Optional<Snapshot> beforeClosing = closing.flatMap(c -> repo.parent(c.commit())).map(repo::snapshot);
        Roles atClose = beforeClosing.map(at -> rolesAt(repo, at)).orElse(Roles.NONE);
        int seats = draw.seatsToFill(beforeClosing.map(at -> settingsAt(repo, at)).flatMap(s -> s.seats(role))
                .map(GovernanceSettings.Seats::count), atClose.holders(role).size());
        List<String> council = draw(out.seed(), out.eligible(), seats);
        if (!council.equals(out.chosen())) {
            differences.add("the record says " + out.chosen() + " were drawn; its seed and eligible volunteers give " + council
                    + " for the " + seats + " seats empty when it closed");
        }
        // Exactly as the site writes it: a commit id in lower case (a letter's case would change every ticket).
        Optional<ObjectId> seed = Optional.ofNullable(out.seed().matches("[0-9a-f]{40}") ? ObjectId.fromString(out.seed()) : null)
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
        History history = new History(repo, Optional.empty());
        differences.addAll(volunteersProblems(repo, history, sealed, number, atSeal.get(), before.get()));
        if (closing.isEmpty()) {
            differences.add("no commit on main closes the draw");
            return new Verification(council, differences);
        }
        List<String> eligible = eligible(atSeal.get(), new RoleBook(repo, new MainWriter(repo), history).memberSince(sealed),
                sealed.time(), atClose);
        if (!eligible.equals(out.eligible())) {
            differences.add("the record's eligible volunteers are " + out.eligible() + "; the volunteers when volunteering closed who"
                    + " had been members for " + atSeal.get().rules().standAfterDays() + " days, and did not hold the role when"
                    + " the draw closed, are " + eligible);
        }
        Roles after = rolesAt(repo, closing.get());
        java.util.Set<String> people = new java.util.TreeSet<>(after.byUser().keySet());
        people.addAll(atClose.byUser().keySet());
        for (String user : people) {
            java.util.Set<Role> expected = java.util.EnumSet.noneOf(Role.class);
            expected.addAll(atClose.of(user));
            if (out.chosen().contains(user)) {
                expected.add(role);
            }
            if (!after.of(user).equals(expected)) {
                differences.add("the commit that closed the draw gives " + user + " the roles " + after.of(user) + "; the draw gives " + expected);
            }
        }
        return new Verification(council, differences);
    }

    /**
     * The volunteers as the seal left them: the seal itself (made by the site) changed only the
     * phase, and each volunteer was added in a commit of their own.
     */
    private static List<String> volunteersProblems(Repo repo, History history, Snapshot sealed, int number, Proceeding atSeal,
                                                   Proceeding before) {
        List<String> out = new ArrayList<>();
        CommitInfo seal = history.log(sealed, Proceeding.path(number), 1).stream().findFirst().orElseThrow();
        if (!seal.authorId().equalsIgnoreCase(org.moot.engine.access.Access.site().getEmailAddress())) {
            out.add("the commit that closed volunteering is by " + seal.authorId() + ", not by the site");
        }
        if (!atSeal.entrants().equals(before.entrants())) {
            out.add("the commit that closed volunteering also changed the volunteers");
        }
        List<CommitInfo> versions = history.log(sealed, Proceeding.path(number), 10_000);
        for (int i = 1; i < versions.size(); i++) { // newest first: version i-1 follows version i
            Optional<Proceeding> newer = read(repo, repo.snapshot(versions.get(i - 1).id()), number).proceeding();
            Optional<Proceeding> older = read(repo, repo.snapshot(versions.get(i).id()), number).proceeding();
            if (newer.isEmpty() || older.isEmpty()) {
                continue;
            }
            String by = org.moot.engine.access.User.account(versions.get(i - 1).authorId());
            for (Proceeding.Entrant e : newer.get().entrants()) {
                if (!older.get().isEntrant(e.name()) && !e.name().equals(by)) {
                    out.add(e.name() + " was added to the volunteers in " + versions.get(i - 1).revision().substring(0, 10)
                            + " by " + versions.get(i - 1).authorId() + ", not by " + e.name());
                }
            }
        }
        Optional<Proceeding> first = versions.isEmpty() ? Optional.empty()
                : read(repo, repo.snapshot(versions.get(versions.size() - 1).id()), number).proceeding();
        if (first.filter(p -> !p.entrants().isEmpty()).isPresent()) {
            out.add("the draw opened with volunteers already listed");
        }
        return out;
    }

    private static GovernanceSettings settingsAt(Repo repo, Snapshot at) {
        return repo.blobAt(at, GovernanceSettings.PATH)
                .map(blob -> GovernanceSettings.read(new String(repo.read(blob), StandardCharsets.UTF_8)).settings())
                .orElse(GovernanceSettings.DEFAULT);
    }

    /** The commit that wrote the draw's outcome: the oldest change to its file on main that shows it closed. */
    private static Optional<Snapshot> closing(Repo repo, Snapshot tip, int number) {
        Optional<Snapshot> closing = Optional.empty();
        for (CommitInfo change : new History(repo, Optional.empty()).log(tip, Proceeding.path(number), 100)) {
            Snapshot at = repo.snapshot(change.id());
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
