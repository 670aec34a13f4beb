package org.moot.engine.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;

/**
 * Roles as {@code .moot/roles.yaml} says on {@code main}. Read per request (parsed once per
 * version of the file); changed only by commits through {@link MainWriter}, so each grant is a
 * public, attributed entry in the history.
 */
public final class RoleBook {

    private final Repo repo;
    private final MainWriter writer;
    private final Cache<ObjectId, Roles> parsed = Caffeine.newBuilder().maximumSize(8).build();

    public RoleBook(Repo repo, MainWriter writer) {
        this.repo = repo;
        this.writer = writer;
    }

    public Roles current() {
        return repo.main().map(this::at).orElse(Roles.NONE);
    }

    public Roles at(Snapshot snapshot) {
        return repo.blobAt(snapshot, Roles.PATH)
                .map(blob -> parsed.get(blob, b -> Roles.parse(new String(repo.read(b), StandardCharsets.UTF_8))))
                .orElse(Roles.NONE);
    }

    /** The user an account is, with its roles as of now. */
    public User user(Account account) {
        Set<Role> roles = EnumSet.of(Role.READER);
        roles.addAll(current().of(account.name()));
        return new User(account.name(), account.displayName(), roles);
    }

    /**
     * Sets a user's roles in one commit authored by {@code by}, with {@code reason} as its message.
     * Returns false when the roles were already so (nothing to commit).
     */
    public boolean set(PersonIdent by, String user, Set<Role> roles, String reason) {
        return writer.commit(tip -> {
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
