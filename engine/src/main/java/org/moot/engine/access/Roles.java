package org.moot.engine.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Violation;

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

    /** The roles a file grants, and what is wrong with it (a file with problems must not be trusted). */
    public record Read(Roles roles, List<Violation> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Reads the file strictly: every role must be known and every holder a possible user name. */
    public static Read read(String yaml) {
        FrontMatterParser.Split split = FrontMatterParser.document(PATH, yaml);
        FrontMatter fields = split.frontMatter();
        List<Violation> problems = new ArrayList<>(split.violations());
        Map<String, Set<Role>> byUser = new TreeMap<>();
        fields.fields().forEach((key, users) -> {
            Optional<Role> role = Role.parse(key);
            if (role.isEmpty()) {
                problems.add(new Violation(PATH, fields.line(key), "unknown role '" + key + "'; roles are "
                        + Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", "))));
                return;
            }
            if (users != null && !(users instanceof List)) {
                problems.add(new Violation(PATH, fields.line(key), "'" + key + "' must be a list of user names"));
                return;
            }
            List<?> list = users == null ? List.of() : (List<?>) users;
            for (int i = 0; i < list.size(); i++) {
                String user = String.valueOf(list.get(i)).strip();
                if (!Accounts.NAME.matcher(user).matches()) {
                    problems.add(new Violation(PATH, fields.line(key + "." + i), "'" + user + "' is not a user name"));
                } else {
                    byUser.computeIfAbsent(user, u -> EnumSet.noneOf(Role.class)).add(role.get());
                }
            }
        });
        return new Read(new Roles(byUser), List.copyOf(problems));
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
