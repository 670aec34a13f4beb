package org.moot.web.edit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.moot.engine.Site;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.Urls;
import org.moot.engine.access.Access;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.Kind;
import org.moot.schema.PageId;
import org.moot.schema.PageParser;
import org.moot.web.Frame;
import org.moot.web.Html;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/** The editor: {@code /edit/<id>} for a page, {@code /new} for a page that does not exist yet. */
public final class EditRoutes {

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public EditRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/edit/<id>", this::open);
        routes.post("/edit/<id>", ctx -> post(ctx, EditForm.from(ctx)));
        routes.get("/new", this::blank);
        routes.post("/new", ctx -> post(ctx, EditForm.from(ctx)));
    }

    private void open(Context ctx) {
        User user = Auth.signedIn(ctx);
        PageId id = Params.pageId(ctx);
        // Main is resolved once: the base revision and the text put in the form come from the same commit.
        SiteGraph graph = site.pages().graph(RequestTip.of(ctx, site));
        String main = graph.snapshot().revision();
        String edit = q(ctx, "edit");
        if (edit.matches("\\d{1,9}")) {
            var draft = site.edits().draft(Integer.parseInt(edit), id)
                    .orElseThrow(() -> new org.moot.engine.git.NotFoundException("there is no open edit " + edit + " of this page"));
            show(ctx, user, EditForm.of(id.value(), false, draft.text(), draft.revision(), edit), List.of(), null, HttpStatus.OK);
            return;
        }
        Optional<String> from = Params.revision(ctx);
        Optional<byte[]> file = from.isPresent() ? site.pages().raw(id, from) : site.pages().raw(graph, id);
        if (file.isEmpty()) {
            ctx.redirect("/new?id=" + id.value(), HttpStatus.SEE_OTHER);
            return;
        }
        // Reading an old revision into the editor, based on main, is how a page is restored.
        EditForm form = EditForm.of(id.value(), false, new String(file.get(), StandardCharsets.UTF_8), main, "");
        show(ctx, user, form, List.of(), null, HttpStatus.OK);
    }

    /** A new page, started from its kind's template, e.g. {@code /new?in=health&kind=paper}. */
    private void blank(Context ctx) {
        User user = Auth.signedIn(ctx);
        String kind = Kind.parse(q(ctx, "kind")).map(Kind::id).orElse("page");
        String in = q(ctx, "in");
        String id = q(ctx, "id").isEmpty() ? (in.isEmpty() ? "" : in + "/") : q(ctx, "id");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "");
        fields.put("kind", kind);
        Starters.Starter starter = Starters.of(kind, user, in, q(ctx, "on"), q(ctx, "stance"), q(ctx, "to"));
        fields.putAll(starter.fields());
        EditForm form = new EditForm(id, true, fields, starter.sources(), "", starter.body(), "", "", "", "", "");
        show(ctx, user, form, List.of(), null, HttpStatus.OK);
    }

    private void post(Context ctx, EditForm form) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        PageId id;
        Optional<PageId> moveTo;
        try {
            id = ctx.path().startsWith("/new") ? PageId.of(form.id()) : Params.pageId(ctx);
            moveTo = Optional.ofNullable(ctx.formParam("move-to")).map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.equals(id.value())).map(PageId::of);
        } catch (org.moot.schema.InvalidPageIdException e) {
            // A mistyped id must not cost the person what they wrote: the form comes back with the reason.
            show(ctx, user, form, List.of(new org.moot.schema.Violation("page id", 1, e.getMessage())), null, HttpStatus.BAD_REQUEST);
            return;
        }
        String action = Optional.ofNullable(ctx.formParam("action")).orElse("save");
        switch (action) {
            case "preview" -> show(ctx, user, form, PageParser.parse(id, id.value() + ".md", form.toMarkdown()).violations(),
                    Html.of(site.pages().preview(form.toMarkdown())), HttpStatus.OK);
            case "text" -> show(ctx, user, form.asText(form.toMarkdown()), List.of(), null, HttpStatus.OK);
            case "delete" -> respond(ctx, user, id, form, site.edits().save(user, request(id, Optional.empty(), form, Optional.empty())));
            default -> respond(ctx, user, moveTo.orElse(id), form,
                    site.edits().save(user, request(id, Optional.of(form.toMarkdown()), form, moveTo)));
        }
    }

    private static EditRequest request(PageId id, Optional<String> markdown, EditForm form, Optional<PageId> moveTo) {
        Optional<String> base = Optional.of(form.base()).filter(s -> !s.isBlank());
        OptionalInt edit = form.edit().isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(form.edit().strip()));
        return new EditRequest(id, markdown, base, form.summary(), edit, moveTo);
    }

    /**
     * Answers a save (or a reviewer's accept, with no form) as a person expects: the page, the
     * proposal, the conflict to resolve, or the form again with its problems.
     */
    public void respond(Context ctx, User user, PageId id, EditForm form, EditOutcome outcome) {
        outcome.match(new EditOutcome.Cases<Void>() {
            @Override
            public Void merged(EditOutcome.Merged m) {
                ctx.redirect(Urls.page(id) + "?saved=" + m.number(), HttpStatus.SEE_OTHER);
                return null;
            }

            @Override
            public Void noChange(EditOutcome.NoChange n) {
                ctx.redirect(Urls.page(id), HttpStatus.SEE_OTHER);
                return null;
            }

            @Override
            public Void proposed(EditOutcome.Proposed p) {
                ctx.redirect("/proposals/" + p.number() + "?new=1", HttpStatus.SEE_OTHER);
                return null;
            }

            @Override
            public Void conflicted(EditOutcome.Conflicted c) {
                String marked = c.conflicts().get(0).marked();
                EditForm resolution = (form == null ? EditForm.of(id.value(), false, marked, "", "") : form).asText(marked)
                        .withBase(c.against(), String.valueOf(c.number()));
                ctx.status(HttpStatus.CONFLICT);
                templates.render(ctx, "conflict.jte", new EditModels.Conflict(frame.withForm(ctx, "Resolve: " + id.value()),
                        resolution, c.conflicts(), c.number()));
                return null;
            }

            @Override
            public Void invalid(EditOutcome.Invalid i) {
                if (form == null) {
                    throw new org.moot.engine.access.Accounts.Refused("the merged text has problems: " + i.violations());
                }
                show(ctx, user, form, i.violations(), null, HttpStatus.BAD_REQUEST);
                return null;
            }

            @Override
            public Void denied(EditOutcome.Denied d) {
                throw new Access.Forbidden(d.reason());
            }
        });
    }

    private void show(Context ctx, User user, EditForm form, List<org.moot.schema.Violation> problems,
                      gg.jte.Content preview, HttpStatus status) {
        ctx.status(status);
        String title = form.isNew() ? "New page" : "Edit: " + (form.field("title").isEmpty() ? form.id() : form.field("title"));
        templates.render(ctx, "edit.jte", new EditModels.Editor(frame.withForm(ctx, title), form, problems, preview,
                notice(user, form)));
    }

    /** Says up front whether saving will publish or propose, so nobody is surprised. */
    private String notice(User user, EditForm form) {
        Kind kind = Kind.parse(form.field("kind")).orElse(Kind.PAGE);
        var sample = new org.moot.schema.Page(PageId.HOME, form.id() + ".md", kind, "", Optional.empty(), List.of(),
                List.of(), List.of(), kind == Kind.PAPER ? new org.moot.schema.Details.Paper(
                        List.of(form.field("authors").split("\\s*,\\s*")), Optional.empty(), List.of()) : new org.moot.schema.Details.None(),
                org.moot.schema.FrontMatter.EMPTY, "", 1);
        Permissions.Decision d = site.access().permissions().edit(user,
                new Permissions.FileChange(form.id() + ".md", Optional.of(sample), Optional.of(sample)));
        return d.publishes() ? "Saving publishes your change at once."
                : "Saving keeps your change as a proposal for review: " + d.reason() + ".";
    }


    private static String q(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
    }
}
