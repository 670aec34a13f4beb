package org.moot.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.moot.engine.Site;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.Merge;
import org.moot.schema.Kind;
import org.moot.schema.Violation;
import org.moot.web.Params;
import org.moot.web.auth.Auth;

/** Writing and history over JSON: {@code PUT /api/pages/<id>}, its history, and recent changes. */
public final class EditApi {

    private final Site site;

    public EditApi(Site site) {
        this.site = site;
    }

    public void register(RoutesConfig routes) {
        routes.put("/api/pages/<id>", this::put);
        routes.get("/api/changes", this::changes);
    }

    /** Registered before {@code /api/pages/<id>}, which would otherwise take {@code .../history} as part of the id. */
    public void registerHistory(RoutesConfig routes) {
        routes.get("/api/pages/<id>/history", ctx -> ctx.json(site.history().log(Params.pageId(ctx), 500).stream()
                .map(EditApi::commit).toList()));
    }

    private void put(Context ctx) {
        User user = Auth.user(ctx);
        if (user.isAnonymous()) {
            throw new Auth.Unauthorized("sign requests with HTTP Basic: your user name and an access token");
        }
        Optional<Violation> notUtf8 = org.moot.web.Utf8Body.problem(ctx);
        if (notUtf8.isPresent()) {
            respond(ctx, new EditOutcome.Invalid(List.of(notUtf8.get())));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = ctx.bodyAsClass(Map.class);
        Object markdown = body.get("markdown");
        if (!(markdown instanceof String)) {
            throw new org.moot.engine.access.Accounts.Refused("the body needs \"markdown\": the whole file, front matter included");
        }
        Optional<String> base = Optional.ofNullable(body.get("baseRevision")).map(String::valueOf).filter(s -> !s.isBlank());
        OptionalInt branch = body.get("edit") instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
        String summary = body.get("summary") == null ? "" : String.valueOf(body.get("summary"));
        Optional<org.moot.schema.PageId> moveTo = Optional.ofNullable(body.get("moveTo")).map(String::valueOf)
                .filter(s -> !s.isBlank()).map(org.moot.schema.PageId::of);
        EditOutcome outcome = site.edits().save(user, new EditRequest(Params.pageId(ctx), Optional.of((String) markdown),
                base, summary, branch, moveTo));
        respond(ctx, outcome);
    }

    /** One table from an edit's outcome to status and body, for every JSON client. */
    static void respond(Context ctx, EditOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        HttpStatus status = outcome.match(new EditOutcome.Cases<>() {
            @Override
            public HttpStatus merged(EditOutcome.Merged m) {
                json.put("revision", m.revision());
                json.put("merged", true);
                json.put("edit", m.number());
                return HttpStatus.OK;
            }

            @Override
            public HttpStatus noChange(EditOutcome.NoChange n) {
                json.put("revision", n.revision());
                json.put("merged", false);
                json.put("unchanged", true);
                return HttpStatus.OK;
            }

            @Override
            public HttpStatus proposed(EditOutcome.Proposed p) {
                json.put("proposal", p.number());
                json.put("reason", p.reason());
                return HttpStatus.ACCEPTED;
            }

            @Override
            public HttpStatus conflicted(EditOutcome.Conflicted c) {
                json.put("error", "the page changed in the same places since your base revision; resolve and save again");
                json.put("conflict", conflict(c));
                return HttpStatus.CONFLICT;
            }

            @Override
            public HttpStatus invalid(EditOutcome.Invalid i) {
                json.put("error", "the content has " + i.violations().size() + " problem(s); nothing was saved");
                json.put("errors", i.violations().stream().map(EditApi::violation).toList());
                return HttpStatus.BAD_REQUEST;
            }

            @Override
            public HttpStatus denied(EditOutcome.Denied d) {
                json.put("error", d.reason());
                json.put("errors", List.of());
                return HttpStatus.FORBIDDEN;
            }
        });
        ctx.status(status).json(json);
    }

    private static Map<String, Object> conflict(EditOutcome.Conflicted c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("edit", c.number());
        json.put("against", c.against());
        List<Map<String, Object>> files = c.conflicts().stream().map(EditApi::file).toList();
        json.putAll(files.get(0));
        json.put("files", files);
        return json;
    }

    private static Map<String, Object> file(Merge.Conflict f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", f.path());
        json.put("base", f.base());
        json.put("theirs", f.main());
        json.put("yours", f.yours());
        json.put("merged", f.marked());
        json.put("regions", f.regions());
        return json;
    }

    private void changes(Context ctx) {
        int limit = Params.limit(ctx, 50, 500);
        Optional<Kind> kind = Optional.ofNullable(ctx.queryParam("kind")).flatMap(Kind::parse);
        Optional<String> user = Optional.ofNullable(ctx.queryParam("user")).filter(u -> !u.isBlank());
        ctx.json(site.history().changes(limit, kind, user).stream().map(change -> {
            Map<String, Object> json = commit(change.commit());
            json.put("pages", change.pages().stream().map(PageApi::ref).toList());
            return json;
        }).toList());
    }

    static Map<String, Object> commit(CommitInfo c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("revision", c.revision());
        json.put("author", c.author());
        json.put("date", c.time().toString());
        json.put("summary", c.summary());
        return json;
    }

    private static Map<String, Object> violation(Violation v) {
        return Map.of("path", v.path(), "line", v.line(), "message", v.message());
    }
}
