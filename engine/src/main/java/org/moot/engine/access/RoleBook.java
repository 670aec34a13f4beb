package org.moot.engine.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.Origin;
import org.moot.engine.git.History;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.schema.Violation;

/**
 * Roles as {@code .moot/roles.yaml} says on {@code main}. Read per request (parsed once per
 * version of the file); changed only by commits through {@link MainWriter}, so each grant is a
 * public, attributed entry in the history. A file that arrives broken anyway (a push with plain
 * {@code git}) must not lock every admin out: the last valid version stays in force, and
 * {@link #problems} tells admins what to mend.
 */
public final class RoleBook {

    /** How far back to look for a valid version of a broken file. */
    private static final int VERSIONS_BACK = 200;

    /** The roles in force for one version of the file: its own, or when it is broken, the last valid ones. */
    private record InForce(Roles roles, List<Violation> problems) {}

    private final Repo repo;
    private final MainWriter writer;
    private final History history;
    private final Cache<ObjectId, InForce> parsed = Caffeine.newBuilder().maximumSize(8).build();
    private final Cache<String, Book> books = Caffeine.newBuilder().maximumSize(2).build();

    public RoleBook(Repo repo, MainWriter writer, History history) {
        this.repo = repo;
        this.writer = writer;
        this.history = history;
    }

    public Roles current() {
        return repo.main().map(this::at).orElse(Roles.NONE);
    }

    public Roles at(Snapshot snapshot) {
        return inForce(snapshot).roles();
    }

    /** What is wrong with the roles file on {@code main}; empty when it is valid. */
    public List<Violation> problems(Snapshot at) {
        return inForce(at).problems();
    }

    private InForce inForce(Snapshot snapshot) {
        return repo.blobAt(snapshot, Roles.PATH).map(blob -> parsed.get(blob, b -> {
            Roles.Read read = read(b);
            return new InForce(read.valid() ? read.roles() : lastValid(snapshot), read.problems());
        })).orElse(new InForce(Roles.NONE, List.of()));
    }

    private Roles lastValid(Snapshot broken) {
        for (CommitInfo version : history.log(broken, Roles.PATH, VERSIONS_BACK)) {
            Optional<Roles.Read> read = repo.blobAt(repo.snapshot(version.id()), Roles.PATH).map(this::read);
            if (read.isPresent() && read.get().valid()) {
                return read.get().roles();
            }
        }
        return Roles.NONE;
    }

    private Roles.Read read(ObjectId blob) {
        return Roles.read(new String(repo.read(blob), StandardCharsets.UTF_8));
    }

    /** A role held now, and the public commit that gave it (empty when it is older than the history read). */
    public record Holding(Role role, String user, Optional<CommitInfo> since) {}

    /** The public record of who holds what: each current holding with its commit, and every change to the roles, newest first. */
    public record Record(List<Holding> holdings, List<CommitInfo> changes) {}

    /**
     * The record as of {@code at}, read from the roles file's own history ({@link #VERSIONS_READ}
     * versions back at most; a role held longer has no commit of its own here).
     */
    public Record record(Snapshot at) {
        return book(at).record();
    }

    /**
     * When each member became one, as the roles file's history says: since the oldest version, in
     * the unbroken run from the newest, that gives them any role (every granted role includes what a
     * member may do). A membership older than the versions read counts from the oldest of them.
     */
    public Map<String, java.time.Instant> memberSince(Snapshot at) {
        return book(at).memberSince();
    }

    /** How many versions of the roles file the record reads. */
    public static final int VERSIONS_READ = 500;

    /** What the roles file's history says as of one version of it: the record, and when each member became one. */
    private record Book(Record record, Map<String, java.time.Instant> memberSince) {}

    /**
     * Read once per change of the file, not per request (elections ask on every ballot, the
     * scheduler every minute), and keyed by that change rather than the text: a file changed back
     * to an earlier text has a new history.
     */
    private Book book(Snapshot at) {
        return history.log(at, Roles.PATH, 1).stream().findFirst()
                .map(last -> books.get(last.revision(), r -> readBook(at)))
                .orElse(new Book(new Record(List.of(), List.of()), Map.of()));
    }

    /**
     * Walks the versions newest first, one at a time: a role's commit is the oldest of the unbroken
     * run of versions, from the newest, that hold it.
     */
    private Book readBook(Snapshot at) {
        List<CommitInfo> changes = history.log(at, Roles.PATH, VERSIONS_READ);
        Roles now = at(at);
        Map<String, Set<Role>> unbroken = new java.util.HashMap<>(now.byUser());
        Map<String, Map<Role, CommitInfo>> since = new java.util.HashMap<>();
        Map<String, CommitInfo> memberFrom = new java.util.HashMap<>();
        java.util.Set<String> stillMembers = new java.util.HashSet<>(now.byUser().keySet());
        for (CommitInfo change : changes) {
            Roles then = at(repo.snapshot(change.id()));
            unbroken.replaceAll((user, roles) -> {
                Set<Role> still = EnumSet.noneOf(Role.class);
                roles.stream().filter(then.of(user)::contains).forEach(still::add);
                still.forEach(role -> since.computeIfAbsent(user, u -> new java.util.EnumMap<>(Role.class)).put(role, change));
                return still;
            });
            unbroken.values().removeIf(Set::isEmpty);
            stillMembers.removeIf(user -> then.of(user).isEmpty());
            stillMembers.forEach(user -> memberFrom.put(user, change));
            if (unbroken.isEmpty() && stillMembers.isEmpty()) {
                break;
            }
        }
        List<Holding> holdings = new java.util.ArrayList<>();
        for (Role role : Role.values()) {
            if (role == Role.READER || role == Role.MEMBER) {
                continue; // everyone reads, and members are counted, not listed: the record is of the roles with powers
            }
            for (String user : now.holders(role)) {
                holdings.add(new Holding(role, user, Optional.ofNullable(since.getOrDefault(user, Map.of()).get(role))));
            }
        }
        java.time.Instant oldest = changes.isEmpty() ? java.time.Instant.EPOCH : changes.get(changes.size() - 1).time();
        Map<String, java.time.Instant> members = new java.util.HashMap<>();
        for (String user : now.byUser().keySet()) {
            members.put(user, Optional.ofNullable(memberFrom.get(user)).map(CommitInfo::time).orElse(oldest));
        }
        return new Book(new Record(List.copyOf(holdings), changes), Map.copyOf(members));
    }

    /** The user an account is, with its roles as of {@code at}. */
    public User user(Account account, Snapshot at) {
        return user(account, at(at));
    }

    /** The user an account is, with its roles as of now. */
    public User user(Account account) {
        return user(account, current());
    }

    private static User user(Account account, Roles in) {
        Set<Role> roles = EnumSet.of(Role.READER);
        roles.addAll(in.of(account.name()));
        return new User(account.name(), account.displayName(), roles);
    }

    /**
     * Sets a user's roles in one commit authored by {@code by}, with {@code reason} as its message.
     * Returns false when the roles were already so (nothing to commit).
     */
    public boolean set(PersonIdent by, String user, Set<Role> roles, String reason) {
        return set(by, user, roles, reason, anyone -> true);
    }

    /**
     * The same, keeping an admin who can sign in ({@code signsIn}) when {@code user} gives up
     * theirs. Judged on main as the commit is made, in the writer's turn: two admins who each
     * give up the role at the same moment cannot both leave the other as the only one.
     */
    public boolean set(PersonIdent by, String user, Set<Role> roles, String reason, Predicate<String> signsIn) {
        return writer.commit(new Origin(ChangeSource.SETTINGS, User.account(by)), tip -> {
            Roles now = tip.map(this::at).orElse(Roles.NONE);
            if (now.of(user).equals(without(roles, Role.READER))) {
                return Optional.empty();
            }
            Roles next = now.with(user, roles);
            if (now.of(user).contains(Role.ADMIN) && next.holders(Role.ADMIN).stream().noneMatch(signsIn)) {
                throw new Accounts.Refused("'" + user + "' is the site's only admin who can sign in, and the site needs"
                        + " at least one admin: make someone else an admin first");
            }
            String yaml = next.toYaml();
            return Optional.of(new MainWriter.Change(Map.of(Roles.PATH, yaml.getBytes(StandardCharsets.UTF_8)), by, reason));
        }).isPresent();
    }

    public boolean grant(PersonIdent by, String user, Role role, String reason) {
        Set<Role> roles = EnumSet.of(role);
        roles.addAll(current().of(user));
        return set(by, user, roles, reason);
    }

    private static Set<Role> without(Set<Role> roles, Role role) {
        Set<Role> out = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        out.remove(role);
        return out;
    }
}
