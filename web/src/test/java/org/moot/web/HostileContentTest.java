package org.moot.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;

/**
 * Content written to take pages down or to slip what is not text into the site: refused with
 * file and line on every write path, and harmless when it arrives by push anyway.
 */
class HostileContentTest {

    @TempDir
    Path tmp;
    TestServer moot;
    String[] editor;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
        editor = new String[] {"ed", moot.userAdd("ed", "editor").get(1)};
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    static String deepFrontMatter(int depth) {
        return "---\ntitle: Deep\nx: " + "[".repeat(depth) + "]".repeat(depth) + "\n---\nBody\n";
    }

    static String deepList(int depth) {
        return IntStream.range(0, depth).mapToObj(i -> "  ".repeat(i) + "- item\n").collect(Collectors.joining());
    }

    private HttpResponse<String> putBytes(String id, byte[] body) throws Exception {
        return putBytes(editor, id, body);
    }

    private HttpResponse<String> putBytes(String[] who, String id, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(moot.url("/api/pages/" + id)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((who[0] + ":" + who[1]).getBytes(UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String id, String markdown, String summary) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("markdown", markdown);
        body.put("summary", summary);
        return putBytes(id, json.writeValueAsBytes(body));
    }

    /** The {@code path:line: message} of each error a refused write answers with. */
    private List<String> errors(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        return java.util.stream.StreamSupport.stream(errors.spliterator(), false)
                .map(e -> e.get("path").asText() + ":" + e.get("line").asInt() + ": " + e.get("message").asText()).toList();
    }

    @Test
    void deeplyNestedPagesAreRefusedWithFileAndLineThroughTheApi() throws Exception {
        String quotes = "quotes and lists here are nested more than 100 levels deep; flatten them";
        assertThat(errors(put("deep", ">".repeat(1_000) + "\n", "")))
                .containsExactly("deep.md:1: " + quotes);
        assertThat(errors(put("deep", "# Emphasis\n\n" + "*".repeat(2_000) + "x" + "*".repeat(2_000) + "\n", "")))
                .containsExactly("deep.md:3: emphasis, links or brackets here are nested more than 100 levels deep; close some of them");
        assertThat(errors(put("deep", deepList(700), ""))).first().isEqualTo("deep.md:101: " + quotes);
        for (int depth : new int[] {2_000, 20_000}) {
            assertThat(errors(put("deep", deepFrontMatter(depth), "")))
                    .containsExactly("deep.md:3: front matter is nested more than 16 levels deep");
        }
        assertThat(moot.get("/wiki/deep").statusCode()).isEqualTo(404);
    }

    @Test
    void theEditorRefusesDeepNestingAndItsPreviewShowsWhyInsteadOfFailing() {
        WebClient ed = signedInEditor();
        var saved = ed.submit("/new", "/new", rawForm("deep", ">".repeat(1_000) + "\n", "save"));
        assertThat(saved.statusCode()).isEqualTo(400);
        assertThat(saved.body()).contains("line 1: quotes and lists here are nested more than 100 levels deep");
        var preview = ed.submit("/new", "/new", rawForm("deep", ">".repeat(3_000) + "\n", "preview"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("This text is shown unformatted: it is nested too deeply.")
                .contains("line 1: quotes and lists here are nested more than 100 levels deep");
        assertThat(moot.get("/wiki/deep").statusCode()).isEqualTo(404);
    }

    @Test
    void oneBrokenFileOnMainBreaksNoOtherPageAndShowsItsOwnProblems() {
        commitToMain("push nested content", Map.of(
                "deep.md", deepFrontMatter(20_000).getBytes(UTF_8),
                "quotes.md", ("---\ntitle: Quotes\n---\n" + ">".repeat(3_000) + "\n").getBytes(UTF_8),
                "health/latin1.md", "---\ntitle: Caf\u00e9\n---\nna\u00efve\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        for (String path : List.of("/", "/contents", "/changes", "/changes.atom", "/wiki/health", "/api/pages/health",
                "/api/changes", "/api/pages/deep", "/history/deep", "/blame/quotes", "/raw/deep", "/api/pages/deep/history")) {
            assertThat(moot.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(moot.get("/wiki/deep").body()).contains("This page has problems")
                .contains("line 3: front matter is nested more than 16 levels deep");
        assertThat(moot.get("/wiki/quotes").body()).contains("This page has problems")
                .contains("line 4: quotes and lists here are nested more than 100 levels deep")
                .contains("This text is shown unformatted");
        assertThat(moot.get("/wiki/health/latin1").body()).contains("This page has problems")
                .contains("line 2: the text is not valid UTF-8 (byte 0xE9)");
    }

    @Test
    void feedsLinkToTheAddressTheSiteSettingsGive() {
        commitToMain("set the address", Map.of(".moot/site.yaml", "name: Policy\nurl: https://policy.example.org/\n".getBytes(UTF_8)));
        assertThat(moot.get("/changes.atom").body()).contains("<link rel=\"self\" href=\"https://policy.example.org/changes.atom\"/>");
        commitToMain("a bad address", Map.of(".moot/site.yaml", "name: Policy\nurl: javascript:alert(1)\n".getBytes(UTF_8)));
        assertThat(moot.get("/changes.atom").body()).doesNotContain("javascript:").contains(moot.url("/changes.atom"));
    }

    @Test
    void settingsNestedThousandsDeepBreakNoPage() {
        commitToMain("push nested settings", Map.of(
                ".moot/site.yaml", ("name: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n").getBytes(UTF_8)));
        for (String path : List.of("/", "/contents", "/wiki/health", "/changes.atom")) {
            assertThat(moot.get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void mootCheckNamesTheDeepFileAndExitsOne() {
        commitToMain("push nested content", Map.of("deep.md", deepFrontMatter(20_000).getBytes(UTF_8)));
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = new Main(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
                .run(new String[] {"check", moot.folder.dir().toString()});
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("deep.md:3: front matter is nested more than 16 levels deep\n");
    }

    @Test
    void textThatIsNotTextIsRefusedThroughTheApi() throws Exception {
        byte[] latin1 = "{\"markdown\": \"# Caf\u00e9\\n\", \"summary\": \"\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(errors(putBytes("cafe", latin1)))
                .containsExactly("request body:1: the text is not valid UTF-8 (byte 0xE9); it must be UTF-8");
        assertThat(errors(putBytes("cafe", "{\"markdown\": \"# Caf\\ud800\\n\"}".getBytes(UTF_8))))
                .containsExactly("cafe.md:1: a lone surrogate (U+D800) is not text; remove it");
        assertThat(errors(put("cafe", "---\ntitle: Caf\u0000e\n---\nText\n", "")))
                .contains("cafe.md:2: a NUL character (U+0000) is not text; remove it");
        assertThat(errors(put("cafe", "# Cafe\n\nbody \u0000 here\n", "")))
                .containsExactly("cafe.md:3: a NUL character (U+0000) is not text; remove it");
        byte[] summary = "{\"markdown\": \"# Cafe\\n\", \"summary\": \"Caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(errors(putBytes("cafe", summary))).hasSize(1);
        assertThat(moot.get("/wiki/cafe").statusCode()).isEqualTo(404);
    }

    @Test
    void textThatIsNotTextIsRefusedThroughTheForm() {
        WebClient ed = signedInEditor();
        var latin1 = ed.submitEncoded("/new", "/new", "id=cafe&raw=%23+Caf%E9%0A&summary=&action=save");
        assertThat(latin1.statusCode()).isEqualTo(400);
        assertThat(latin1.body()).contains("the form field 'raw' is not UTF-8 text (line 1); nothing was saved");
        var surrogate = ed.submitEncoded("/new", "/new", "id=cafe&raw=%23+Caf%ED%A0%80%0A&summary=&action=save");
        assertThat(surrogate.statusCode()).isEqualTo(400);
        var nul = ed.submit("/new", "/new", rawForm("cafe", "# Cafe\n\nbody \u0000 here\n", "save"));
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("line 3: a NUL character (U+0000) is not text; remove it");
        assertThat(moot.get("/wiki/cafe").statusCode()).isEqualTo(404);
    }

    @Test
    void aSummaryIsOneLineOfPrintableText() throws Exception {
        assertThat(errors(put("summary", "# Summary\n", "Fix typo\n\nSigned-off-by: Linus Torvalds <torvalds@example.org>")))
                .containsExactly("summary:1: the summary must be one line");
        assertThat(errors(put("summary", "# Summary\n", "Fix \u0001 typo \u001b[31m")))
                .containsExactly("summary:1: the summary: a control character (U+0001) is not text; remove it");
        assertThat(errors(put("summary", "# Summary\n", "Fix\u0000 typo"))).hasSize(1);
        WebClient ed = signedInEditor();
        Map<String, String> form = rawForm("summary", "# Summary\n", "save");
        form.put("summary", "Fix\nCo-authored-by: Someone <s@example.org>");
        var refused = ed.submit("/new", "/new", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("the summary must be one line");
        assertThat(put("summary", "# Summary\n", "Fix a typo in §2").statusCode()).isEqualTo(200);
    }

    @Test
    void aCommentThatHoldsWhatIsNotTextIsRefused() throws Exception {
        String[] member = {"mo", moot.userAdd("mo", "member").get(1)};
        var proposed = putBytes(member, "idea", json.writeValueAsBytes(Map.of("markdown", "# Idea\n", "summary", "An idea")));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
        int n = json.readTree(proposed.body()).get("proposal").asInt();
        WebClient ed = signedInEditor();
        var refused = ed.submit("/proposals/" + n, "/proposals/" + n + "/comment", Map.of("text", "Fine\nby me \u0000"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 2: a NUL character (U+0000) is not text; remove it");
        assertThat(ed.submit("/proposals/" + n, "/proposals/" + n + "/comment", Map.of("text", "Fine\nby me")).statusCode())
                .isEqualTo(303);
    }

    @Test
    void theChangesFeedIsWellFormedWhateverTheHistoryHolds() throws Exception {
        commitToMain("Fix \u0001 the \u001b[31mred\u001b[0m text \uFFFF", Map.of("health/noted.md",
                "---\ntitle: Noted \u0002\n---\nText\n".getBytes(UTF_8)));
        for (String feed : List.of("/changes.atom", "/changes.atom?page=health/noted")) {
            var response = moot.get(feed);
            assertThat(response.statusCode()).isEqualTo(200);
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(UTF_8)));
            assertThat(document.getElementsByTagName("entry").item(0).getTextContent()).contains("Fix  the [31mred[0m text");
        }
    }

    @Test
    void privateIsNotAPageId() throws Exception {
        for (String id : List.of("private", "private/accounts/admin")) {
            var response = put(id, "# Looks official\n", "");
            assertThat(response.statusCode()).as(id).isEqualTo(403);
            assertThat(json.readTree(response.body()).get("error").asText()).contains("is reserved");
            assertThat(moot.get("/wiki/" + id).statusCode()).isEqualTo(404);
        }
        WebClient ed = signedInEditor();
        assertThat(ed.submit("/new", "/new", rawForm("private", "# Looks official\n", "save")).statusCode()).isEqualTo(403);
    }

    private WebClient signedInEditor() {
        String password = moot.userAdd("wendy", "editor").get(0);
        WebClient client = new WebClient(moot);
        client.signIn("wendy", password);
        return client;
    }

    private static Map<String, String> rawForm(String id, String file, String action) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", id);
        form.put("raw", file);
        form.put("summary", "");
        form.put("action", action);
        return form;
    }

    /** Commits straight to main, as a push or another process would: no edit gate on the way. */
    private void commitToMain(String message, Map<String, byte[]> files) {
        try (Repo repo = Repo.open(moot.folder.content())) {
            new MainWriter(repo).commit(org.moot.engine.git.Origin.site(org.moot.engine.git.ChangeSource.PUSH), tip -> Optional.of(new MainWriter.Change(files,
                    new PersonIdent("Pat Pusher", "pat@users.moot.invalid"), message)));
        }
    }
}
