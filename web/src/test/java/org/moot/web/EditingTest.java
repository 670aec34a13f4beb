package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;

/** The editor, conflicts and review through a real server, posting forms as a browser would. */
class EditingTest {

    @TempDir
    Path tmp;
    TestServer moot;
    WebClient editor;
    WebClient member;

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
        editor = moot.signedIn("ed", "Ed Itor", java.util.Set.of(Role.MEMBER, Role.EDITOR));
        member = moot.signedIn("mo", "Mo Member", java.util.Set.of(Role.MEMBER));
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    /** Posts the whole file, as the editor loaded it, with the given text replaced. */
    private static java.net.http.HttpResponse<String> edit(WebClient who, String page, String editorHtml, String from, String to,
                                                           String summary) {
        String base = WebClient.field(editorHtml, "base");
        String file = who.get("/raw/" + page + "?rev=" + base).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", page);
        form.put("base", base);
        form.put("edit", "");
        form.put("raw", file.replace(from, to));
        form.put("summary", summary);
        form.put("action", "save");
        return who.submit("/edit/" + page, "/edit/" + page, form);
    }

    @Test
    void anEditorPublishesAndTheChangeIsInTheHistory() {
        String editorHtml = editor.get("/edit/health").body();
        assertThat(editorHtml).contains("Saving publishes your change at once").contains("name=\"f-title\" value=\"Health\"");
        var saved = edit(editor, "health", editorHtml, "Most of the health debate", "Most of our health debate", "Say our");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).startsWith("/wiki/health?saved=");
        assertThat(editor.get("/wiki/health?saved=1").body()).contains("Your edit is published.").contains("Most of our health debate");
        assertThat(editor.get("/history/health").body()).contains("Say our").contains("Ed Itor");
        assertThat(editor.get("/changes?user=ed").body()).contains("Say our");
    }

    @Test
    void invalidContentIsShownWithItsLinesAndNothingTypedIsLost() {
        String editorHtml = editor.get("/edit/health").body();
        var bad = edit(editor, "health", editorHtml, "kind: topic", "kind: argument\nstance: sideways", "Break it");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Nothing was saved yet").contains("line 4: 'stance' must be one of for, against")
                .contains("stance: sideways").contains("Most of the health debate");
    }

    @Test
    void aConflictIsShownAndResolvedWithoutLosingEitherText() {
        String first = editor.get("/edit/health").body();
        String second = editor.get("/edit/health").body();
        assertThat(edit(editor, "health", first, "Most of the health debate", "Most of our health debate", "one").statusCode())
                .isEqualTo(303);
        var conflict = edit(editor, "health", second, "Most of the health debate", "Much of the health debate", "two");
        assertThat(conflict.statusCode()).isEqualTo(409);
        String page = conflict.body();
        assertThat(page).contains("Your edit meets a newer change").contains("&lt;&lt;&lt;&lt;&lt;&lt;&lt; main")
                .contains("Much of the health debate").contains("Most of our health debate");

        String marked = WebClient.field(page, "raw");
        String resolved = marked.replaceAll("(?s)<<<<<<< main\\n.*?=======\\n(.*?)>>>>>>> yours\\n", "$1")
                .replace("Much of the health debate", "Much of our health debate");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", "health");
        form.put("base", WebClient.field(page, "base"));
        form.put("edit", WebClient.field(page, "edit"));
        form.put("raw", resolved);
        form.put("summary", "Resolve");
        form.put("action", "save");
        var published = editor.postRaw("/edit/health", withCsrf(page, form));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(303);
        assertThat(editor.get("/raw/health").body()).contains("Much of our health debate").doesNotContain("<<<<<<<");
    }

    @Test
    void aMembersProposalIsDiscussedDeclinedOrAccepted() {
        var proposed = edit(member, "health", member.get("/edit/health").body(), "Most of the health debate",
                "Most of the lively health debate", "Livelier");
        assertThat(proposed.statusCode()).isEqualTo(303);
        String where = proposed.headers().firstValue("Location").orElseThrow();
        assertThat(where).matches("/proposals/\\d+\\?new=1");
        String n = where.replaceAll("\\D+(\\d+).*", "$1");
        assertThat(member.get(where).body()).contains("saved as proposal " + n).contains("<ins>lively </ins>")
                .doesNotContain("Accept and publish");
        assertThat(editor.get("/proposals").body()).contains("Livelier").contains("Mo Member");

        var asked = editor.submit("/proposals/" + n, "/proposals/" + n + "/comment", Map.of("text", "Please cite a source.", "changes", "on"));
        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(member.get("/proposals/" + n).body()).contains("Please cite a source.").contains("asks for changes");

        assertThat(editor.submit("/proposals/" + n, "/proposals/" + n + "/decline", Map.of("reason", "We keep it neutral.")).statusCode())
                .isEqualTo(303);
        assertThat(member.get("/members/mo").body()).contains("Livelier").contains("Declined: We keep it neutral.");
        assertThat(editor.get("/raw/health").body()).doesNotContain("lively");

        var second = edit(member, "health", member.get("/edit/health").body(), "Most of the health debate",
                "Most of the health debate in the region", "Say where");
        String m = second.headers().firstValue("Location").orElseThrow().replaceAll("\\D+(\\d+).*", "$1");
        var accepted = editor.submit("/proposals/" + m, "/proposals/" + m + "/accept", Map.of());
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(editor.get("/raw/health").body()).contains("Most of the health debate in the region");
        assertThat(editor.get("/history/health").body()).contains("Say where").contains("Mo Member");
    }

    @Test
    void aMistypedIdForANewPageKeepsEverythingTyped() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("new", "1");
        form.put("id", "Health/My Idea");
        form.put("f-title", "My idea");
        form.put("f-kind", "page");
        form.put("body", "Three paragraphs I would hate to type again.");
        form.put("action", "save");
        var response = editor.submit("/new?in=health", "/new", form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("is not a valid page id").contains("Three paragraphs I would hate to type again.")
                .contains("value=\"Health/My Idea\"");
    }

    @Test
    void newPagesStartFromTheirKindAndAnonymousVisitorsAreAskedToSignIn() {
        String blank = editor.get("/new?in=health&kind=fact").body();
        assertThat(blank).contains("name=\"f-as-of\"").contains("name=\"source-url\"").contains("value=\"health/\"");
        // Every kind's editor asks for exactly the fields Fields describes: a select of its choices, a date, a required id.
        for (org.moot.schema.Kind kind : org.moot.schema.Kind.values()) {
            String form = editor.get("/new?in=health&kind=" + kind.id()).body();
            for (org.moot.schema.Field field : org.moot.schema.Fields.of(kind)) {
                switch (field.shape()) {
                    case SOURCES -> assertThat(form).as(kind.id()).contains("name=\"source-url\"");
                    case CHOICE -> assertThat(form).as(kind.id()).contains("<select name=\"f-" + field.name() + "\">")
                            .contains("<option>" + field.choices().get(field.choices().size() - 1) + "</option>");
                    case DATE -> assertThat(form).as(kind.id()).containsPattern("type=\"date\" name=\"f-" + field.name() + "\"");
                    default -> assertThat(form).as(kind.id()).containsPattern("name=\"f-" + field.name() + "\" value=\"[^\"]*\""
                            + (field.required() ? " required" : ">"));
                }
            }
        }
        assertThat(editor.get("/new?in=health&kind=topic").body()).doesNotContain("name=\"f-stance\"").doesNotContain("source-url");
        // Changing a fact into a page and previewing keeps the fact's fields, unseen, so changing back loses nothing.
        Map<String, String> changed = new LinkedHashMap<>(Map.of("new", "1", "id", "health/changed", "f-title", "Changed",
                "f-kind", "page", "f-value", "42", "f-as-of", "2025-01-01", "body", "Text.", "action", "preview"));
        String preview = editor.submit("/new?in=health&kind=fact", "/new", changed).body();
        assertThat(preview).contains("<input type=\"hidden\" name=\"f-value\" value=\"42\">")
                .contains("<input type=\"hidden\" name=\"f-as-of\" value=\"2025-01-01\">").contains("Kept from the page's other kind");
        // A source written without a type is shown as "other", as it is read, not as the list's first type.
        assertThat(editor.get("/new?in=health&kind=fact").body()).contains("<option value=\"other\" selected>other</option>");
        var anonymous = new WebClient(moot).get("/edit/health");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fedit%2Fhealth");
    }

    private static Map<String, String> withCsrf(String page, Map<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>(form);
        out.put("csrf", WebClient.field(page, "csrf"));
        return out;
    }
}
