package org.moot.web.talk;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.User;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.render.SafeHtml;
import org.moot.engine.talk.Act;
import org.moot.engine.talk.Comment;
import org.moot.engine.talk.Discussions;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.web.AtomFeed;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/**
 * {@code /talk/<id>}: a page's discussion, threaded, with the forms to comment, reply, report
 * and moderate (no JavaScript: a reply or a report is a link that opens its form); and
 * {@code /moderation}: the public log of every act, its feed, and the moderators' queue.
 */
public final class TalkRoutes {

    /** One comment in reading order, {@code depth} replies deep. */
    public record Row(Comment comment, SafeHtml html, int depth) {}

    /** talk.jte; {@code reply} and {@code report} are the comments whose forms are open (0: none). */
    public record TalkModel(Chrome chrome, Page page, List<Row> rows, int reply, int report, boolean mayComment,
                            boolean moderator, boolean factChecker, String notice) {
        public List<org.moot.engine.talk.Dispute.State> outcomes() {
            return List.of(org.moot.engine.talk.Dispute.State.UPHELD, org.moot.engine.talk.Dispute.State.CORRECTED,
                    org.moot.engine.talk.Dispute.State.REJECTED);
        }

        public List<Act.ReportReason> reasons() {
            return List.of(Act.ReportReason.values());
        }

        /** The page, scrolled to the quoted passage and marked (a text fragment: browsers do it without script). */
        public String quoteLink(Comment c) {
            String words = java.net.URLEncoder.encode(c.quote().orElse(""), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("-", "%2D");
            return Urls.page(page.id()) + "#:~:text=" + words;
        }
    }

    /** One act as the log shows it, with the title of its page. */
    public record LoggedAct(Act act, String pageTitle) {}

    /** moderation.jte; {@code older}: the act number the next page of the log starts before, when there is one. */
    public record LogModel(Chrome chrome, List<LoggedAct> acts, boolean moderator, Optional<Long> older) {}

    /** moderation-queue.jte */
    public record QueueModel(Chrome chrome, Discussions.Queue queue, Map<String, String> titles) {
        public String title(PageId id) {
            return titles.getOrDefault(id.value(), id.value());
        }
    }

    private static final int LOG = 200;
    /** Replies deeper than this are drawn at this depth, so a long exchange stays readable. */
    private static final int MAX_DEPTH = 6;

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public TalkRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/talk/<id>", this::show);
        routes.post("/talk/<id>", this::act);
        routes.get("/moderation", this::log);
        routes.get("/moderation.atom", this::feed);
        routes.get("/moderation/queue", this::queue);
        routes.post("/moderation/held/{n}", this::decideHeld);
    }

    private void show(Context ctx) {
        PageId id = Params.pageId(ctx);
        User user = Auth.user(ctx);
        SiteGraph graph = site.pages().graph(RequestTip.of(ctx, site));
        Optional<PageId> moved = graph.page(id).isEmpty() ? graph.redirect(id) : Optional.empty();
        if (moved.isPresent()) { // the page moved, and its discussion with it
            ctx.redirect("/talk/" + moved.get().value(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Page page = graph.page(id).orElseThrow(() -> new NotFoundException("there is no page " + id.value() + " to discuss"));
        List<Comment> comments = site.discussions().comments(graph.snapshot(), id);
        List<Row> rows = new ArrayList<>();
        threaded(comments, graph, rows);
        String notice = switch (Optional.ofNullable(ctx.queryParam("done")).orElse("")) {
            case "held" -> "Your comment holds a word or phrase the site's filter holds back: a moderator will read it before it is published.";
            case "reported" -> "Thank you: your report is with the moderators, and in the public moderation log.";
            case "review" -> "Your request is with the moderators: another moderator will look at the decision again.";
            default -> "";
        };
        templates.render(ctx, "talk.jte", new TalkModel(frame.withForm(ctx, "Discussion: " + page.title()), page, rows,
                number(ctx.queryParam("reply")), number(ctx.queryParam("report")),
                site.access().permissions().mayComment(user), site.access().permissions().mayHideComments(user),
                site.access().permissions().mayResolveDisputes(user), notice));
    }

    /** Replies under what they answer, oldest first at each level; a reply to a missing comment starts its own thread. */
    private void threaded(List<Comment> comments, SiteGraph graph, List<Row> out) {
        Map<Integer, List<Comment>> replies = new HashMap<>();
        List<Comment> tops = new ArrayList<>();
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        comments.forEach(c -> numbers.add(c.number()));
        for (Comment c : comments) {
            Optional<Integer> parent = c.repliesTo().filter(n -> numbers.contains(n) && n < c.number());
            if (parent.isPresent()) {
                replies.computeIfAbsent(parent.get(), k -> new ArrayList<>()).add(c);
            } else {
                tops.add(c);
            }
        }
        java.util.ArrayDeque<Map.Entry<Comment, Integer>> todo = new java.util.ArrayDeque<>();
        for (int i = tops.size() - 1; i >= 0; i--) {
            todo.push(Map.entry(tops.get(i), 0));
        }
        while (!todo.isEmpty()) {
            var next = todo.pop();
            Comment c = next.getKey();
            out.add(new Row(c, c.hidden().isPresent() ? SafeHtml.EMPTY : site.pages().comment(c.text(), graph),
                    Math.min(next.getValue(), MAX_DEPTH)));
            List<Comment> under = replies.getOrDefault(c.number(), List.of());
            for (int i = under.size() - 1; i >= 0; i--) {
                todo.push(Map.entry(under.get(i), next.getValue() + 1));
            }
        }
    }

    private void act(Context ctx) {
        PageId asked = Params.pageId(ctx);
        SiteGraph graph = site.pages().graph(RequestTip.of(ctx, site));
        // A moved page's old id posts to its thread under the new one, as the old address shows it.
        PageId id = graph.page(asked).isPresent() ? asked : graph.redirect(asked).orElse(asked);
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        Discussions talk = site.discussions();
        int n = number(ctx.formParam("comment"));
        String back = Urls.talk(id);
        switch (Params.form(ctx, "action")) {
            case "comment" -> {
                String reply = Params.form(ctx, "replies-to");
                if (!reply.isEmpty() && number(reply) == 0) {
                    throw new Accounts.Refused("replies-to must be the number of a comment, not '" + reply + "'");
                }
                Optional<Integer> replyTo = Optional.of(number(reply)).filter(x -> x > 0);
                Discussions.Posted posted = talk.post(user, id, Optional.ofNullable(ctx.formParam("text")).orElse(""), replyTo,
                        Optional.ofNullable(ctx.formParam("quote")));
                back = posted instanceof Discussions.Posted.Published p ? Urls.comment(id, p.comment().number()) : back + "?done=held";
            }
            case "dispute" -> {
                Discussions.Posted posted = talk.dispute(user, id, Optional.ofNullable(ctx.formParam("text")).orElse(""),
                        Optional.ofNullable(ctx.formParam("better-source")));
                back = posted instanceof Discussions.Posted.Published p ? Urls.comment(id, p.comment().number()) : back + "?done=held";
            }
            case "resolve" -> talk.resolve(user, id, n, org.moot.engine.talk.Dispute.State.parse(Params.form(ctx, "outcome"))
                    .orElseThrow(() -> new Accounts.Refused("choose upheld, corrected or rejected")), Params.form(ctx, "reason"));
            case "report" -> {
                Act.ReportReason reason = Act.ReportReason.parse(Params.form(ctx, "reason"))
                        .orElseThrow(() -> new Accounts.Refused("choose a reason for the report from the list"));
                talk.report(user, id, n, reason, Params.form(ctx, "note"));
                back += "?done=reported#c" + n;
            }
            case "review" -> {
                talk.askReview(user, id, n, Params.form(ctx, "reason"));
                back += "?done=review#c" + n;
            }
            case "hide" -> talk.hide(user, id, n, Params.form(ctx, "reason"));
            case "restore" -> talk.restore(user, id, n, Params.form(ctx, "reason"));
            case "uphold" -> talk.uphold(user, id, n, Params.form(ctx, "reason"));
            case "keep" -> talk.keep(user, id, n, Params.form(ctx, "reason"));
            default -> throw new Accounts.Refused("unknown action: choose comment, dispute, resolve, report, review, hide, restore, uphold or keep");
        }
        if (!back.contains("#")) {
            back += n > 0 ? "#c" + n : "";
        }
        ctx.redirect(Optional.ofNullable(ctx.formParam("return")).filter(r -> r.equals("/moderation/queue")).orElse(back),
                HttpStatus.SEE_OTHER);
    }

    private void log(Context ctx) {
        Snapshot tip = RequestTip.of(ctx, site);
        SiteGraph graph = site.pages().graph(tip);
        String before = Optional.ofNullable(ctx.queryParam("before")).orElse("");
        long from = before.matches("[1-9][0-9]{0,17}") ? Long.parseLong(before) : Long.MAX_VALUE;
        List<LoggedAct> acts = site.discussions().log(tip, LOG, from).stream()
                .map(a -> new LoggedAct(a, graph.page(a.page()).map(Page::title).orElse(a.page().value()))).toList();
        templates.render(ctx, "moderation.jte", new LogModel(frame.chrome(ctx, "Moderation log"), acts,
                site.access().permissions().mayHideComments(Auth.user(ctx)),
                acts.size() == LOG ? Optional.of(acts.get(acts.size() - 1).act().number()) : Optional.empty()));
    }

    private void feed(Context ctx) {
        Snapshot tip = RequestTip.of(ctx, site);
        List<AtomFeed.Entry> entries = site.discussions().log(tip, 50).stream().map(a -> new AtomFeed.Entry(
                "urn:moot:moderation:" + a.number(), sentence(a), a.at(), a.by(),
                a.comment().map(n -> Urls.comment(a.page(), n)).orElse(Urls.talk(a.page())),
                (a.reason() + (a.note().isEmpty() ? "" : " — " + a.note())).strip())).toList();
        ctx.contentType("application/atom+xml; charset=utf-8").result(AtomFeed.entries(
                site.pages().settings(tip).name() + ": moderation log", "/moderation.atom", org.moot.web.SiteUrl.of(ctx, site), entries));
    }

    /** The act in one sentence: "mo hid comment 3 on health". */
    public static String sentence(Act a) {
        return (a.by().equals("moot") ? "The site" : a.by()) + " " + a.kind().verb() + " "
                + a.comment().map(n -> "comment " + n).orElse("a comment") + " on " + (a.page().isHome() ? "the home page" : a.page().value());
    }

    private void queue(Context ctx) {
        User user = Auth.signedIn(ctx);
        Snapshot tip = RequestTip.of(ctx, site);
        Discussions.Queue queue = site.discussions().queue(user, tip);
        SiteGraph graph = site.pages().graph(tip);
        Map<String, String> titles = new HashMap<>();
        queue.held().forEach(h -> titles.put(h.comment().page().value(), title(graph, h.comment().page())));
        queue.pending().forEach(p -> titles.put(p.comment().page().value(), title(graph, p.comment().page())));
        templates.render(ctx, "moderation-queue.jte", new QueueModel(frame.withForm(ctx, "Moderation queue"), queue, titles));
    }

    private void decideHeld(Context ctx) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        int n = number(ctx.pathParam("n"));
        switch (Params.form(ctx, "action")) {
            case "release" -> {
                Comment c = site.discussions().release(user, n, Params.form(ctx, "reason"));
                ctx.redirect(Urls.comment(c.page(), c.number()), HttpStatus.SEE_OTHER);
            }
            case "reject" -> {
                site.discussions().reject(user, n, Params.form(ctx, "reason"));
                ctx.redirect("/moderation/queue", HttpStatus.SEE_OTHER);
            }
            default -> throw new Accounts.Refused("choose release or reject");
        }
    }

    private static String title(SiteGraph graph, PageId id) {
        return graph.page(id).map(Page::title).orElse(id.value());
    }

    /** A comment number from a form or query; 0 when absent or not a number. */
    private static int number(String text) {
        return text != null && text.strip().matches("[1-9][0-9]{0,8}") ? Integer.parseInt(text.strip()) : 0;
    }
}
