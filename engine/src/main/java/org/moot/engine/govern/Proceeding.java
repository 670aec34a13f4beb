package org.moot.engine.govern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/**
 * One step-by-step decision members make, as the public record holds it in
 * {@code .moot/governance/<n>.yaml}: an election, a recall, a straw poll or a draw by lot. The site
 * writes every step as a commit (a nomination, a signature or a volunteer by the member, the rest
 * by the site), so a clone shows how each came about. The record names who voted and lists the
 * ballots, each under its random receipt, but never which ballot was whose.
 *
 * @param entrants candidates (with their statements), the petition's signers, or the draw's volunteers
 * @param rules    the settings it runs by, fixed when it opened: changing governance.yaml later (say,
 *                 by a council member facing a recall) does not change a vote under way
 * @param subject  what it is about: the role holder a recall targets, or what a poll is on: a page's
 *                 id, or {@code proposal:N} for proposal N (never a page id: ids have no colon)
 */
public record Proceeding(int number, Type type, Phase phase, String title, Optional<Role> role, int seats, String subject,
                         Scale scale, String reason, String openedBy, Instant opened, Instant gatherUntil, Instant voteUntil,
                         Rules rules, List<Entrant> entrants, Optional<Outcome> outcome) {

    public static final String FOLDER = ".moot/governance/";

    public enum Type {
        ELECTION("election"), RECALL("recall"), POLL("poll"), DRAW("draw by lot");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Nominations, signatures or volunteers are gathered; then ballots are cast; then it is closed. */
    public enum Phase {
        GATHERING, VOTING, CLOSED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a ballot offers: the candidates (election), yes or no (recall), or a poll's scale. */
    public enum Scale {
        CANDIDATES(List.of()), YES_NO(List.of("yes", "no")), SUPPORT(List.of("support", "oppose", "abstain")),
        FIVE(List.of("1", "2", "3", "4", "5"));

        private final List<String> choices;

        Scale(List<String> choices) {
            this.choices = choices;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** A choice in words: the five-point scale's numbers read as a stance. */
        public static String words(String choice) {
            return switch (choice) {
                case "1" -> "strongly oppose";
                case "2" -> "oppose";
                case "3" -> "neither";
                case "4" -> "support";
                case "5" -> "strongly support";
                default -> choice;
            };
        }
    }

    public record Entrant(String name, String statement) {}

    /** The numbers of {@link GovernanceSettings} a proceeding runs by, as they stood when it opened. */
    public record Rules(int standAfterDays, int voteAfterDays, int votingDays, int quorum, int recallShare, int recallMajority,
                        int branchMinimum) {
        public static Rules of(GovernanceSettings s) {
            return new Rules(s.standDays(), s.voteDays(), (int) s.vote().toDays(), s.quorum(), s.recallShare(), s.recallMajority(),
                    s.branchMinimum());
        }

        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("stand-after-days", standAfterDays);
            out.put("vote-after-days", voteAfterDays);
            out.put("voting-days", votingDays);
            out.put("quorum-percent", quorum);
            out.put("recall-percent", recallShare);
            out.put("recall-majority-percent", recallMajority);
            out.put("poll-branch-minimum", branchMinimum);
            return out;
        }

        /** The same numbers, read by the settings' own rules (defaults for what is missing). */
        static Rules read(Map<?, ?> yaml) {
            StringBuilder text = new StringBuilder();
            yaml.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            GovernanceSettings.Read read = GovernanceSettings.read(text.toString());
            if (!read.problems().isEmpty()) {
                throw new IllegalArgumentException("rules: " + read.problems().get(0).message());
            }
            return of(read.settings());
        }
    }

    /** One ballot as published: its receipt, the choices made (approved candidates, or one answer), and an optional reason. */
    public record Ballot(String receipt, List<String> choices, String reason) {
        public Ballot {
            choices = List.copyOf(choices);
        }
    }

    /**
     * How it ended.
     *
     * @param voters   who voted (sorted: the order they voted in would link them to the ballots)
     * @param ballots  every ballot, sorted by receipt
     * @param chosen   who was elected, drawn or removed
     * @param seed     a draw's seed: the commit that closed its volunteering
     * @param eligible a draw's pool: the volunteers who could be drawn when it closed
     * @param byBranch a poll's counts per branch, for branches where enough members voted
     */
    public record Outcome(Instant closed, String result, List<String> voters, List<Ballot> ballots, Map<String, Integer> counts,
                          List<String> chosen, String seed, List<String> eligible, Map<String, Map<String, Integer>> byBranch) {
        public Outcome {
            voters = List.copyOf(voters);
            ballots = List.copyOf(ballots);
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            chosen = List.copyOf(chosen);
            eligible = List.copyOf(eligible);
            byBranch = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byBranch));
        }
    }

    public Proceeding {
        entrants = List.copyOf(entrants);
    }

    /** The subject of a poll on proposal {@code n}. */
    public static String onProposal(int n) {
        return PROPOSAL + n;
    }

    private static final String PROPOSAL = "proposal:";

    /** The proposal a poll is on, if it is on one rather than a page. */
    public Optional<Integer> proposal() {
        return type == Type.POLL && subject.startsWith(PROPOSAL) ? Optional.of(Integer.parseInt(subject.substring(PROPOSAL.length())))
                : Optional.empty();
    }

    /** Where what a poll is on is shown: the page, or the proposal. */
    public String subjectUrl() {
        return proposal().map(n -> "/proposals/" + n).orElseGet(() -> org.moot.engine.Urls.page(new PageId(subject)));
    }

    public static String path(int number) {
        return FOLDER + number + ".yaml";
    }

    /** The number a file of the record holds, or 0 when the path is not one. */
    public static int number(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith(FOLDER) && name.matches("[1-9][0-9]{0,8}\\.yaml") ? Integer.parseInt(name.substring(0, name.length() - 5)) : 0;
    }

    /**
     * The seats an election or draw fills when it closes: those it opened for, fewer when some were
     * filled meanwhile ({@code holders} now hold the role of the {@code configured} seats; empty
     * when the role is no longer filled by members).
     */
    public int seatsToFill(Optional<Integer> configured, int holders) {
        return configured.map(count -> Math.min(seats, Math.max(0, count - holders))).orElse(seats);
    }

    /** The answers a ballot may give: an election's candidates, or the scale's own. */
    public List<String> choices() {
        return scale == Scale.CANDIDATES ? entrants.stream().map(Entrant::name).toList() : scale.choices;
    }

    public boolean isEntrant(String name) {
        return entrants.stream().anyMatch(e -> e.name().equals(name));
    }

    public Proceeding withEntrants(List<Entrant> next) {
        return new Proceeding(number, type, phase, title, role, seats, subject, scale, reason, openedBy, opened, gatherUntil, voteUntil,
                rules, next, outcome);
    }

    public Proceeding voting(Instant until) {
        return new Proceeding(number, type, Phase.VOTING, title, role, seats, subject, scale, reason, openedBy, opened, gatherUntil, until,
                rules, entrants, outcome);
    }

    public Proceeding closed(Outcome how) {
        return new Proceeding(number, type, Phase.CLOSED, title, role, seats, subject, scale, reason, openedBy, opened, gatherUntil, voteUntil,
                rules, entrants, Optional.of(how));
    }

    /** The file: field names a reader of the record understands without the code. */
    public String toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type.id());
        out.put("phase", phase.id());
        out.put("title", title);
        role.ifPresent(r -> out.put("role", r.id()));
        if (seats > 0) {
            out.put("seats", seats);
        }
        if (proposal().isPresent()) {
            out.put("proposal", proposal().get());
        } else if (type == Type.POLL) {
            out.put("on", subject);
        } else if (!subject.isEmpty()) {
            out.put("holder", subject);
        }
        out.put("scale", scale.id());
        out.put("reason", reason);
        out.put("opened-by", openedBy);
        out.put("opened", opened.toString());
        out.put("rules", rules.toYaml());
        if (type != Type.POLL) {
            out.put("gather-until", gatherUntil.toString());
        }
        if (phase != Phase.GATHERING) {
            out.put("vote-until", voteUntil.toString());
        }
        out.put(entrantsKey(type), entrants.stream().map(e -> e.statement().isEmpty() ? Map.of("name", e.name())
                : Map.of("name", e.name(), "statement", e.statement())).toList());
        outcome.ifPresent(o -> {
            out.put("closed", o.closed().toString());
            out.put("result", o.result());
            out.put("chosen", o.chosen());
            if (!o.seed().isEmpty()) {
                out.put("seed", o.seed());
            }
            if (type == Type.DRAW) {
                out.put("eligible", o.eligible());
            }
            if (type != Type.DRAW) {
                out.put("counts", o.counts());
                out.put("by-branch", o.byBranch());
                out.put("voters", o.voters());
                out.put("ballots", o.ballots().stream().map(b -> {
                    Map<String, Object> ballot = new LinkedHashMap<>();
                    ballot.put("receipt", b.receipt());
                    ballot.put("choices", b.choices());
                    if (!b.reason().isEmpty()) {
                        ballot.put("reason", b.reason());
                    }
                    return ballot;
                }).toList());
            }
        });
        return "# Written by the site, one step per commit: see README.md, \"Members' power\".\n" + PageWriter.yaml(out);
    }

    private static String entrantsKey(Type type) {
        return switch (type) {
            case ELECTION -> "candidates";
            case RECALL -> "signatures";
            case DRAW -> "volunteers";
            case POLL -> "entrants";
        };
    }

    /**
     * The largest record read: a closed vote lists every voter and ballot (60 bytes each, up to 350
     * with a poll's reason), so this holds some 180,000 ballots. Only the site writes these files
     * (a push into the folder is refused), so it is larger than what a push may bring.
     */
    static final int MAX_CHARS = 64 << 20;

    /** Reads a file of the record; empty, with the reason, when it is not one the site could have written. */
    public static Read read(int number, String yaml) {
        try {
            if (!(org.moot.schema.BoundedYaml.load(yaml, MAX_CHARS) instanceof Map<?, ?> f)) {
                return new Read(Optional.empty(), "it is not a set of 'field: value' lines");
            }
            Type type = Type.valueOf(text(f.get("type")).toUpperCase(Locale.ROOT));
            Phase phase = Phase.valueOf(text(f.get("phase")).toUpperCase(Locale.ROOT));
            Scale scale = Scale.valueOf(text(f.get("scale")).toUpperCase(Locale.ROOT).replace('-', '_'));
            List<Entrant> entrants = new ArrayList<>();
            for (Object e : list(f.get(entrantsKey(type)))) {
                Map<?, ?> m = map(e);
                entrants.add(new Entrant(name(m.get("name")), text(m.get("statement"))));
            }
            Optional<Outcome> outcome = Optional.empty();
            if (phase == Phase.CLOSED) {
                List<Ballot> ballots = new ArrayList<>();
                for (Object b : list(f.get("ballots"))) {
                    Map<?, ?> m = map(b);
                    ballots.add(new Ballot(text(m.get("receipt")), list(m.get("choices")).stream().map(Proceeding::text).toList(),
                            text(m.get("reason"))));
                }
                Map<String, Map<String, Integer>> byBranch = new LinkedHashMap<>();
                map(f.get("by-branch")).forEach((k, v) -> byBranch.put(text(k), counts(v)));
                outcome = Optional.of(new Outcome(time(f.get("closed")), text(f.get("result")), names(f.get("voters")), ballots,
                        counts(f.get("counts")), names(f.get("chosen")), text(f.get("seed")), names(f.get("eligible")), byBranch));
            }
            String subject = text(type == Type.POLL ? f.get("on") : f.get("holder"));
            if (type == Type.POLL && f.get("proposal") != null) {
                subject = onProposal(Integer.parseInt(text(f.get("proposal"))));
            } else if (type == Type.POLL) {
                new PageId(subject); // refuses an id no page can have
            } else if (!subject.isEmpty()) {
                name(subject);
            }
            Instant opened = time(f.get("opened"));
            return new Read(Optional.of(new Proceeding(number, type, phase, text(f.get("title")), Role.parse(text(f.get("role"))),
                    f.get("seats") == null ? 0 : Integer.parseInt(text(f.get("seats"))), subject, scale, text(f.get("reason")),
                    text(f.get("opened-by")), opened, f.get("gather-until") == null ? opened : time(f.get("gather-until")),
                    f.get("vote-until") == null ? Instant.EPOCH : time(f.get("vote-until")), Rules.read(map(f.get("rules"))),
                    entrants, outcome)), "");
        } catch (RuntimeException e) { // whatever a hand-made file holds, it is reported, never thrown at a reader
            return new Read(Optional.empty(), String.valueOf(e.getMessage()).lines().findFirst().orElse("it cannot be read"));
        }
    }

    /** A file of the record as read: the proceeding, or why it could not be. */
    public record Read(Optional<Proceeding> proceeding, String problem) {}

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String name(Object value) {
        String name = text(value);
        if (!Accounts.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a user name: " + name);
        }
        return name;
    }

    private static List<String> names(Object value) {
        return list(value).stream().map(Proceeding::name).toList();
    }

    private static List<?> list(Object value) {
        if (value != null && !(value instanceof List)) {
            throw new IllegalArgumentException("a list was expected, not " + value);
        }
        return value == null ? List.of() : (List<?>) value;
    }

    private static Map<?, ?> map(Object value) {
        if (value != null && !(value instanceof Map)) {
            throw new IllegalArgumentException("a set of 'field: value' lines was expected, not " + value);
        }
        return value == null ? Map.of() : (Map<?, ?>) value;
    }

    private static Map<String, Integer> counts(Object value) {
        Map<String, Integer> out = new LinkedHashMap<>();
        map(value).forEach((k, v) -> out.put(text(k), Integer.parseInt(text(v))));
        return out;
    }

    private static Instant time(Object value) {
        return Instant.parse(text(value));
    }
}
