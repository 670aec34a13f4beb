package org.moot.engine.talk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Origin;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Kind;
import org.moot.schema.MarkdownNesting;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.SourceText;

/**
 * The discussion of every page, and its moderation in the open. Each comment is one file in
 * {@code content.git}, committed on {@code main} by its author; each act of moderation is one
 * file of the public log, committed with the change it makes. Nothing is deleted: a hidden
 * comment stays in Git and in its thread, and a comment the word filter held back waits in the
 * private folder until a moderator publishes it or, with a logged reason, does not.
 */
public final class Discussions {

    public static final int MAX_CHARS = 20_000;
    public static final int MAX_QUOTE = 500;
    /** How a comment's commit begins, then the page it is on: {@link #by} reads it back. */
    private static final String COMMENT_SUBJECT = "Comment on ";
    private static final String DISPUTE_SUBJECT = "Dispute ";
    private static final String HOME_TITLE = "the home page";
    private static final int MAX_REASON = 2_000;
    /** The queue is worked out from this many of the newest acts. */
    private static final int QUEUE_SCAN = 5_000;

    /** What became of a comment sent in. */
    public sealed interface Posted {
        record Published(Comment comment) implements Posted {}

        /** Held back by the word filter for a moderator: not public until one publishes it. */
        record Held(int id) implements Posted {}
    }

    /** A comment a moderator should look at, and the acts since the last decision on it. */
    public record Pending(Comment comment, List<Act> acts) {}

    public record Queue(List<HeldComment> held, List<Pending> pending) {}

    private final Repo repo;
    private final MainWriter main;
    private final SiteGraphs graphs;
    private final Permissions permissions;
    private final ModerationLog log;
    private final HeldComments heldComments;

    public Discussions(Repo repo, MainWriter main, SiteGraphs graphs, Permissions permissions, Path heldDir) {
        this.repo = repo;
        this.main = main;
        this.graphs = graphs;
        this.permissions = permissions;
        this.log = new ModerationLog(repo);
        this.heldComments = new HeldComments(heldDir);
    }

    /**
     * Every comment on a page, oldest first; hidden ones included, marked. A moved page's thread
     * includes the comments made under its old ids: they stay where they were written (a comment
     * is changed only by its own acts) and each keeps its page, so an act on one writes it there.
     */
    public List<Comment> comments(Snapshot at, PageId page) {
        List<Comment> out = new ArrayList<>();
        for (PageId id : withOldIds(at, page)) {
            String folder = CommentFile.folder(id);
            for (FileEntry f : repo.filesIn(at, folder)) {
                CommentFile.number(folder, f.path()).ifPresent(n -> out.add(CommentFile.read(id, n, repo.read(f.blob()))));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Comment::number));
        return out;
    }

    /** The page and the ids it was moved from ({@code redirect-from}), whose folders hold its older comments. */
    private List<PageId> withOldIds(Snapshot at, PageId page) {
        List<PageId> ids = new ArrayList<>(List.of(page));
        graphs.page(at, page).ifPresent(p -> p.redirectFrom().stream().filter(old -> !old.isHome()).forEach(ids::add));
        return ids;
    }

    /**
     * A member's comments and disputes, with what became of each (shown, hidden and why, a
     * dispute's state), on the pages their {@code commits} commented on: a member page reads
     * the threads they took part in, not every thread on the site.
     */
    public List<Comment> by(Snapshot at, String author, List<CommitInfo> commits) {
        java.util.Set<PageId> pages = new java.util.LinkedHashSet<>();
        for (CommitInfo commit : commits) {
            for (String prefix : List.of(COMMENT_SUBJECT, DISPUTE_SUBJECT)) {
                String page = commit.summary().startsWith(prefix) ? commit.summary().substring(prefix.length()) : "";
                if (page.equals(HOME_TITLE)) {
                    pages.add(PageId.HOME);
                } else if (!page.isEmpty()) {
                    try {
                        pages.add(PageId.of(page));
                    } catch (org.moot.schema.InvalidPageIdException e) {
                        // a pushed commit's own subject, not one of ours: no thread to read
                    }
                }
            }
        }
        java.util.Set<Comment> found = new java.util.LinkedHashSet<>(); // a moved page's thread is reached by both its ids
        for (PageId page : pages) {
            comments(at, page).stream().filter(c -> c.author().equals(author)).forEach(found::add);
        }
        List<Comment> out = new ArrayList<>(found);
        out.sort(java.util.Comparator.comparing(Comment::time).reversed());
        return out;
    }

    /** A member's comments the filter held back, waiting or decided: kept in private, never published unless released. */
    public List<HeldComment> heldBy(String author) {
        return heldComments.by(author);
    }

    /** Erases a member's held comments (they closed their account); what was published stays in the history. */
    public void forgetHeld(String author) {
        heldComments.forget(author);
    }

    /** Whether comments were ever written under this id: a page moved onto it would mix two threads. */
    public static boolean hasThread(Repo repo, Snapshot at, PageId id) {
        String folder = CommentFile.folder(id);
        return !id.isHome() && repo.filesIn(at, folder).stream().anyMatch(f -> CommentFile.number(folder, f.path()).isPresent());
    }

    /** How many comments a page has, read from the names in its folder alone. */
    public int count(Snapshot at, PageId page) {
        int count = 0;
        for (PageId id : withOldIds(at, page)) {
            String folder = CommentFile.folder(id);
            count += (int) repo.filesIn(at, folder).stream().filter(f -> CommentFile.number(folder, f.path()).isPresent()).count();
        }
        return count;
    }

    public WordFilter filter(Snapshot at) {
        return repo.blobAt(at, WordFilter.PATH).map(b -> WordFilter.read(new String(repo.read(b), StandardCharsets.UTF_8)).filter())
                .orElse(WordFilter.NONE);
    }

    /** The public log, newest first. */
    public List<Act> log(Snapshot at, int limit) {
        return log.latest(at, limit);
    }

    /** One page of the public log: the acts before act {@code before}, newest first. */
    public List<Act> log(Snapshot at, int limit, long before) {
        return log.latest(at, limit, before);
    }

    /**
     * Adds a comment by a member: published at once, or held for a moderator when it holds a
     * word of the site's filter. A reply names the comment it answers; a quote must be a passage
     * of the page, as shown.
     */
    public Posted post(User user, PageId page, String text, Optional<Integer> repliesTo, Optional<String> quote) {
        if (!permissions.mayComment(user)) {
            throw new Access.Forbidden("only members take part in discussions");
        }
        return send(user, page, text, repliesTo, quote, Optional.empty());
    }

    /**
     * A member says a fact's figure is wrong: a comment that opens a dispute, with the reason and,
     * ideally, a better source. Until a fact-checker resolves it, every page showing the figure
     * says it is disputed.
     */
    public Posted dispute(User user, PageId fact, String reason, Optional<String> betterSource) {
        if (!permissions.mayDisputeFacts(user)) {
            throw new Access.Forbidden("only members dispute facts");
        }
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("the site has no content yet"));
        if (graphs.page(tip, fact).map(Page::kind).orElse(null) != Kind.FACT) {
            throw new NotFoundException("there is no fact " + fact.value() + " to dispute");
        }
        Optional<String> source = betterSource.map(String::strip).filter(u -> !u.isEmpty());
        if (source.isPresent() && !source.get().matches("https?://[^\\s<>\"]{1,500}")) {
            throw new Accounts.Refused("the better source must be a web address starting with http:// or https://");
        }
        return send(user, fact, reason, Optional.empty(), Optional.empty(), Optional.of(new Dispute(Dispute.State.OPEN, source, Optional.empty())));
    }

    /** A fact-checker resolves a dispute: upheld, corrected or rejected, with a note saying what they found. */
    public void resolve(User checker, PageId fact, int number, Dispute.State outcome, String note) {
        if (!permissions.mayResolveDisputes(checker)) {
            throw new Access.Forbidden("only fact-checkers resolve disputes");
        }
        if (outcome == Dispute.State.OPEN) {
            throw new Accounts.Refused("choose upheld, corrected or rejected");
        }
        String found = checkedText(note == null ? "" : note.strip(), "what you found", MAX_REASON);
        record(new Origin(ChangeSource.COMMENT, checker.name()), checker.ident(),
                "Resolve dispute " + number + " on " + fact.value() + ": " + outcome.id(), at -> {
                    List<Comment> thread = comments(at, fact);
                    Comment c = find(thread, fact, number);
                    Dispute d = c.dispute().orElseThrow(() -> new Accounts.Refused("comment " + number + " does not dispute the fact"));
                    if (d.state() == outcome) {
                        return Optional.empty();
                    }
                    Dispute resolved = new Dispute(outcome, d.source(), Optional.of(new Dispute.Resolution(checker.name(), Instant.now(), found)));
                    Map<String, byte[]> files = write(at, thread, c.withDispute(Optional.of(resolved)));
                    // In the public log with every other act on a comment, linked to the thread and so to the fact's history.
                    files.put(ModerationLog.path(log.next(at)), ModerationLog.write(new Act(0, Act.Kind.RESOLVE, checker.name(),
                            Instant.now(), c.page(), Optional.of(number), found, outcome.id())));
                    return Optional.of(files);
                });
    }

    private Posted send(User user, PageId page, String text, Optional<Integer> repliesTo, Optional<String> quote,
                        Optional<Dispute> dispute) {
        String body = checkedText(text == null ? "" : text.strip(), dispute.isPresent() ? "the reason for the dispute" : "a comment", MAX_CHARS);
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("the site has no content yet"));
        Page shown = graphs.page(tip, page).orElseThrow(() -> new NotFoundException("there is no page " + page.value() + " to discuss"));
        Optional<String> passage = quote.map(q -> q.strip().replaceAll("\\s+", " ")).filter(q -> !q.isEmpty());
        if (passage.isPresent() && (passage.get().length() > MAX_QUOTE || !Quotes.occursIn(passage.get(), shown))) {
            throw new Accounts.Refused("the quoted passage must be at most " + MAX_QUOTE + " characters, copied from the page as it is now");
        }
        repliesTo.ifPresent(n -> find(comments(tip, page), page, n)); // a held reply must answer a comment too
        Comment draft = new Comment(page, 0, user.name(), user.displayName(), Instant.now(), repliesTo, passage, body, Optional.empty(), dispute);
        Optional<String> matched = filter(tip).match(body + "\n" + passage.orElse(""));
        if (matched.isPresent()) {
            HeldComment held = heldComments.hold(draft, matched.get());
            record(Origin.site(ChangeSource.COMMENT), Access.site(), "Hold back a comment on " + title(page), at ->
                    Optional.of(Map.of(ModerationLog.path(log.next(at)), ModerationLog.write(new Act(0, Act.Kind.HOLD, "moot",
                            Instant.now(), page, Optional.empty(), "a word or phrase of the site's filter", "waiting for a moderator")))));
            return new Posted.Held(held.id());
        }
        Comment[] saved = new Comment[1];
        String subject = (dispute.isPresent() ? DISPUTE_SUBJECT : COMMENT_SUBJECT) + title(page);
        record(new Origin(ChangeSource.COMMENT, user.name()), user.ident(), subject, at -> {
            List<Comment> thread = comments(at, page);
            repliesTo.ifPresent(n -> find(thread, page, n));
            saved[0] = draft.numbered(next(thread), repliesTo);
            return Optional.of(write(at, thread, saved[0]));
        });
        return new Posted.Published(saved[0]);
    }

    /** Any member may report a comment, with a reason from the list and, if they like, a few words. */
    public void report(User user, PageId page, int number, Act.ReportReason reason, String note) {
        if (!permissions.mayComment(user)) {
            throw new Access.Forbidden("only members report comments");
        }
        String words = note == null || note.isBlank() ? "" : checkedText(note.strip(), "the note", MAX_REASON);
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("the site has no content yet"));
        Comment reported = find(comments(tip, page), page, number);
        boolean waiting = openReports(tip).getOrDefault(CommentFile.path(reported.page(), number), List.of()).stream()
                .anyMatch(a -> a.kind() == Act.Kind.REPORT && a.by().equals(user.name()));
        if (waiting) {
            throw new Accounts.Refused("you have reported comment " + number + " already; the moderators have not decided yet");
        }
        act(user, page, number, Act.Kind.REPORT, reason.words(), words, c -> Optional.empty(), "Report comment " + number + " on ");
    }

    /** A moderator hides a comment, with a reason: it stays in Git and in its thread, shown as hidden. */
    public void hide(User moderator, PageId page, int number, String reason) {
        String why = moderatorReason(moderator, reason);
        act(moderator, page, number, Act.Kind.HIDE, why, "", c -> {
            if (c.hidden().isPresent()) {
                throw new Accounts.Refused("comment " + number + " is already hidden");
            }
            return Optional.of(c.withHidden(Optional.of(new Comment.Hidden(moderator.name(), Instant.now(), why))));
        }, "Hide comment " + number + " on ");
    }

    /** A moderator shows a hidden comment again. */
    public void restore(User moderator, PageId page, int number, String reason) {
        String why = moderatorReason(moderator, reason);
        act(moderator, page, number, Act.Kind.RESTORE, why, "", c -> {
            notOwn(moderator, c);
            if (c.hidden().isEmpty()) {
                throw new Accounts.Refused("comment " + number + " is not hidden");
            }
            return Optional.of(c.withHidden(Optional.empty()));
        }, "Restore comment " + number + " on ");
    }

    /** Any member may ask for a hiding to be looked at again; it goes back to the moderators' queue. */
    public void askReview(User user, PageId page, int number, String note) {
        if (!permissions.mayComment(user)) {
            throw new Access.Forbidden("only members ask for reviews");
        }
        String why = checkedText(note == null ? "" : note.strip(), "a reason for the review", MAX_REASON);
        act(user, page, number, Act.Kind.REVIEW, why, "", c -> {
            if (c.hidden().isEmpty()) {
                throw new Accounts.Refused("comment " + number + " is not hidden: there is nothing to review");
            }
            return Optional.empty();
        }, "Ask for a review of comment " + number + " on ");
    }

    /** A second moderator keeps a hidden comment hidden after a review; the one who hid it may not judge their own act. */
    public void uphold(User moderator, PageId page, int number, String reason) {
        String why = moderatorReason(moderator, reason);
        act(moderator, page, number, Act.Kind.UPHOLD, why, "", c -> {
            if (c.hidden().isEmpty()) {
                throw new Accounts.Refused("comment " + number + " is not hidden");
            }
            if (c.hidden().get().by().equals(moderator.name())) {
                throw new Access.Forbidden("another moderator reviews your decision to hide comment " + number);
            }
            return Optional.empty();
        }, "Uphold hiding comment " + number + " on ");
    }

    /** A moderator leaves a reported comment as it is: the reports are answered. */
    public void keep(User moderator, PageId page, int number, String reason) {
        String why = moderatorReason(moderator, reason);
        act(moderator, page, number, Act.Kind.KEEP, why, "", c -> {
            notOwn(moderator, c);
            if (c.hidden().isPresent()) {
                throw new Accounts.Refused("comment " + number + " is hidden: restore it, or keep it hidden");
            }
            return Optional.empty();
        }, "Keep comment " + number + " on ");
    }

    /** What moderators have to decide: held comments, and comments reported or under review since the last decision. */
    public Queue queue(User moderator, Snapshot at) {
        requireModerator(moderator);
        Map<String, List<Act>> open = openReports(at);
        List<Pending> pending = new ArrayList<>();
        Map<PageId, List<Comment>> threads = new HashMap<>();
        for (List<Act> reports : open.values()) {
            Act first = reports.get(0);
            threads.computeIfAbsent(first.page(), p -> comments(at, p)).stream()
                    .filter(c -> c.number() == first.comment().get()).findFirst()
                    .ifPresent(c -> pending.add(new Pending(c, List.copyOf(reports))));
        }
        return new Queue(heldComments.waiting(filter(at)), pending);
    }

    /** Reports and requests for review not yet answered by a moderator's decision, by comment file, oldest first. */
    private Map<String, List<Act>> openReports(Snapshot at) {
        Map<String, List<Act>> open = new LinkedHashMap<>();
        List<Act> acts = new ArrayList<>(log.latest(at, QUEUE_SCAN));
        java.util.Collections.reverse(acts); // oldest first
        for (Act act : acts) {
            if (act.comment().isEmpty()) {
                continue;
            }
            String key = CommentFile.path(act.page(), act.comment().get());
            if (act.kind().decides()) {
                open.remove(key);
            } else if (act.kind() == Act.Kind.REPORT || act.kind() == Act.Kind.REVIEW) {
                open.computeIfAbsent(key, k -> new ArrayList<>()).add(act);
            }
        }
        return open;
    }

    /** A moderator publishes a held comment: it joins its thread, by its author, and the log says who let it through. */
    public Comment release(User moderator, int heldId, String reason) {
        String why = moderatorReason(moderator, reason);
        HeldComment waiting = heldComments.waiting(WordFilter.NONE).stream().filter(h -> h.id() == heldId).findFirst()
                .orElseThrow(() -> new NotFoundException("there is no held comment " + heldId + " waiting"));
        notOwn(moderator, waiting.comment());
        Comment c = take(heldId).comment();
        Comment[] saved = new Comment[1];
        decide(heldId, () -> record(new Origin(ChangeSource.COMMENT, moderator.name()), authorIdent(c),
                "Publish a held comment on " + title(c.page()), at -> {
                    List<Comment> thread = comments(at, c.page());
                    saved[0] = c.numbered(next(thread), c.repliesTo().filter(n -> thread.stream().anyMatch(t -> t.number() == n)));
                    Map<String, byte[]> files = write(at, thread, saved[0]);
                    Act act = new Act(0, Act.Kind.RELEASE, moderator.name(), Instant.now(), c.page(), Optional.of(saved[0].number()), why, "");
                    files.put(ModerationLog.path(log.next(at)), ModerationLog.write(act));
                    return Optional.of(files);
                }));
        return saved[0];
    }

    /** A moderator does not publish a held comment; the log says so and why, and the text stays in the private folder. */
    public void reject(User moderator, int heldId, String reason) {
        String why = moderatorReason(moderator, reason);
        Comment c = take(heldId).comment();
        decide(heldId, () -> record(new Origin(ChangeSource.COMMENT, moderator.name()), moderator.ident(),
                "Do not publish a held comment on " + title(c.page()),
                at -> Optional.of(Map.of(ModerationLog.path(log.next(at)), ModerationLog.write(new Act(0, Act.Kind.REJECT,
                        moderator.name(), Instant.now(), c.page(), Optional.empty(), why, ""))))));
    }

    private HeldComment take(int heldId) {
        return heldComments.take(heldId).orElseThrow(() -> new NotFoundException("there is no held comment " + heldId + " waiting"));
    }

    /** Records a decision on a taken comment; if that fails, the comment goes back to the queue. */
    private void decide(int heldId, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            heldComments.putBack(heldId);
            throw e;
        }
    }

    /** One act on one comment: the comment as changed (if it changes) and the log entry, in one commit. */
    private void act(User by, PageId page, int number, Act.Kind kind, String reason, String note,
                     Function<Comment, Optional<Comment>> change, String subject) {
        record(new Origin(ChangeSource.COMMENT, by.name()), by.ident(), subject + title(page), at -> {
            List<Comment> thread = comments(at, page);
            Comment c = find(thread, page, number);
            Map<String, byte[]> files = change.apply(c).map(changed -> write(at, thread, changed)).orElseGet(HashMap::new);
            // Filed under the page the comment is on, whichever of a moved page's ids it was reached by.
            Act act = new Act(0, kind, by.name(), Instant.now(), c.page(), Optional.of(number), reason, note);
            files.put(ModerationLog.path(log.next(at)), ModerationLog.write(act));
            return Optional.of(files);
        });
    }

    /**
     * The files to commit when {@code c} is written into {@code thread}: its own, and on a fact,
     * the fact's marks, so that the figure says it is disputed exactly while a visible comment
     * disputes it.
     */
    private Map<String, byte[]> write(Snapshot at, List<Comment> thread, Comment c) {
        Map<String, byte[]> files = new HashMap<>();
        files.put(CommentFile.path(c.page(), c.number()), CommentFile.write(c));
        List<Integer> marks = new ArrayList<>();
        boolean placed = false;
        for (Comment t : thread) {
            Comment now = t.number() == c.number() ? c : t;
            placed |= t.number() == c.number();
            if (marksFact(now)) {
                marks.add(now.number());
            }
        }
        if (!placed && marksFact(c)) {
            marks.add(c.number());
        }
        graphs.page(at, c.page()).filter(p -> p.kind() == Kind.FACT).ifPresent(fact -> repo.blobAt(at, fact.path()).ifPresent(blob -> {
            String was = new String(repo.read(blob), StandardCharsets.UTF_8);
            FactMarks.apply(was, marks).filter(text -> !worse(fact, was, text))
                    .ifPresent(text -> files.put(fact.path(), text.getBytes(StandardCharsets.UTF_8)));
        }));
        return files;
    }

    /** Whether the site's own change to a fact's file would give it problems it did not have: then it is not made. */
    private static boolean worse(Page fact, String before, String after) {
        int had = org.moot.schema.PageParser.parse(fact.id(), fact.path(), before).violations().size();
        return org.moot.schema.PageParser.parse(fact.id(), fact.path(), after).violations().size() > had;
    }

    private static boolean marksFact(Comment c) {
        return c.hidden().isEmpty() && c.dispute().map(d -> d.state().marksFact()).orElse(false);
    }

    private static Comment find(List<Comment> thread, PageId page, int number) {
        return thread.stream().filter(x -> x.number() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("there is no comment " + number + " on " + page.value()));
    }

    private static int next(List<Comment> thread) {
        return thread.stream().mapToInt(Comment::number).max().orElse(0) + 1;
    }

    private void record(Origin origin, org.eclipse.jgit.lib.PersonIdent author, String message,
                        Function<Snapshot, Optional<Map<String, byte[]>>> files) {
        main.commit(origin, tip -> files.apply(tip.orElseThrow(() -> new NotFoundException("the site has no content yet")))
                .map(f -> new MainWriter.Change(f, author, message)));
    }

    private static String title(PageId page) {
        return page.isHome() ? HOME_TITLE : page.value();
    }

    private static org.eclipse.jgit.lib.PersonIdent authorIdent(Comment c) {
        return new User(c.author(), c.authorName(), java.util.Set.of()).ident();
    }

    private String moderatorReason(User moderator, String reason) {
        requireModerator(moderator);
        return checkedText(reason == null ? "" : reason.strip(), "a reason (it is shown in the public log)", MAX_REASON);
    }

    /** Nobody judges their own words: another moderator decides about a moderator's comment. */
    private static void notOwn(User moderator, Comment c) {
        if (c.author().equals(moderator.name())) {
            throw new Access.Forbidden("another moderator decides about your own comment");
        }
    }

    private void requireModerator(User user) {
        if (!permissions.mayHideComments(user)) {
            throw new Access.Forbidden("only moderators do this");
        }
    }

    /** Text that a person typed, bounded and checked as a page's text is. */
    private static String checkedText(String text, String what, int max) {
        if (text.isEmpty() || text.length() > max) {
            throw new Accounts.Refused(what + " needs some text, at most " + String.format("%,d", max) + " characters");
        }
        SourceText.problems("comment", text).stream().findFirst()
                .or(() -> MarkdownNesting.check("comment", text, 1).stream().findFirst())
                .ifPresent(p -> {
                    throw new Accounts.Refused(what + " cannot be saved: line " + p.line() + ": " + p.message());
                });
        return text;
    }
}
