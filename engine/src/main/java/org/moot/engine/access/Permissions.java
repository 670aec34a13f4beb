package org.moot.engine.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.moot.schema.Details;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/**
 * The single answer to "may this user do this?", asked by the web editor, the JSON API and
 * {@code git push} alike. Stateless: the same user and change always get the same answer.
 */
public final class Permissions {

    public enum Verdict { PUBLISH, PROPOSE, DENY }

    /** An answer, with the reason in words for the user when it is not {@code PUBLISH}. */
    public record Decision(Verdict verdict, String reason) {
        public static Decision publish() {
            return new Decision(Verdict.PUBLISH, "");
        }

        public boolean publishes() {
            return verdict == Verdict.PUBLISH;
        }

        /** The stricter of two answers: one proposal makes a whole change a proposal. */
        public Decision and(Decision other) {
            return other.verdict().ordinal() > verdict.ordinal() ? other : this;
        }
    }

    /** A change to one file: what it was and what it becomes (a page, if the path is one). */
    public record FileChange(String path, Optional<Page> before, Optional<Page> after) {}

    /** May {@code user} publish this change to a file, only propose it, or neither? */
    public Decision edit(User user, FileChange change) {
        if (user.isAnonymous()) {
            return new Decision(Verdict.DENY, "sign in to propose a change");
        }
        if (change.path().toLowerCase(java.util.Locale.ROOT).startsWith(".moot/moderation/")) {
            // The open log is the site's record of what moderators did: nobody writes it by hand, not even an admin.
            return new Decision(Verdict.DENY, "the moderation log is written by the site, one act at a time");
        }
        if (change.path().startsWith(org.moot.engine.govern.Proceeding.FOLDER)) {
            return new Decision(Verdict.DENY, "the record of elections, recalls, polls and draws is written by the site, one step at a time");
        }
        if (change.path().equals(org.moot.engine.govern.GovernanceSettings.PATH)) {
            return user.has(Role.ADMIN) || user.has(Role.COUNCIL) ? Decision.publish()
                    : new Decision(Verdict.DENY, "only the council and admins change how members govern, in .moot/governance.yaml");
        }
        if (change.path().startsWith(".moot/")) {
            return user.has(Role.ADMIN) ? Decision.publish()
                    : new Decision(Verdict.DENY, "only admins change the site's settings and roles in .moot/");
        }
        if (PageId.isReserved(change.path())) {
            // Comments are written by the site, one file each, attributed; private data never enters Git.
            return new Decision(Verdict.DENY, change.path().toLowerCase(java.util.Locale.ROOT).startsWith("talk/")
                    ? change.path() + " is kept by the site itself: discussions are changed there, one comment at a time"
                    : change.path() + " is not part of a site: names starting with a dot, and private, are kept out of its content");
        }
        if (!user.isMember()) {
            return new Decision(Verdict.DENY, "only verified members may propose changes; your registration awaits approval");
        }
        if (disputesChanged(change)) {
            return new Decision(Verdict.DENY, "a fact's 'disputes' line is kept by the site: resolve the dispute in the fact's discussion instead");
        }
        if (is(change, Kind.FACT)) {
            return user.has(Role.FACT_CHECKER) ? Decision.publish()
                    : propose("only fact-checkers publish changes to fact pages");
        }
        if (is(change, Kind.PAPER)) {
            if (!user.has(Role.EDITOR) && change.before().filter(p -> p.kind() == Kind.PAPER).isEmpty()) {
                return propose("a new paper is submitted to the editors, who accept it, ask for changes or decline it");
            }
            return user.has(Role.EDITOR) || authorOfBoth(user, change) ? Decision.publish()
                    : propose("papers are published by their authors and by editors");
        }
        return user.has(Role.EDITOR) ? Decision.publish() : propose("editors publish changes to this page");
    }

    /** The strictest answer over several files: one proposal makes the whole change a proposal. */
    public Decision edit(User user, List<FileChange> changes) {
        // A change of no files is still made by someone: who may make none may make no empty one either.
        Decision result = user.isMember() ? Decision.publish()
                : new Decision(Verdict.DENY, user.isAnonymous() ? "sign in to propose a change"
                        : "only verified members may propose changes; your registration awaits approval");
        for (FileChange change : changes) {
            result = result.and(edit(user, change));
        }
        return result;
    }

    public boolean mayComment(User user) {
        return user.isMember();
    }

    public boolean mayDisputeFacts(User user) {
        return user.isMember();
    }

    public boolean mayResolveDisputes(User user) {
        return user.has(Role.FACT_CHECKER);
    }

    public boolean mayHideComments(User user) {
        return user.has(Role.MODERATOR);
    }

    /** Vote, sign petitions, stand and volunteer: members, once governance.yaml's waiting days are over. */
    public boolean mayVote(User user) {
        return user.isMember();
    }

    /** Attach straw polls to pages. */
    public boolean mayAttachPolls(User user) {
        return user.has(Role.EDITOR);
    }

    /** Assign roles, approve registrations, load the members list. */
    public boolean mayAdminister(User user) {
        return user.has(Role.ADMIN);
    }

    /** Whether a change sets, clears or alters the open disputes a fact's file records. */
    private static boolean disputesChanged(FileChange change) {
        Object before = change.before().map(p -> p.frontMatter().get("disputes")).orElse(null);
        Object after = change.after().map(p -> p.frontMatter().get("disputes")).orElse(null);
        return is(change, Kind.FACT) && !java.util.Objects.equals(before, after);
    }

    private static Decision propose(String why) {
        return new Decision(Verdict.PROPOSE, why);
    }

    private static boolean is(FileChange change, Kind kind) {
        return change.before().map(Page::kind).orElse(null) == kind || change.after().map(Page::kind).orElse(null) == kind;
    }

    /** An author may publish their paper; nobody becomes an author of someone else's paper by adding their name. */
    private static boolean authorOfBoth(User user, FileChange change) {
        return change.before().map(p -> isAuthor(user, p)).orElse(true)
                && change.after().map(p -> isAuthor(user, p)).orElse(true);
    }

    /**
     * By account name only: a display name is chosen freely, so matching it would let anyone
     * publish to the paper of whoever they name themselves after.
     */
    private static boolean isAuthor(User user, Page paper) {
        if (!(paper.details() instanceof Details.Paper details)) {
            return false;
        }
        return details.authors().stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).anyMatch(a -> a.equals(user.name()));
    }

    // ---- The policy as a table, for the README (a test checks that the two agree). ----

    /** One row of the table: an action, and the verdict for a user holding a single role. */
    public record Row(String action, Function<User, String> cell) {}

    public List<Row> rows() {
        Function<Page, Function<User, String>> editing = page -> u ->
                word(edit(u, new FileChange(page.path(), Optional.of(page), Optional.of(page))));
        return List.of(
                new Row("Read every page and its history", u -> "yes"),
                new Row("Edit a topic, response, synthesis, argument or plain page", editing.apply(sample(Kind.TOPIC, "Ann"))),
                new Row("Edit a fact page", editing.apply(sample(Kind.FACT, "Ann"))),
                new Row("Submit a new paper (their own)", u -> word(edit(u, new FileChange("p.md",
                        Optional.empty(), Optional.of(sample(Kind.PAPER, u.name())))))),
                new Row("Edit a paper they are an author of", u -> word(edit(u, new FileChange("p.md",
                        Optional.of(sample(Kind.PAPER, u.name())), Optional.of(sample(Kind.PAPER, u.name())))))),
                new Row("Edit someone else's paper", editing.apply(sample(Kind.PAPER, "Somebody Else"))),
                new Row("Change `.moot/` (site settings, roles)", u -> word(edit(u, new FileChange(Roles.PATH, Optional.empty(), Optional.empty())))),
                new Row("Comment in discussions, dispute a fact", u -> yes(mayComment(u) && mayDisputeFacts(u))),
                new Row("Resolve a dispute about a fact", u -> yes(mayResolveDisputes(u))),
                new Row("Change the open disputes a fact's file records (the site writes them)", u -> word(edit(u,
                        new FileChange("sample.md", Optional.of(disputed(sample(Kind.FACT, "Ann"))), Optional.of(sample(Kind.FACT, "Ann")))))),
                new Row("Hide a discussion comment, with a reason", u -> yes(mayHideComments(u))),
                new Row("Write the moderation log by hand (the site writes it)", u -> word(edit(u,
                        new FileChange(".moot/moderation/1.yaml", Optional.empty(), Optional.empty())))),
                new Row("Change `.moot/governance.yaml` (seats, terms, periods, quorums)", u -> word(edit(u, new FileChange(
                        org.moot.engine.govern.GovernanceSettings.PATH, Optional.empty(), Optional.empty())))),
                new Row("Write the record of elections, recalls, polls and draws by hand (the site writes it)", u -> word(edit(u,
                        new FileChange(org.moot.engine.govern.Proceeding.path(1), Optional.empty(), Optional.empty())))),
                new Row("Vote, sign a recall petition, stand for election (after the days `governance.yaml` sets)", u -> yes(mayVote(u))),
                new Row("Attach a straw poll to a page", u -> yes(mayAttachPolls(u))),
                new Row("Assign roles, approve registrations, load the members list", u -> yes(mayAdminister(u))));
    }

    /** The table in Markdown: one column per role, a user holding just that role. */
    public String markdownTable() {
        StringBuilder out = new StringBuilder("| action |");
        List<User> users = new ArrayList<>();
        for (Role role : Role.values()) {
            out.append(' ').append(role.id()).append(" |");
            users.add(new User(role.id(), role.id() + " user", role == Role.READER ? Set.of(Role.READER) : Set.of(Role.READER, role)));
        }
        out.append("\n|---|").append("---|".repeat(users.size())).append('\n');
        for (Row row : rows()) {
            out.append("| ").append(row.action()).append(" |");
            users.forEach(u -> out.append(' ').append(row.cell().apply(u)).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    private static String word(Decision d) {
        return switch (d.verdict()) {
            case PUBLISH -> "publish";
            case PROPOSE -> "propose";
            case DENY -> "no";
        };
    }

    private static String yes(boolean allowed) {
        return allowed ? "yes" : "no";
    }

    private static Page disputed(Page fact) {
        return new Page(fact.id(), fact.path(), fact.kind(), fact.title(), fact.summary(), fact.parents(), fact.tags(), fact.redirectFrom(),
                fact.details(), new org.moot.schema.FrontMatter(java.util.Map.of("disputes", List.of(1)), java.util.Map.of(), 1), "", 1);
    }

    private static Page sample(Kind kind, String author) {
        Details details = kind == Kind.PAPER
                ? new Details.Paper(List.of(author), Optional.empty(), List.of())
                : new Details.None();
        return new Page(PageId.of("sample"), "sample.md", kind, "Sample", Optional.empty(), List.of(), List.of(),
                List.of(), details, org.moot.schema.FrontMatter.EMPTY, "", 1);
    }
}
