package org.moot.engine.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The role assignments in {@code .moot/roles.yaml}: a list of user names under each role. Public
 * and versioned, so every grant and removal is an attributed commit in the open history.
 */
public record Roles(Map<String, Set<Role>> byUser) {

    public static final String PATH = ".moot/roles.yaml";
    public static final Roles NONE = new Roles(Map.of());

    public Roles {
        Map<String, Set<Role>> copy = new TreeMap<>();
        byUser.forEach((user, roles) -> {
            if (!roles.isEmpty()) {
                copy.put(user, Collections.unmodifiableSet(EnumSet.copyOf(roles)));
            }
        });
        byUser = Collections.unmodifiableMap(copy);
    }

    /** The roles granted to a user in the file (reading is never listed: every account reads). */
    public Set<Role> of(String user) {
        return byUser.getOrDefault(user, Set.of());
    }

    public Roles with(String user, Set<Role> roles) {
        Map<String, Set<Role>> next = new TreeMap<>(byUser);
        Set<Role> granted = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        granted = granted.stream().filter(r -> r != Role.READER).collect(java.util.stream.Collectors.toSet());
        next.put(user, granted);
        return new Roles(next);
    }

    /** Users holding a role, sorted. */
    public List<String> holders(Role role) {
        return byUser.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey).toList();
    }

    /** Reads the file; a broken file grants nothing rather than something unintended. */
    public static Roles parse(String yaml) {
        Object loaded;
        try {
            loaded = org.moot.schema.BoundedYaml.load(yaml, 1 << 20);
        } catch (YamlEngineException e) {
            return NONE;
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            return NONE;
        }
        Map<String, Set<Role>> byUser = new TreeMap<>();
        map.forEach((key, users) -> Role.parse(String.valueOf(key)).ifPresent(role -> {
            if (users instanceof List<?> list) {
                for (Object user : list) {
                    if (user != null) {
                        byUser.computeIfAbsent(String.valueOf(user).strip(), u -> EnumSet.noneOf(Role.class)).add(role);
                    }
                }
            }
        }));
        return new Roles(byUser);
    }

    /** The file's text: roles in a fixed order, names sorted, so that diffs show only real changes. */
    public String toYaml() {
        StringBuilder out = new StringBuilder("""
                # Who holds which role on this site. Everyone with an account may read; members are
                # verified; the other roles are granted by admins. Every change is a commit whose
                # author is the admin who made it and whose message gives the reason.
                """);
        for (Role role : Role.values()) {
            if (role == Role.READER) {
                continue;
            }
            List<String> users = new ArrayList<>(new TreeSet<>(holders(role)));
            out.append(role.id()).append(':');
            if (users.isEmpty()) {
                out.append(" []\n");
            } else {
                out.append('\n');
                users.forEach(u -> out.append("  - ").append(u).append('\n'));
            }
        }
        return out.toString();
    }
}
