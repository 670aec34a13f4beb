package org.moot.web.governance;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.engine.access.RoleBook;
import org.moot.engine.access.User;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Snapshot;
import org.moot.engine.govern.BallotBox;
import org.moot.engine.govern.Governance;
import org.moot.engine.govern.GovernanceSettings;
import org.moot.engine.govern.Proceeding;
import org.moot.engine.govern.Sortition;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/**
 * {@code /governance}: who holds each role and since which public commit, how members govern
 * here, and every election, recall, straw poll and draw by lot; {@code /governance/<n>} is one of
 * them, where members stand, sign, volunteer and vote. Everything shown is read from the public
 * record on {@code main} (so a mirror shows the same), except a voter's own ballot and the number
 * of ballots cast so far, which come from the private ballot box until the count is published.
 */
public final class GovernanceRoutes {

    /** governance.jte. */
    public record GovernanceModel(Chrome chrome, List<RoleBook.Holding> holdings, int members, List<CommitInfo> changes,
                                  GovernanceSettings settings, List<Proceeding> open, List<Proceeding> closed,
                                  Optional<String> whyNotStartRecall, Optional<String> problem, boolean maySetSettings, String settingsText,
                                  List<org.moot.schema.Violation> settingsProblems, List<org.moot.schema.Violation> settingsInForce,
                                  java.util.Map<String, String> unreadable) {
        /** The roles someone holds, and those members fill even while nobody holds them. */
        public List<Role> roles() {
            return java.util.Arrays.stream(Role.values()).filter(r -> settings.seats(r).isPresent()
                    || holdings.stream().anyMatch(h -> h.role() == r)).toList();
        }

        public long holders(Role role) {
            return holdings.stream().filter(h -> h.role() == role).count();
        }

        /** The holdings members may start a recall of. */
        public List<RoleBook.Holding> recallable() {
            return holdings.stream().filter(h -> Governance.RECALLABLE.contains(h.role())).toList();
        }
    }

    /** proceeding.jte: one election, recall, poll or draw, with what the viewer may do in it. */
    public record ProceedingModel(Chrome chrome, Proceeding p, int ballots, Optional<BallotBox.Cast> mine,
                                  Optional<String> whyNotVote, Optional<String> whyNotStand, int signaturesNeeded,
                                  Optional<String> receipt, Optional<Proceeding.Ballot> found, Optional<String> problem,
                                  String typed, List<String> tickets, String notice) {
        public boolean gathering() {
            return p.phase() == Proceeding.Phase.GATHERING;
        }

        public boolean voting() {
            return p.phase() == Proceeding.Phase.VOTING && p.type() != Proceeding.Type.DRAW;
        }

        public boolean joined() {
            return p.isEntrant(chrome.user().name());
        }

        public boolean chose(String choice) {
            return mine.map(c -> c.choices().contains(choice)).orElse(false);
        }

        public String words(String choice) {
            return Proceeding.Scale.words(choice);
        }

        /** A closed poll's reasons, grouped by the answer they were given with. */
        public java.util.Map<String, List<String>> reasons() {
            java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            p.outcome().ifPresent(o -> o.ballots().stream().filter(b -> !b.reason().isBlank())
                    .forEach(b -> b.choices().forEach(c -> out.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(b.reason()))));
            return out;
        }
    }

    /** poll-new.jte. */
    public record NewPollModel(Chrome chrome, String on, String question, Optional<String> problem) {}

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public GovernanceRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/governance", ctx -> show(ctx, Optional.empty()));
        routes.post("/governance/settings", this::setSettings);
        routes.post("/governance/recall", this::startRecall);
        routes.get("/governance/polls/new", ctx -> newPoll(ctx, Optional.empty()));
        routes.post("/governance/polls", this::startPoll);
        routes.get("/governance/{n}", ctx -> proceeding(ctx, number(ctx), Optional.empty(), ""));
        routes.post("/governance/{n}", this::act);
    }

    private Governance governance() {
        return site.governance();
    }

    private void show(Context ctx, Optional<String> problem) {
        show(ctx, problem, Optional.empty(), List.of());
    }

    /** The page, with a problem to show (and the status that goes with it), or the settings as typed and what is wrong with them. */
    private void show(Context ctx, Optional<String> problem, Optional<String> typedSettings, List<org.moot.schema.Violation> settingsProblems) {
        Snapshot tip = RequestTip.of(ctx, site);
        RoleBook book = site.access().roles();
        RoleBook.Record record = book.record(tip);
        List<Proceeding> all = governance().all(tip);
        User user = Auth.user(ctx);
        if (problem.isPresent() || !settingsProblems.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        templates.render(ctx, "governance.jte", new GovernanceModel(user.isAnonymous() ? frame.chrome(ctx, "Governance")
                : frame.withForm(ctx, "Governance"), record.holdings(), book.at(tip).holders(Role.MEMBER).size(), record.changes(),
                governance().settings(tip), all.stream().filter(p -> p.phase() != Proceeding.Phase.CLOSED).toList(),
                all.stream().filter(p -> p.phase() == Proceeding.Phase.CLOSED).toList(), governance().whyNotStartRecall(user, tip), problem,
                governance().maySetSettings(user), typedSettings.orElseGet(() -> governance().settingsText(tip)), settingsProblems,
                governance().settingsProblems(tip), governance().unreadable(tip)));
    }

    private void proceeding(Context ctx, int n, Optional<String> problem, String typed) {
        Snapshot tip = RequestTip.of(ctx, site);
        Proceeding p = governance().get(tip, n).orElseThrow(() -> new NotFoundException(
                Optional.ofNullable(governance().unreadable(tip).get(Proceeding.path(n)))
                        .map(why -> Proceeding.path(n) + " cannot be read (" + why + "); an admin must mend it.")
                        .orElse("There is no election, recall, poll or draw " + n + ".")));
        User user = Auth.user(ctx);
        // A receipt is 16 URL-safe characters; anything else finds nothing and is not shown back.
        Optional<String> receipt = Optional.ofNullable(ctx.queryParam("receipt")).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> r.matches("[A-Za-z0-9_-]{1,64}") ? r : "");
        Optional<Proceeding.Ballot> found = receipt.flatMap(r -> p.outcome().flatMap(o -> o.ballots().stream()
                .filter(b -> b.receipt().equals(r)).findFirst()));
        List<String> tickets = p.outcome().filter(o -> p.type() == Proceeding.Type.DRAW)
                .map(o -> o.eligible().stream().map(name -> Sortition.ticket(o.seed(), name).substring(0, 16) + "  " + name).sorted().toList())
                .orElse(List.of());
        if (problem.isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        templates.render(ctx, "proceeding.jte", new ProceedingModel(user.isAnonymous() ? frame.chrome(ctx, p.title())
                : frame.withForm(ctx, p.title()), p, governance().ballotsCast(p), governance().ballotOf(user, n),
                governance().whyNotVote(user, tip, p), governance().whyNotStand(user, tip, p), governance().signaturesNeeded(tip, p),
                receipt, found, problem, typed, tickets, notice(ctx.queryParam("done"))));
    }

    /** Stand, volunteer, sign or vote; a refusal shows the page again with what was typed. */
    private void act(Context ctx) {
        int n = number(ctx);
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        String typed = Optional.ofNullable(ctx.formParam("statement")).orElse(Optional.ofNullable(ctx.formParam("reason")).orElse(""));
        String done;
        try {
            switch (Params.form(ctx, "action")) {
                case "nominate" -> {
                    governance().nominate(user, n, Params.form(ctx, "statement"));
                    done = "stood";
                }
                case "volunteer" -> {
                    governance().volunteer(user, n);
                    done = "volunteered";
                }
                case "sign" -> {
                    governance().sign(user, n);
                    done = "signed";
                }
                case "vote" -> {
                    governance().vote(user, n, ctx.formParams("choice"), Params.form(ctx, "reason"));
                    done = "voted";
                }
                default -> throw new Accounts.Refused("unknown action: choose nominate, volunteer, sign or vote");
            }
        } catch (Accounts.Refused refused) {
            proceeding(ctx, n, Optional.of(refused.getMessage()), typed);
            return;
        }
        ctx.redirect("/governance/" + n + "?done=" + done, HttpStatus.SEE_OTHER);
    }

    private void startRecall(Context ctx) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        String[] holding = Params.form(ctx, "holding").split(" ", 2);
        Optional<Role> role = holding.length == 2 ? Role.parse(holding[1]) : Optional.empty();
        try {
            Proceeding p = governance().startRecall(user, holding[0],
                    role.orElseThrow(() -> new Accounts.Refused("choose whom to recall, and from which role")), Params.form(ctx, "reason"));
            ctx.redirect("/governance/" + p.number() + "?done=signed", HttpStatus.SEE_OTHER);
        } catch (Accounts.Refused refused) {
            show(ctx, Optional.of(refused.getMessage()));
        }
    }

    /** The council or an admin replaces governance.yaml; a file with problems is shown again, as typed, with each problem's line. */
    private void setSettings(Context ctx) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        String text = Params.form(ctx, "settings");
        try {
            List<org.moot.schema.Violation> problems = governance().setSettings(user, text, Params.form(ctx, "reason"));
            if (problems.isEmpty()) {
                ctx.redirect("/governance#settings", HttpStatus.SEE_OTHER);
            } else {
                show(ctx, Optional.empty(), Optional.of(text), problems);
            }
        } catch (Accounts.Refused refused) {
            show(ctx, Optional.of(refused.getMessage()), Optional.of(text), List.of());
        }
    }

    private void newPoll(Context ctx, Optional<String> problem) {
        if (!site.access().permissions().mayAttachPolls(Auth.signedIn(ctx))) {
            throw new org.moot.engine.access.Access.Forbidden("Editors attach straw polls to pages and proposals.");
        }
        if (problem.isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        templates.render(ctx, "poll-new.jte", new NewPollModel(frame.withForm(ctx, "Attach a straw poll"),
                Optional.ofNullable(ctx.queryParam("on")).orElse(Optional.ofNullable(ctx.formParam("on")).orElse("")),
                Optional.ofNullable(ctx.formParam("question")).orElse(""), problem));
    }

    private void startPoll(Context ctx) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        try {
            Proceeding.Scale scale = "five".equals(ctx.formParam("scale")) ? Proceeding.Scale.FIVE : Proceeding.Scale.SUPPORT;
            String days = Params.form(ctx, "days");
            Proceeding p = governance().startPoll(user, Params.form(ctx, "on"), Params.form(ctx, "question"), scale,
                    days.matches("[0-9]{1,3}") ? Integer.parseInt(days) : 0);
            ctx.redirect("/governance/" + p.number(), HttpStatus.SEE_OTHER);
        } catch (Accounts.Refused | org.moot.schema.InvalidPageIdException refused) {
            newPoll(ctx, Optional.of(refused.getMessage()));
        }
    }

    private static String notice(String done) {
        return switch (done == null ? "" : done) {
            case "stood" -> "You stand in this election; your statement is in the public record.";
            case "volunteered" -> "You are a volunteer for this draw.";
            case "signed" -> "Your signature is on the petition, in the public record.";
            case "voted" -> "Your ballot is in the box. Keep its receipt: once the count is published, it finds your ballot there, and nobody else can tell it is yours.";
            default -> "";
        };
    }

    private static int number(Context ctx) {
        return org.moot.web.Params.number(ctx, "There is no election, recall, poll or draw");
    }
}
