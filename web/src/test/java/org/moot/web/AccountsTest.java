package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Roles;

/** Identity and authority through a real server, as people and scripts meet them. */
class AccountsTest {

    @TempDir
    Path tmp;
    TestServer moot;

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    private static Map<String, String> registration(String name) {
        return Map.of("name", name, "displayName", name.toUpperCase(), "email", name + "@example.org",
                "password", "a long enough secret");
    }

    @Test
    void registerThenSignInAndSeeYourOwnPage() {
        WebClient ruth = new WebClient(moot);
        var registered = ruth.submit("/register", "/register", registration("ruth"));
        assertThat(registered.statusCode()).isEqualTo(303);
        assertThat(registered.headers().firstValue("Location")).hasValue("/members/ruth?done=pending");
        assertThat(registered.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(ruth.get("/members/ruth?done=pending").body()).contains("An admin will confirm your membership")
                .contains("ruth@example.org").contains("Create a token");

        WebClient again = new WebClient(moot);
        assertThat(again.signIn("ruth", "a long enough secret").statusCode()).isEqualTo(303);
        String own = again.get("/members/ruth").body();
        assertThat(own).contains("Access tokens").contains("ruth@example.org");
        // Another visitor sees neither the e-mail nor the settings.
        String seenByOthers = new WebClient(moot).get("/members/ruth").body();
        assertThat(seenByOthers).contains("RUTH").doesNotContain("ruth@example.org").doesNotContain("Access tokens");
    }

    @Test
    void aMemberDownloadsTheirDataThenClosesTheirAccountAndOnlyTheirNameAndHistoryRemain() throws Exception {
        WebClient ruth = moot.signedIn("ruth", "Ruth Rowe", java.util.Set.of(org.moot.engine.access.Role.EDITOR));
        assertThat(ruth.submit("/members/ruth", "/members/ruth/profile", Map.of("displayName", "Ruth Rowe", "skills", "statistics",
                "listed", "on")).statusCode()).isEqualTo(303);
        ruth.submit("/talk/health", "/talk/health", Map.of("action", "comment", "text", "A comment of mine."));
        var data = ruth.get("/members/ruth/data.json");
        assertThat(data.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.body());
        assertThat(json.path("account").path("name").asText()).isEqualTo("ruth");
        assertThat(json.path("profile").path("skills").get(0).asText()).isEqualTo("statistics");
        assertThat(json.path("comments").get(0).path("text").asText()).isEqualTo("A comment of mine.");
        assertThat(json.path("roles").toString()).contains("editor");
        assertThat(data.body()).doesNotContain("argon2").doesNotContain("passwordHash");
        assertThat(new WebClient(moot).get("/members/ruth/data.json").statusCode()).isEqualTo(403);

        assertThat(ruth.submit("/members/ruth", "/members/ruth/close", Map.of("password", "wrong password here"))
                .statusCode()).isEqualTo(400);
        var closed = ruth.submit("/members/ruth", "/members/ruth/close", Map.of("password", "a long enough secret"));
        assertThat(closed.statusCode()).isEqualTo(303);
        String page = new WebClient(moot).get("/members/ruth").body();
        assertThat(page).contains("This account was closed").contains("Comment on health")
                .doesNotContain("Ruth Rowe").doesNotContain("statistics");
        assertThat(ruth.get("/members/ruth/data.json").statusCode()).isEqualTo(403); // the session ended with the account
        assertThat(new WebClient(moot).signIn("ruth", "a long enough secret").statusCode()).isNotEqualTo(303);
        assertThat(new WebClient(moot).get("/members").body()).doesNotContain("/members/ruth");
        assertThat(new WebClient(moot).get("/talk/health").body()).contains("A comment of mine."); // what she wrote stays
        assertThat(moot.site.access().roles().current().of("ruth")).isEmpty(); // given up in a public commit
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moot.site.access().register("ruth", "Someone Else", "",
                "another long secret", null, null)).hasMessageContaining("taken"); // nobody else writes under her name
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moot.site.access().register("rowe", "Ruth Rowe", "",
                "another long secret", null, null)).hasMessageContaining("another member's"); // nor under the name her history shows
        // A closed account takes no roles, so it can never stand in for the site's last admin.
        var admin = moot.site.access().login("admin", TestServer.ADMIN_PASSWORD).orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moot.site.access().setRoles(admin, "ruth",
                java.util.Set.of(org.moot.engine.access.Role.ADMIN), "try")).hasMessageContaining("no open account");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moot.site.personalData().close(admin, TestServer.ADMIN_PASSWORD))
                .hasMessageContaining("only admin");
    }

    @Test
    void closingAsksThePasswordThroughTheSignInThrottle() {
        WebClient sam = moot.signedIn("sam", "Sam", java.util.Set.of(org.moot.engine.access.Role.MEMBER));
        for (int i = 0; i < 5; i++) { // a stolen session cannot guess the password here either
            assertThat(sam.submit("/members/sam", "/members/sam/close", Map.of("password", "wrong " + i)).statusCode()).isIn(400, 429);
        }
        assertThat(sam.submit("/members/sam", "/members/sam/close", Map.of("password", "a long enough secret")).statusCode())
                .isEqualTo(429);
        assertThat(moot.site.access().accounts().find("sam").orElseThrow().wasClosed()).isFalse();
    }

    @Test
    void changingThePasswordSignsOutEverywhereElse() {
        WebClient laptop = new WebClient(moot);
        laptop.submit("/register", "/register", registration("ruth"));
        WebClient phone = new WebClient(moot);
        phone.signIn("ruth", "a long enough secret");
        assertThat(phone.get("/members/ruth").body()).contains("Access tokens");

        assertThat(laptop.submit("/members/ruth", "/members/ruth/password",
                Map.of("current", "wrong password!", "password", "an even longer secret")).statusCode()).isEqualTo(400);
        assertThat(laptop.submit("/members/ruth", "/members/ruth/password",
                Map.of("current", "a long enough secret", "password", "an even longer secret")).statusCode()).isEqualTo(303);
        assertThat(laptop.get("/members/ruth").body()).contains("Access tokens");
        assertThat(phone.get("/members/ruth").body()).doesNotContain("Access tokens");
        assertThat(new WebClient(moot).signIn("ruth", "a long enough secret").statusCode()).isEqualTo(401);
        assertThat(new WebClient(moot).signIn("ruth", "an even longer secret").statusCode()).isEqualTo(303);
    }

    @Test
    void wrongPasswordsAreRefusedAndThenSlowed() {
        WebClient visitor = new WebClient(moot);
        assertThat(visitor.signIn("admin", "not the password").statusCode()).isEqualTo(401);
        for (int i = 0; i < 4; i++) {
            visitor.signIn("admin", "still not it " + i);
        }
        var slowed = visitor.signIn("admin", TestServer.ADMIN_PASSWORD);
        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(slowed.body()).contains("Too many failed attempts");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        WebClient admin = new WebClient(moot);
        admin.signIn("admin", TestServer.ADMIN_PASSWORD);
        assertThat(admin.postRaw("/admin/roles", Map.of("name", "admin", "role", "member", "reason", "x")).statusCode()).isEqualTo(403);
        assertThat(admin.postRaw("/admin/roles", Map.of("name", "admin", "role", "member", "reason", "x", "csrf", "forged"))
                .statusCode()).isEqualTo(403);
        assertThat(new WebClient(moot).postRaw("/login", Map.of("name", "admin", "password", TestServer.ADMIN_PASSWORD))
                .statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin").statusCode()).isEqualTo(200);
    }

    @Test
    void tokensWorkWithTheApiUntilRevoked() {
        WebClient ruth = new WebClient(moot);
        ruth.submit("/register", "/register", registration("ruth"));
        var made = ruth.submit("/members/ruth", "/members/ruth/tokens", Map.of("label", "script"));
        assertThat(made.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<code>(moot_[A-Za-z0-9_-]+)</code>").matcher(made.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(ruth.get("/members/ruth").body()).doesNotContain(token);

        WebClient script = new WebClient(moot);
        assertThat(script.getWithToken("/api/pages/health", "ruth", token).statusCode()).isEqualTo(200);
        var wrong = script.getWithToken("/api/pages/health", "ruth", token + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));

        Matcher id = Pattern.compile("/members/ruth/tokens/([^/]+)/revoke").matcher(ruth.get("/members/ruth").body());
        assertThat(id.find()).isTrue();
        assertThat(ruth.submit("/members/ruth", "/members/ruth/tokens/" + id.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(303);
        assertThat(script.getWithToken("/api/pages/health", "ruth", token).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminApprovesAndPromotesAndEachChangeIsACommit() throws Exception {
        new WebClient(moot).submit("/register", "/register", registration("ruth"));
        WebClient admin = new WebClient(moot);
        admin.signIn("admin", TestServer.ADMIN_PASSWORD);
        assertThat(admin.get("/admin").body()).contains("Approve as member").contains("RUTH");
        assertThat(admin.submit("/admin", "/admin/approve", Map.of("name", "ruth")).statusCode()).isEqualTo(303);
        assertThat(admin.submit("/admin", "/admin/roles", Map.of("name", "ruth", "role", "editor",
                "reason", "Ruth agreed to edit the housing pages")).statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get("/members/ruth").body()).contains("<span class=\"status\">editor</span>");

        try (Git git = Git.open(moot.folder.content().toFile())) {
            List<RevCommit> history = new java.util.ArrayList<>();
            git.log().addPath(Roles.PATH).call().forEach(history::add);
            assertThat(history).extracting(RevCommit::getShortMessage).startsWith(
                    "Ruth agreed to edit the housing pages", "Approve ruth as a member");
            assertThat(history.get(0).getAuthorIdent().getName()).isEqualTo("Site admin");
        }
        assertThat(moot.site.access().user("ruth").orElseThrow().roles()).extracting(r -> r.id()).containsOnly("reader", "editor");
        // The public record: who holds what since which commit, and every change, for anyone (and any mirror) to read.
        String record = new WebClient(moot).get("/governance").body();
        assertThat(record).containsPattern("<li><a href=\"/members/ruth\">ruth</a>\\s*<small>since "
                + "<time datetime=\"[^\"]+\">[0-9-]{10}</time>,\\s*by Site admin: Ruth agreed to edit the housing pages");
        assertThat(record).contains("Approve ruth as a member").contains("<h3>admin</h3>");
    }

    @Test
    void aMemberCannotChangeRolesOrReachTheAdminPage() {
        moot.site.access().register("ruth", "Ruth", "", "a long enough secret", null, null);
        WebClient ruth = new WebClient(moot);
        ruth.signIn("ruth", "a long enough secret");
        assertThat(ruth.get("/admin").statusCode()).isEqualTo(403);
        // A valid CSRF token from her own page does not make her an admin.
        assertThat(ruth.submit("/members/ruth", "/admin/roles", Map.of("name", "ruth", "role", "admin", "reason", "me"))
                .statusCode()).isEqualTo(403);
        assertThat(ruth.submit("/members/ruth", "/admin/members", Map.of("csv", "1,2")).statusCode()).isEqualTo(403);
        // Nor can she change someone else's account.
        assertThat(ruth.submit("/members/ruth", "/members/admin/tokens", Map.of("label", "x")).statusCode()).isEqualTo(403);
        assertThat(moot.site.access().user("ruth").orElseThrow().roles()).extracting(r -> r.id()).containsOnly("reader");
    }

    @Test
    void onlyMembersWhoOptInAreListed() {
        for (String name : new String[] {"listed", "hidden"}) {
            WebClient c = new WebClient(moot);
            c.submit("/register", "/register", registration(name));
            var profile = new java.util.HashMap<>(Map.of("displayName", name + " person", "bio", "Works on " + name + " housing",
                    "skills", "statistics, drafting", "interests", "housing", "branch", "Ashford"));
            if (name.equals("listed")) {
                profile.put("listed", "on");
            }
            assertThat(c.submit("/members/" + name, "/members/" + name + "/profile", profile).statusCode()).isEqualTo(303);
        }
        // Listed, but not a member until an admin approves: the directory is of members.
        assertThat(new WebClient(moot).get("/members").body()).doesNotContain("listed person");
        moot.site.access().approve(moot.site.access().login("admin", TestServer.ADMIN_PASSWORD).orElseThrow(), "listed", "");
        moot.site.access().approve(moot.site.access().login("admin", TestServer.ADMIN_PASSWORD).orElseThrow(), "hidden", "");
        WebClient visitor = new WebClient(moot);
        for (String query : new String[] {"/members", "/members?q=housing", "/members?skill=statistics", "/members?branch=ashford",
                "/members?q=hidden", "/members?interest=housing"}) {
            String html = visitor.get(query).body();
            assertThat(html).as(query).doesNotContain("hidden person").doesNotContain("/members/hidden");
        }
        assertThat(visitor.get("/members?skill=statistics").body()).contains("listed person");
        assertThat(visitor.get("/members?skill=knitting").body()).doesNotContain("listed person");
        assertThat(visitor.get("/members/hidden").body()).doesNotContain("Works on hidden housing");
    }

    @Test
    void userAddWorksWhileTheServerRunsAndPrintsTwoLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main(new PrintStream(out, true), System.err).run(new String[] {
            "user", "add", "fred", "--role", "editor", "--site", moot.folder.dir().toString()});
        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("password: ");
        assertThat(lines.get(1)).startsWith("token: moot_");
        String token = lines.get(1).substring("token: ".length());
        assertThat(new WebClient(moot).getWithToken("/api/pages/health", "fred", token).statusCode()).isEqualTo(200);
        assertThat(new WebClient(moot).signIn("fred", lines.get(0).substring("password: ".length())).statusCode()).isEqualTo(303);
        assertThat(moot.site.access().user("fred").orElseThrow().roles()).extracting(r -> r.id()).contains("editor");
    }

    @Test
    void noSecretOrAddressEverReachesTheContentRepository() throws Exception {
        WebClient admin = new WebClient(moot);
        admin.signIn("admin", TestServer.ADMIN_PASSWORD);
        admin.submit("/admin", "/admin/members", Map.of("csv", "M-1001,NV1 2AB\nM-1002,NV3 4CD"));
        WebClient ruth = new WebClient(moot);
        ruth.submit("/register", "/register", Map.of("name", "ruth", "displayName", "Ruth", "email", "ruth@example.org",
                "password", "a long enough secret", "number", "M-1001", "postcode", "NV1 2AB"));
        String token = ruth.submit("/members/ruth", "/members/ruth/tokens", Map.of("label", "x")).body()
                .replaceAll("(?s).*<code>(moot_[A-Za-z0-9_-]+)</code>.*", "$1");
        admin.submit("/admin", "/admin/roles", Map.of("name", "ruth", "role", "fact-checker", "reason", "Checks figures"));
        assertThat(moot.site.access().user("ruth").orElseThrow().isMember()).isTrue();

        var account = moot.site.access().accounts().find("ruth").orElseThrow();
        Process cat = new ProcessBuilder("git", "cat-file", "--batch-all-objects", "--batch")
                .directory(moot.folder.content().toFile()).redirectErrorStream(true).start();
        String everything = new String(cat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(cat.waitFor()).isZero();
        assertThat(everything).contains("ruth").contains("Checks figures"); // the scan does see the content
        assertThat(everything).doesNotContain("$argon2", account.passwordHash(), token, account.tokens().get(0).hash(),
                "@example.org", "M-1001", "NV1 2AB", "a long enough secret", TestServer.ADMIN_PASSWORD);
        assertThat(everything).doesNotContainPattern("[A-Za-z0-9._%+-]+@(?!users\\.moot\\.invalid|localhost)[A-Za-z0-9.-]+\\.[a-z]{2,}");
    }
}
