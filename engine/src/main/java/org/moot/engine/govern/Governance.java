package org.moot.engine.govern;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.Role;
import org.moot.engine.access.RoleBook;
import org.moot.engine.access.Roles;
import org.moot.engine.access.User;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.govern.Proceeding.Entrant;
import org.moot.engine.govern.Proceeding.Phase;
import org.moot.engine.govern.Proceeding.Scale;
import org.moot.engine.govern.Proceeding.Type;
import org.moot.schema.PageId;

/**
 * Members' power: elections, recalls, straw polls and draws by lot, kept as the public record in
 * {@code .moot/governance/} and applied to {@code .moot/roles.yaml} by the site itself. Every step
 * is one commit through {@link MainWriter}, computed from the record at the tip it lands on, so a
 * step is never taken twice. Ballots are the exception: they stay in the {@link BallotBox} until
 * the vote closes. {@link #advance} takes the steps that time brings; the server's scheduler calls
 * it on the primary only, and it is safe to call at any moment, any number of times.
 */
public final class Governance {

    /** Bounds on what members write into the record. */
    public static final int MAX_STATEMENT = 2000;
    public static final int MAX_REASON = 280;
    public static final int MAX_QUESTION = 200;
    /** Roles members can recall someone from (admins run the site itself, and are not elected). */
    public static final Set<Role> RECALLABLE = EnumSet.of(Role.EDITOR, Role.FACT_CHECKER, Role.MODERATOR, Role.COUNCIL);

    private final Repo repo;
    private final MainWriter main;
    private final RoleBook roles;
    private final Accounts accounts;
    private final BallotBox box;
    private final Clock clock;
    private final Permissions permissions;
    private final com.github.benmanes.caffeine.cache.Cache<org.eclipse.jgit.lib.ObjectId, List<Proceeding>> listed =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(4).build();
    /** Each file of the record read once per version of it: a closed vote's file lists every ballot. */
    private final com.github.benmanes.caffeine.cache.Cache<org.eclipse.jgit.lib.ObjectId, Proceeding.Read> read =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(64L << 20)
                    .weigher((org.eclipse.jgit.lib.ObjectId blob, Proceeding.Read r) -> 256 + r.proceeding()
                            .map(p -> p.entrants().size() * 64 + p.outcome().map(o -> o.ballots().size() * 96).orElse(0)).orElse(0))
                    .build();

    private final java.util.function.IntPredicate proposalExists;

    public Governance(Repo repo, MainWriter main, RoleBook roles, Accounts accounts, BallotBox box, Clock clock, Permissions permissions,
                      java.util.function.IntPredicate proposalExists) {
        this.permissions = permissions;
        this.proposalExists = proposalExists;
        this.repo = repo;
        this.main = main;
        this.roles = roles;
        this.accounts = accounts;
        this.box = box;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public BallotBox box() {
        return box;
    }

    // ---- Reading the record ----

    public GovernanceSettings settings(Snapshot at) {
        return repo.blobAt(at, GovernanceSettings.PATH)
                .map(blob -> GovernanceSettings.read(new String(repo.read(blob), StandardCharsets.UTF_8)).settings())
                .orElse(GovernanceSettings.DEFAULT);
    }

    /** The settings file's text as it stands (empty when the site has none). */
    public String settingsText(Snapshot at) {
        return repo.blobAt(at, GovernanceSettings.PATH).map(blob -> new String(repo.read(blob), StandardCharsets.UTF_8)).orElse("");
    }

    public boolean maySetSettings(User user) {
        return permissions.edit(user, new Permissions.FileChange(GovernanceSettings.PATH, Optional.empty(), Optional.empty())).publishes();
    }

    /**
     * Replaces {@code .moot/governance.yaml} in a commit by {@code user} (the council or an admin)
     * with {@code reason} as its message. Returns the file's problems, each with its line, and
     * commits nothing when there are any.
     */
    public List<org.moot.schema.Violation> setSettings(User user, String yaml, String reason) {
        if (!maySetSettings(user)) {
            throw new Access.Forbidden("only the council and admins change how members govern");
        }
        if (reason == null || reason.isBlank()) {
            throw new Accounts.Refused("give a reason: it becomes the message of the public commit");
        }
        String text = yaml == null ? "" : yaml.replace("\r\n", "\n");
        if (text.length() > 20_000) {
            throw new Accounts.Refused("the settings are longer than 20,000 characters");
        }
        List<org.moot.schema.Violation> problems = GovernanceSettings.read(text).problems();
        if (problems.isEmpty()) {
            main.commit(new Origin(ChangeSource.SETTINGS, user.name()), tip -> Optional.of(new MainWriter.Change(
                    Map.of(GovernanceSettings.PATH, text.getBytes(StandardCharsets.UTF_8)), user.ident(), Text.line(reason, MAX_REASON, "reason"))));
        }
        return problems;
    }

    /** Every proceeding in the record, newest first (listed once per commit: a signed-in page view asks for its polls). */
    public List<Proceeding> all(Snapshot at) {
        return listed.get(at.commit(), commit -> {
            List<Proceeding> out = new ArrayList<>();
            files(at).forEach((n, r) -> r.proceeding().ifPresent(out::add));
            out.sort(Comparator.comparingInt((Proceeding p) -> p.number()).reversed());
            return List.copyOf(out);
        });
    }

    /** The files of the record that cannot be read, each with why: shown to all, and no new election opens until they are mended. */
    public Map<String, String> unreadable(Snapshot at) {
        Map<String, String> out = new java.util.TreeMap<>();
        files(at).forEach((n, r) -> {
            if (r.proceeding().isEmpty()) {
                out.put(Proceeding.path(n), r.problem());
            }
        });
        return out;
    }

    private Map<Integer, Proceeding.Read> files(Snapshot at) {
        Map<Integer, Proceeding.Read> out = new java.util.TreeMap<>();
        repo.filesIn(at, Proceeding.FOLDER).forEach(f -> {
            int n = Proceeding.number(f.path());
            if (n > 0) {
                out.put(n, read(n, f.blob()));
            }
        });
        return out;
    }

    private Proceeding.Read read(int n, org.eclipse.jgit.lib.ObjectId blob) {
        return read.get(blob, b -> Proceeding.read(n, new String(repo.read(b), StandardCharsets.UTF_8)));
    }

    public Optional<Proceeding> get(Snapshot at, int number) {
        return repo.blobAt(at, Proceeding.path(number)).flatMap(blob -> read(number, blob).proceeding());
    }

    /** What is wrong with governance.yaml on main; empty when it reads cleanly (what it gets wrong falls back to defaults). */
    public List<org.moot.schema.Violation> settingsProblems(Snapshot at) {
        return GovernanceSettings.read(settingsText(at)).problems();
    }

    /** The polls on a page (its id) or a proposal ({@link Proceeding#onProposal}), newest first. */
    public List<Proceeding> pollsOn(Snapshot at, String subject) {
        return all(at).stream().filter(p -> p.type() == Type.POLL && p.subject().equals(subject)).toList();
    }

    /** Why {@code user} may not vote or sign in {@code p} now (by the rules it opened with); empty when they may. */
    public Optional<String> whyNotVote(User user, Snapshot at, Proceeding p) {
        return whyNot(user, at, p.rules().voteAfterDays(), "vote");
    }

    /** Why {@code user} may not start a recall now, by the settings in force. */
    public Optional<String> whyNotStartRecall(User user, Snapshot at) {
        return whyNot(user, at, settings(at).voteDays(), "start a recall");
    }

    /** Why {@code user} may not stand in, or volunteer for, {@code p} now; empty when they may. */
    public Optional<String> whyNotStand(User user, Snapshot at, Proceeding p) {
        if (p.role().filter(r -> roles.at(at).of(user.name()).contains(r)).isPresent()) {
            return Optional.of("you hold this role already: its seats are for others");
        }
        return whyNot(user, at, p.rules().standAfterDays(), "stand or volunteer");
    }

    private Optional<String> whyNot(User user, Snapshot at, int days, String what) {
        if (user.isAnonymous()) {
            return Optional.of("sign in to " + what);
        }
        if (!permissions.mayVote(user)) {
            return Optional.of("only members may " + what);
        }
        Instant since = roles.memberSince(at).get(user.name());
        if (since == null) {
            return Optional.of("only members may " + what);
        }
        if (since.plus(Duration.ofDays(days)).isAfter(now())) {
            return Optional.of("members may " + what + " once they have been members for " + days + " days");
        }
        return Optional.empty();
    }

    /** Members who may vote in {@code p} now (a quorum and a petition's threshold are shares of them). */
    private int voters(Snapshot at, Proceeding.Rules rules) {
        Instant cutoff = now().minus(Duration.ofDays(rules.voteAfterDays()));
        return (int) roles.memberSince(at).values().stream().filter(since -> !since.isAfter(cutoff)).count();
    }

    /** Signatures that open a recall vote: its share of the members who may vote, at least one. */
    public int signaturesNeeded(Snapshot at, Proceeding recall) {
        return Math.max(1, (int) Math.ceil(voters(at, recall.rules()) * recall.rules().recallShare() / 100.0));
    }

    // ---- What members do ----

    /** Stands in an election during its nomination period, with a statement. */
    public Proceeding nominate(User user, int number, String statement) {
        String text = Text.paragraphs(statement, MAX_STATEMENT, "statement");
        if (text.isEmpty()) {
            throw new Accounts.Refused("say in a statement why members should elect you");
        }
        return join(user, number, Type.ELECTION, text, (tip, p) -> whyNotStand(user, tip, p), "stands in election " + number);
    }

    /** Volunteers for a draw by lot while volunteering is open. */
    public Proceeding volunteer(User user, int number) {
        return join(user, number, Type.DRAW, "", (tip, p) -> whyNotStand(user, tip, p), "volunteers for draw " + number);
    }

    /** Signs a recall petition; the signature that reaches the threshold opens the recall vote. */
    public Proceeding sign(User user, int number) {
        return join(user, number, Type.RECALL, "", (tip, p) -> whyNotVote(user, tip, p), "signs recall petition " + number);
    }

    private Proceeding join(User user, int number, Type type, String statement,
                            java.util.function.BiFunction<Snapshot, Proceeding, Optional<String>> refusal, String message) {
        return step(new Origin(ChangeSource.GOVERNANCE, user.name()), user.ident(), tip -> {
            Proceeding p = require(tip, number, type);
            if (p.phase() != Phase.GATHERING || !now().isBefore(p.gatherUntil())) {
                throw new Accounts.Refused("this " + type.words() + " is no longer taking " + gathered(type));
            }
            refusal.apply(tip, p).ifPresent(why -> {
                throw new Accounts.Refused(why);
            });
            if (p.isEntrant(user.name())) {
                return Optional.empty();
            }
            List<Entrant> entrants = new ArrayList<>(p.entrants());
            entrants.add(new Entrant(user.name(), statement));
            Proceeding next = p.withEntrants(entrants);
            if (type == Type.RECALL && entrants.size() >= signaturesNeeded(tip, p)) {
                next = next.voting(now().plus(Duration.ofDays(p.rules().votingDays())));
                return step(next, Optional.empty(), user.name() + " " + message + ": the petition has " + entrants.size()
                        + (entrants.size() == 1 ? " signature" : " signatures") + ", and the recall vote opens");
            }
            return step(next, Optional.empty(), user.name() + " " + message);
        }).orElseGet(() -> require(repo.main().orElseThrow(), number, type));
    }

    /** Starts a petition to recall {@code holder} from {@code role}; its starter is its first signature. */
    public Proceeding startRecall(User user, String holder, Role role, String reason) {
        String why = Text.paragraphs(reason, MAX_STATEMENT, "reason");
        if (why.isEmpty()) {
            throw new Accounts.Refused("give the reason for the recall: members read it before they sign");
        }
        Proceeding opened = step(new Origin(ChangeSource.GOVERNANCE, user.name()), user.ident(), tip -> {
            whyNotStartRecall(user, tip).ifPresent(no -> {
                throw new Accounts.Refused(no);
            });
            if (!RECALLABLE.contains(role) || !roles.at(tip).of(holder).contains(role)) {
                throw new Accounts.Refused(holder + " does not hold a role members can recall them from as " + role.id());
            }
            if (open(tip).stream().anyMatch(p -> p.type() == Type.RECALL && p.subject().equals(holder) && p.role().equals(Optional.of(role)))) {
                throw new Accounts.Refused("a recall of " + holder + " as " + role.id() + " is already open: sign it instead");
            }
            Instant now = now();
            Proceeding p = new Proceeding(nextNumber(tip), Type.RECALL, Phase.GATHERING, "Recall of " + holder + " as " + role.id(),
                    Optional.of(role), 0, holder, Scale.YES_NO, why, user.name(), now, now.plus(settings(tip).recallWindow()),
                    Instant.EPOCH, Proceeding.Rules.of(settings(tip)), List.of(), Optional.empty());
            return step(p, Optional.empty(), user.name() + " starts a petition to recall " + holder + " as " + role.id());
        }).orElseThrow();
        return sign(user, opened.number());
    }

    /**
     * Attaches a straw poll to a page, or to a proposal ({@code on} is a page id, or
     * {@code proposal:N}); editors do, and a poll only advises.
     */
    public Proceeding startPoll(User user, String on, String question, Scale scale, int days) {
        if (!permissions.mayAttachPolls(user)) {
            throw new Access.Forbidden("editors attach polls to pages");
        }
        if (scale != Scale.SUPPORT && scale != Scale.FIVE) {
            throw new Accounts.Refused("a poll asks for support, oppose or abstain, or for a place on a five-point scale");
        }
        if (days < 1 || days > 90) {
            throw new Accounts.Refused("a poll stays open from 1 to 90 days");
        }
        String q = Text.line(question, MAX_QUESTION, "question");
        if (q.isEmpty()) {
            throw new Accounts.Refused("ask the poll's question");
        }
        return step(new Origin(ChangeSource.GOVERNANCE, user.name()), user.ident(), tip -> {
            String subject = subject(tip, on);
            Instant now = now();
            Proceeding p = new Proceeding(nextNumber(tip), Type.POLL, Phase.VOTING, q, Optional.empty(), 0, subject, scale,
                    "", user.name(), now, now, now.plus(Duration.ofDays(days)), Proceeding.Rules.of(settings(tip)), List.of(), Optional.empty());
            return step(p, Optional.empty(), user.name() + " opens a straw poll on " + (subject.isEmpty() ? "the home page" : subject) + ": " + q);
        }).orElseThrow();
    }

    /** What a poll can be on: an existing page (by id) or proposal ({@code proposal:N}). */
    private String subject(Snapshot tip, String on) {
        String text = on == null ? "" : on.strip();
        if (text.matches("proposal:[1-9][0-9]{0,8}")) {
            int n = Integer.parseInt(text.substring("proposal:".length()));
            if (!proposalExists.test(n)) {
                throw new Accounts.Refused("there is no proposal " + n + " to attach a poll to");
            }
            return Proceeding.onProposal(n);
        }
        PageId page = PageId.of(text);
        if (java.util.Arrays.stream(page.candidatePaths()).allMatch(path -> repo.blobAt(tip, path).isEmpty())) {
            throw new Accounts.Refused("there is no page " + page.value() + " to attach a poll to");
        }
        return page.value();
    }

    /**
     * Casts or changes {@code user}'s ballot; returns it with its receipt. Secret: the ballot goes to
     * the private box, never into Git, until the count publishes it apart from the voters' names.
     */
    public BallotBox.Cast vote(User user, int number, List<String> choices, String reason) {
        Snapshot tip = repo.main().orElseThrow();
        Proceeding p = get(tip, number).orElseThrow(() -> new org.moot.engine.git.NotFoundException("there is no vote " + number));
        if (p.phase() != Phase.VOTING) {
            throw new Accounts.Refused(p.phase() == Phase.CLOSED ? "this vote has closed" : "voting has not opened yet");
        }
        whyNotVote(user, tip, p).ifPresent(no -> {
            throw new Accounts.Refused(no);
        });
        List<String> picked = choices.stream().distinct().toList();
        if (!p.choices().containsAll(picked) || (p.scale() != Scale.CANDIDATES && picked.size() != 1)) {
            throw new Accounts.Refused(p.scale() == Scale.CANDIDATES ? "approve only candidates who stand in this election"
                    : "choose one of: " + String.join(", ", p.choices()));
        }
        String why = p.type() == Type.POLL ? Text.line(reason, MAX_REASON, "reason") : "";
        String branch = p.type() == Type.POLL ? Text.label(branchOf(user.name()), 80) : "";
        return box.cast(number, user.name(), picked, why, branch, now -> now.isBefore(p.voteUntil()), now());
    }

    public Optional<BallotBox.Cast> ballotOf(User user, int number) {
        return user.isAnonymous() ? Optional.empty() : box.ballotOf(number, user.name());
    }

    /**
     * How many ballots a vote has: counted from the box while it is open (its counts, and a poll's
     * reasons, are published only when it closes: a running count would tell whoever watches it how
     * each newcomer voted), from the record once closed.
     */
    public int ballotsCast(Proceeding p) {
        return p.outcome().map(o -> o.ballots().size()).orElseGet(() -> box.count(p.number()));
    }

    private String branchOf(String member) {
        return accounts.find(member).map(a -> a.profile().branch()).orElse("");
    }

    // ---- What time brings ----

    /**
     * Takes every step that is due at {@link #now}: closes what has run its time (counting the
     * ballots and changing the roles), ends terms, and opens an election or draw for empty seats.
     * Returns a line per step taken. Idempotent: each step is computed from the tip it commits on.
     */
    public List<String> advance() {
        List<String> done = new ArrayList<>();
        Snapshot tip = repo.main().orElseThrow();
        for (Proceeding p : open(tip)) {
            Instant now = now();
            if (p.phase() == Phase.GATHERING && !now.isBefore(p.gatherUntil())) {
                done.add(endGathering(p.number()));
            }
            Optional<Proceeding> current = get(repo.main().orElseThrow(), p.number());
            if (current.filter(c -> c.phase() == Phase.VOTING && (c.type() == Type.DRAW || !now.isBefore(c.voteUntil()))).isPresent()) {
                done.add(close(p.number()));
            }
        }
        box.boxes().forEach(n -> {
            if (get(repo.main().orElseThrow(), n).filter(p -> p.phase() == Phase.CLOSED).isPresent()) {
                box.discard(n); // counted and public: the link between voters and choices goes
            }
        });
        done.addAll(endTerms());
        done.addAll(fillSeats());
        return done.stream().filter(s -> !s.isEmpty()).toList();
    }

    private String endGathering(int number) {
        return step(Origin.site(ChangeSource.GOVERNANCE), Access.site(), tip -> {
            Proceeding p = require(tip, number, null);
            if (p.phase() != Phase.GATHERING) {
                return Optional.empty();
            }
            Instant now = now();
            return switch (p.type()) {
                case ELECTION -> p.entrants().isEmpty()
                        ? step(p.closed(outcome(now, "nobody stood: the seats stay empty, and a new election opens")), Optional.empty(),
                                p.title() + ": nobody stood")
                        : step(p.voting(now.plus(Duration.ofDays(p.rules().votingDays()))), Optional.empty(),
                                p.title() + ": nominations closed, voting opens");
                case RECALL -> step(p.closed(outcome(now, "the petition closed with " + p.entrants().size() + " of "
                        + signaturesNeeded(tip, p) + " signatures needed: no vote")), Optional.empty(), p.title() + ": the petition closed short");
                // The commit that closes volunteering is the draw's seed: nobody could know it while volunteers came forward.
                case DRAW -> step(p.voting(now), Optional.empty(), p.title() + ": volunteering closed; this commit is the draw's seed");
                case POLL -> Optional.empty();
            };
        }).map(s -> "closed the gathering of " + number).orElse("");
    }

    private String close(int number) {
        Map<String, BallotBox.Cast> sealed = box.seal(number);
        return step(Origin.site(ChangeSource.GOVERNANCE), Access.site(), tip -> {
            Proceeding p = require(tip, number, null);
            if (p.phase() != Phase.VOTING) {
                return Optional.empty();
            }
            Instant now = now();
            Roles current = roles.at(tip);
            return switch (p.type()) {
                case ELECTION -> {
                    Role role = p.role().orElseThrow();
                    int seats = p.seatsToFill(settings(tip).seats(role).map(GovernanceSettings.Seats::count), current.holders(role).size());
                    Proceeding.Outcome out = Tally.election(p, counted(sealed, current), voters(tip, p.rules()), seats,
                            name -> !current.of(name).isEmpty() && !current.of(name).contains(role), now);
                    Roles next = current;
                    for (String name : out.chosen()) {
                        next = withRole(next, name, role);
                    }
                    yield step(p.closed(out), Optional.of(next), p.title() + ": " + out.result());
                }
                case RECALL -> {
                    Proceeding.Outcome out = Tally.recall(p, counted(sealed, current), voters(tip, p.rules()), now);
                    yield step(p.closed(out), out.chosen().isEmpty() ? Optional.empty()
                            : Optional.of(withoutRole(current, p.subject(), p.role().orElseThrow())), p.title() + ": " + out.result());
                }
                case POLL -> {
                    Proceeding.Outcome out = Tally.poll(p, counted(sealed, current), now);
                    yield step(p.closed(out), Optional.empty(), p.title() + ": the poll closed, " + out.result());
                }
                case DRAW -> {
                    Snapshot seal = seal(tip, number);
                    Role role = p.role().orElseThrow();
                    List<String> eligible = Sortition.eligible(require(seal, number, Type.DRAW), roles.memberSince(seal), seal.time(), current);
                    List<String> drawn = Sortition.draw(seal.revision(), eligible,
                            p.seatsToFill(settings(tip).seats(role).map(GovernanceSettings.Seats::count), current.holders(role).size()));
                    Roles next = current;
                    for (String name : drawn) {
                        next = withRole(next, name, p.role().orElseThrow());
                    }
                    String result = drawn.isEmpty() ? "nobody could be drawn" : String.join(", ", drawn) + " drawn for the "
                            + p.role().orElseThrow().id() + " from " + eligible.size() + " eligible volunteers";
                    yield step(p.closed(new Proceeding.Outcome(now, result, List.of(), List.of(), Map.of(), drawn, seal.revision(), eligible,
                            Map.of())), Optional.of(next), p.title() + ": " + result);
                }
            };
        }).map(x -> "closed " + number).orElse("");
    }

    /** The ballots that count: those of people still members when the vote closes (a member removed meanwhile no longer has a say). */
    private static Map<String, BallotBox.Cast> counted(Map<String, BallotBox.Cast> sealed, Roles current) {
        Map<String, BallotBox.Cast> out = new java.util.TreeMap<>(sealed);
        out.keySet().removeIf(voter -> current.of(voter).isEmpty());
        return out;
    }

    /** The commit that closed a draw's volunteering: the oldest, on main's first-parent line, since which it stands in the drawing phase. */
    private Snapshot seal(Snapshot tip, int number) {
        Snapshot at = tip;
        while (true) {
            Optional<org.eclipse.jgit.lib.ObjectId> parent = repo.parent(at.commit());
            if (parent.isEmpty() || get(repo.snapshot(parent.get()), number).filter(p -> p.phase() == Phase.VOTING).isEmpty()) {
                return at;
            }
            at = repo.snapshot(parent.get());
        }
    }

    private List<String> endTerms() {
        List<String> done = new ArrayList<>();
        Snapshot tip = repo.main().orElseThrow();
        GovernanceSettings s = settings(tip);
        for (RoleBook.Holding h : roles.record(tip).holdings()) {
            Optional<GovernanceSettings.Seats> seats = s.seats(h.role());
            if (seats.isEmpty() || h.since().isEmpty() || h.since().get().time().plus(seats.get().term()).isAfter(now())) {
                continue;
            }
            String began = h.since().get().revision();
            roles.set(Access.site(), h.user(), without(roles.current().of(h.user()), h.role()),
                    "Term of " + h.user() + " as " + h.role().id() + " ended (" + seats.get().term().toDays()
                            + " days from " + began.substring(0, 10) + ")");
            done.add("ended the term of " + h.user() + " as " + h.role().id());
        }
        return done;
    }

    private List<String> fillSeats() {
        List<String> done = new ArrayList<>();
        if (!unreadable(repo.main().orElseThrow()).isEmpty()) {
            // An election in a file nobody can read would be opened again beside it: mend the record first.
            return List.of("not opening elections or draws: part of the record cannot be read, see /governance");
        }
        for (GovernanceSettings.Seats seats : settings(repo.main().orElseThrow()).seats().values()) {
            step(Origin.site(ChangeSource.GOVERNANCE), Access.site(), tip -> {
                int empty = seats.count() - roles.at(tip).holders(seats.role()).size();
                boolean underway = open(tip).stream().anyMatch(p -> p.role().equals(Optional.of(seats.role()))
                        && (p.type() == Type.ELECTION || p.type() == Type.DRAW));
                if (empty <= 0 || underway) {
                    return Optional.empty();
                }
                Instant now = now();
                boolean draw = seats.method() == GovernanceSettings.Method.SORTITION;
                String title = (draw ? "Draw by lot for " : "Election for ") + empty + " " + seats.role().id()
                        + (empty == 1 ? " seat" : " seats");
                Proceeding p = new Proceeding(nextNumber(tip), draw ? Type.DRAW : Type.ELECTION, Phase.GATHERING, title,
                        Optional.of(seats.role()), empty, "", Scale.CANDIDATES,
                        "Opened because " + empty + " of " + seats.count() + " seats were empty", "site", now, now.plus(settings(tip).nominate()),
                        Instant.EPOCH, Proceeding.Rules.of(settings(tip)), List.of(), Optional.empty());
                return step(p, Optional.empty(), title + " opens: " + p.reason().toLowerCase(java.util.Locale.ROOT));
            }).ifPresent(p -> done.add("opened " + p.title()));
        }
        return done;
    }

    // ---- One step, one commit ----

    /** A step: the proceeding as it becomes, and the roles when they change with it. */
    private record Step(Proceeding record, Optional<Roles> roles, String message) {}

    private static Optional<Step> step(Proceeding record, Optional<Roles> roles, String message) {
        return Optional.of(new Step(record, roles, message));
    }

    private Optional<Proceeding> step(Origin origin, PersonIdent author, Function<Snapshot, Optional<Step>> compute) {
        var written = new java.util.concurrent.atomic.AtomicReference<Proceeding>();
        main.commit(origin, tip -> compute.apply(tip.orElseThrow()).map(step -> {
            written.set(step.record()); // the last attempt's: a retried commit recomputes its step
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(Proceeding.path(step.record().number()), step.record().toYaml().getBytes(StandardCharsets.UTF_8));
            step.roles().ifPresent(r -> files.put(Roles.PATH, r.toYaml().getBytes(StandardCharsets.UTF_8)));
            return new MainWriter.Change(files, author, step.message());
        }));
        return Optional.ofNullable(written.get());
    }

    private List<Proceeding> open(Snapshot at) {
        return all(at).stream().filter(p -> p.phase() != Phase.CLOSED).toList();
    }

    private Proceeding require(Snapshot at, int number, Type type) {
        return get(at, number).filter(p -> type == null || p.type() == type)
                .orElseThrow(() -> new org.moot.engine.git.NotFoundException("there is no " + (type == null ? "proceeding" : type.words())
                        + " " + number + " in the record"));
    }

    private int nextNumber(Snapshot at) {
        int last = repo.filesIn(at, Proceeding.FOLDER).stream().mapToInt(f -> Proceeding.number(f.path())).max().orElse(0);
        if (last >= 999_999_999) {
            throw new Accounts.Refused("the record's numbers are used up: " + Proceeding.path(last) + " was made by hand; an admin must mend it");
        }
        return last + 1;
    }

    private static Proceeding.Outcome outcome(Instant now, String result) {
        return new Proceeding.Outcome(now, result, List.of(), List.of(), Map.of(), List.of(), "", List.of(), Map.of());
    }

    private static Roles withRole(Roles roles, String user, Role role) {
        Set<Role> next = EnumSet.of(role);
        next.addAll(roles.of(user));
        return roles.with(user, next);
    }

    private static Roles withoutRole(Roles roles, String user, Role role) {
        return roles.with(user, without(roles.of(user), role));
    }

    private static Set<Role> without(Set<Role> held, Role role) {
        Set<Role> next = EnumSet.noneOf(Role.class);
        next.addAll(held);
        next.remove(role);
        return next;
    }

    private static String gathered(Type type) {
        return switch (type) {
            case ELECTION -> "nominations";
            case RECALL -> "signatures";
            default -> "volunteers";
        };
    }
}
