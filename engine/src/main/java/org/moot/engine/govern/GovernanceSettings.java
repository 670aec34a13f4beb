package org.moot.engine.govern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.access.Role;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Violation;

/**
 * {@code .moot/governance.yaml}: which roles members fill themselves (by election or by lot), how
 * many seats and for how long, who may stand and vote, and the periods, quorums and thresholds.
 * Changed only by the council or admins, in attributed commits. Without the file nothing is filled
 * automatically; polls still work, with the defaults below.
 *
 * @param seats        the roles filled by members, each with its seats, term and method
 * @param standDays    days a member must have been a member to stand or volunteer
 * @param voteDays     days a member must have been a member to vote or sign a petition
 * @param nominate     how long nominations (and volunteering for a draw) stay open
 * @param vote         how long an election's or a recall's voting stays open
 * @param quorum       the share of eligible members, in percent, who must vote for an election or recall to count
 * @param recallShare  the share of members, in percent, whose signatures open a recall vote
 * @param recallWindow how long a recall petition has to reach that share
 * @param recallMajority the share of the ballots, in percent, that must say yes (more than) to remove the holder
 * @param branchMinimum a poll shows a branch's own counts only when at least this many of its members voted
 */
public record GovernanceSettings(Map<Role, Seats> seats, int standDays, int voteDays, Duration nominate, Duration vote,
                                 int quorum, int recallShare, Duration recallWindow, int recallMajority, int branchMinimum) {

    public static final String PATH = ".moot/governance.yaml";

    /** How a role is filled. */
    public enum Method { ELECTION, SORTITION }

    /** One role members fill: {@code count} seats, each held for {@code term} from the commit that gave it. */
    public record Seats(Role role, int count, Duration term, Method method) {}

    public static final GovernanceSettings DEFAULT = new GovernanceSettings(Map.of(), 30, 7, Duration.ofDays(7),
            Duration.ofDays(7), 10, 10, Duration.ofDays(14), 50, 5);

    public GovernanceSettings {
        seats = Collections.unmodifiableMap(seats.isEmpty() ? Map.of() : new EnumMap<>(seats));
    }

    public Optional<Seats> seats(Role role) {
        return Optional.ofNullable(seats.get(role));
    }

    /** The settings a file gives (defaults for what it leaves out), and what is wrong with it. */
    public record Read(GovernanceSettings settings, List<Violation> problems) {}

    public static Read read(String yaml) {
        FrontMatterParser.Split split = FrontMatterParser.document(PATH, yaml);
        FrontMatter fields = split.frontMatter();
        List<Violation> problems = new ArrayList<>(split.violations());
        Numbers n = new Numbers(fields, problems);
        Map<Role, Seats> seats = new EnumMap<>(Role.class);
        Object roles = fields.get("roles");
        if (roles instanceof Map<?, ?> map) {
            map.forEach((key, value) -> seat(String.valueOf(key), value, fields, problems).ifPresent(s -> seats.put(s.role(), s)));
        } else if (roles != null) {
            problems.add(new Violation(PATH, fields.line("roles"), "'roles' must map each role to its seats, term and method"));
        }
        GovernanceSettings d = DEFAULT;
        GovernanceSettings settings = new GovernanceSettings(seats, n.get("stand-after-days", d.standDays, 0, 3650),
                n.get("vote-after-days", d.voteDays, 0, 3650), n.days("nomination-days", d.nominate),
                n.days("voting-days", d.vote), n.get("quorum-percent", d.quorum, 0, 100),
                n.get("recall-percent", d.recallShare, 1, 100), n.days("recall-window-days", d.recallWindow),
                n.get("recall-majority-percent", d.recallMajority, 0, 99), n.get("poll-branch-minimum", d.branchMinimum, 1, 1000));
        return new Read(settings, List.copyOf(problems));
    }

    private static Optional<Seats> seat(String key, Object value, FrontMatter fields, List<Violation> problems) {
        int line = fields.line("roles." + key);
        Optional<Role> role = Role.parse(key).filter(r -> r == Role.MODERATOR || r == Role.COUNCIL || r == Role.EDITOR
                || r == Role.FACT_CHECKER);
        if (role.isEmpty()) {
            problems.add(new Violation(PATH, line, "'" + key + "' is not a role members fill; they fill moderator, council, editor and fact-checker"));
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> spec)) {
            problems.add(new Violation(PATH, line, "'" + key + "' must give seats, term-days and by (election or sortition)"));
            return Optional.empty();
        }
        Numbers n = new Numbers(spec, line, problems);
        Object by = spec.get("by");
        Method method = "sortition".equals(by) ? Method.SORTITION : Method.ELECTION;
        if (by != null && !"sortition".equals(by) && !"election".equals(by)) {
            problems.add(new Violation(PATH, line, "'" + key + ".by' must be election or sortition"));
        }
        return Optional.of(new Seats(role.get(), n.get("seats", 1, 1, 99), n.days("term-days", Duration.ofDays(365)), method));
    }

    /** Whole numbers within bounds, each problem named with its line. */
    private record Numbers(Map<?, ?> values, java.util.function.ToIntFunction<String> line, List<Violation> problems) {
        Numbers(FrontMatter fields, List<Violation> problems) {
            this(fields.fields(), fields::line, problems);
        }

        Numbers(Map<?, ?> values, int line, List<Violation> problems) {
            this(values, k -> line, problems);
        }

        int get(String key, int otherwise, int min, int max) {
            Object v = values.get(key);
            if (v == null) {
                return otherwise;
            }
            String text = String.valueOf(v);
            if (v instanceof Number && text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= min && Integer.parseInt(text) <= max) {
                return Integer.parseInt(text);
            }
            problems.add(new Violation(PATH, line.applyAsInt(key), "'" + key + "' must be a whole number from " + min + " to " + max));
            return otherwise;
        }

        Duration days(String key, Duration otherwise) {
            return Duration.ofDays(get(key, (int) otherwise.toDays(), 1, 3650));
        }
    }
}
