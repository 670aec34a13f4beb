package org.moot.engine.govern;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Role;
import org.moot.engine.access.Roles;
import org.moot.engine.access.Secrets;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.History;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;

/**
 * The lottery of a draw, and its check from the public record alone.
 *
 * <p>The seed is the id of the commit that closed volunteering: it fixes who may be drawn, and
 * nobody knew it while anyone could still volunteer. Each eligible volunteer's ticket is
 * SHA-256(seed, newline, name); the lowest tickets win the seats. Anyone with a clone can re-run
 * it ({@code moot sortition verify}). What it cannot rule out: whoever runs the site could make
 * that commit again and again (its id changes with its time) until the draw suits them. A public
 * beacon outside the site would close that gap; this machine has none to offer.
 */
public final class Sortition {

    private Sortition() {}

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

    /** Re-runs draw {@code number} from the record on {@code main} of a clone of a site's content. */
    public static Verification verify(Repo repo, int number) {
        Snapshot tip = repo.main().orElseThrow(() -> new IllegalArgumentException("the repository has no main branch"));
        Proceeding draw = read(repo, tip, number).orElseThrow(() -> new IllegalArgumentException(
                Proceeding.path(number) + " is not in the record on main"));
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
        Optional<Proceeding> atSeed = read(repo, sealed, number);
        Optional<Proceeding> before = repo.parent(seed.get()).flatMap(parent -> read(repo, repo.snapshot(parent), number));
        if (atSeed.filter(p -> p.phase() == Proceeding.Phase.VOTING).isEmpty()
                || before.filter(p -> p.phase() == Proceeding.Phase.GATHERING).isEmpty()) {
            differences.add("the seed " + out.seed() + " is not the commit that closed volunteering for this draw");
        } else {
            Roles members = rolesAt(repo, sealed);
            for (String name : out.eligible()) {
                if (!atSeed.get().isEntrant(name)) {
                    differences.add(name + " is eligible in the record but had not volunteered when volunteering closed");
                } else if (!members.of(name).contains(Role.MEMBER)) {
                    differences.add(name + " is eligible in the record but was not a member when volunteering closed");
                }
            }
        }
        Optional<Snapshot> closing = closing(repo, tip, number);
        Role role = draw.role().orElse(Role.COUNCIL);
        if (closing.isEmpty()) {
            differences.add("no commit on main closes the draw");
        } else {
            Roles after = rolesAt(repo, closing.get());
            out.chosen().stream().filter(name -> !after.of(name).contains(role))
                    .forEach(name -> differences.add("the roles after the draw do not make " + name + " " + role.id()));
        }
        return new Verification(council, differences);
    }

    /** The commit that wrote the draw's outcome: the oldest change to its file on main that shows it closed. */
    private static Optional<Snapshot> closing(Repo repo, Snapshot tip, int number) {
        Optional<Snapshot> closing = Optional.empty();
        for (CommitInfo change : new History(repo, Optional.empty()).log(tip, Proceeding.path(number), 100)) {
            Snapshot at = repo.resolve(change.revision());
            if (read(repo, at, number).filter(p -> p.phase() == Proceeding.Phase.CLOSED).isEmpty()) {
                break;
            }
            closing = Optional.of(at);
        }
        return closing;
    }

    private static Optional<Proceeding> read(Repo repo, Snapshot at, int number) {
        return repo.blobAt(at, Proceeding.path(number))
                .flatMap(blob -> Proceeding.read(number, new String(repo.read(blob), StandardCharsets.UTF_8)));
    }

    private static Roles rolesAt(Repo repo, Snapshot at) {
        return repo.blobAt(at, Roles.PATH).map(blob -> Roles.read(new String(repo.read(blob), StandardCharsets.UTF_8)).roles())
                .orElse(Roles.NONE);
    }
}
