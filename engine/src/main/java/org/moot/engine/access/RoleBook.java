package org.moot.engine.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final Cache<String, Map<String, java.time.Instant>> memberSince = Caffeine.newBuilder().maximumSize(2).build();

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
            Optional<Roles.Read> read = repo.blobAt(repo.resolve(version.revision()), Roles.PATH).map(this::read);
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
     * The record as of {@code at}, read from the roles file's own history (at most {@code limit}
     * versions back).
     */
    public Record record(Snapshot at, int limit) {
        Versions versions = versions(at, limit);
        Roles now = at(at);
        List<Holding> holdings = new java.util.ArrayList<>();
        for (Role role : Role.values()) {
            if (role == Role.READER || role == Role.MEMBER) {
                continue; // everyone reads, and members are counted, not listed: the record is of the roles with powers
            }
            for (String user : now.holders(role)) {
                holdings.add(new Holding(role, user, versions.since(user, role)));
            }
        }
        return new Record(List.copyOf(holdings), versions.changes());
    }

    /**
     * When each member became one, as the roles file's history says (at most {@code limit} versions
     * back; a membership older than that counts from the oldest version read). Read once per version
     * of the file: elections ask it for every ballot.
     */
    public Map<String, java.time.Instant> memberSince(Snapshot at, int limit) {
        // Keyed by the file's last change, not its text: a file changed back to an earlier text has a new history.
        return history.log(at, Roles.PATH, 1).stream().findFirst().map(last -> memberSince.get(last.revision(), r -> {
            Versions versions = versions(at, limit);
            Map<String, java.time.Instant> out = new java.util.HashMap<>();
            for (String user : at(at).holders(Role.MEMBER)) {
                out.put(user, versions.since(user, Role.MEMBER).map(CommitInfo::time)
                        .orElse(versions.changes().isEmpty() ? java.time.Instant.EPOCH : versions.changes().get(versions.changes().size() - 1).time()));
            }
            return Map.copyOf(out);
        })).orElse(Map.of());
    }

    /** The versions of the roles file, newest first, with the roles each gave. */
    private record Versions(List<CommitInfo> changes, List<Roles> roles) {
        /** The commit that gave a role still held: the oldest of the unbroken run of versions, from the newest, that hold it. */
        Optional<CommitInfo> since(String user, Role role) {
            Optional<CommitInfo> since = Optional.empty();
            for (int i = 0; i < roles.size() && roles.get(i).of(user).contains(role); i++) {
                since = Optional.of(changes.get(i));
            }
            return since;
        }
    }

    private Versions versions(Snapshot at, int limit) {
        List<CommitInfo> changes = history.log(at, Roles.PATH, limit);
        return new Versions(changes, changes.stream().map(c -> at(repo.resolve(c.revision()))).toList());
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
        return writer.commit(new Origin(ChangeSource.SETTINGS, User.account(by)), tip -> {
            Roles now = tip.map(this::at).orElse(Roles.NONE);
            if (now.of(user).equals(without(roles, Role.READER))) {
                return Optional.empty();
            }
            String yaml = now.with(user, roles).toYaml();
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
