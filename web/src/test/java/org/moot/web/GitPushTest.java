package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.moot.web.GitCli.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;

/** Clone, push and propose with the real {@code git} command line against a real server. */
class GitPushTest {

    static final String PAGE = "housing/planning/index.md";

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

    Run git(Path dir, String... args) {
        return GitCli.run(tmp, dir, "Pat Pusher", "pat@example.org", args);
    }

    /** A clone as {@code name} (with a fresh access token), or anonymous when {@code name} is null. */
    Path clone(String name, String role) {
        String url = moot.url("/git/content.git");
        if (name != null) {
            String token = moot.userAdd(name, role).get(1);
            url = url.replace("http://", "http://" + name + ":" + token + "@");
        }
        Path dir = tmp.resolve("clone-" + (name == null ? "anonymous" : name));
        Run cloned = git(tmp, "clone", "-q", url, dir.toString());
        assertThat(cloned.exit()).as(cloned.output()).isZero();
        return dir;
    }

    void write(Path clone, String path, String text) throws IOException {
        Files.createDirectories(clone.resolve(path).getParent());
        Files.writeString(clone.resolve(path), text);
    }

    Run commitAndPush(Path clone, String message, String... refspec) {
        assertThat(git(clone, "add", "-A").exit()).isZero();
        assertThat(git(clone, "commit", "-q", "-m", message).exit()).isZero();
        List<String> args = new ArrayList<>(List.of("push", "origin"));
        args.addAll(refspec.length == 0 ? List.of("HEAD:main") : List.of(refspec));
        return git(clone, args.toArray(String[]::new));
    }

    String mainOnServer() {
        return git(tmp, "--git-dir", moot.folder.content().toString(), "rev-parse", "main").output().strip();
    }

    @Test
    void anyoneClonesAndAnEditorsPushShowsOnThePageAndInSearchAtOnceKeepingItsAuthor() throws IOException {
        Path anonymous = clone(null, null);
        assertThat(anonymous.resolve(PAGE)).exists();
        assertThat(git(anonymous, "log", "--oneline").output()).contains("Create the demo site");

        Path clone = clone("edna", "editor");
        String text = Files.readString(clone.resolve(PAGE)) + "\nThe quayside plan needs a ferry.\n";
        write(clone, PAGE, text);
        Run pushed = commitAndPush(clone, "Add the quayside plan");
        assertThat(pushed.exit()).as(pushed.output()).isZero();

        assertThat(moot.get("/wiki/housing/planning").body()).contains("The quayside plan needs a ferry.");
        assertThat(moot.json("/api/search?q=quayside").path("total").asInt()).isEqualTo(1);
        String log = git(tmp, "--git-dir", moot.folder.content().toString(), "log", "-1", "--format=%an <%ae>|%s", "main").output();
        assertThat(log.strip()).isEqualTo("Pat Pusher <pat@example.org>|Add the quayside plan");
        assertThat(moot.get("/changes").body()).contains("Add the quayside plan");

        // A pull of what the site did since works like any fetch.
        assertThat(git(anonymous, "pull", "-q", "--ff-only").exit()).isZero();
        assertThat(Files.readString(anonymous.resolve(PAGE))).contains("quayside");
    }

    @Test
    void aPushWithBrokenFrontMatterIsRefusedLineByLineAndChangesNothing() throws IOException {
        Path clone = clone("edna", "editor");
        String before = mainOnServer();
        write(clone, PAGE, "---\ntitle: Planning\nkind: nonsense\n---\nText.\n");
        write(clone, "housing/new-page.md", "---\ntitle: [unclosed\n---\nText.\n");
        Run pushed = commitAndPush(clone, "Break two pages");
        assertThat(pushed.exit()).isNotZero();
        assertThat(pushed.output()).contains("remote: " + PAGE + ":3: ").contains("remote: housing/new-page.md:")
                .contains("[remote rejected] HEAD -> main");
        assertThat(mainOnServer()).isEqualTo(before);
        assertThat(moot.get("/wiki/housing/new-page").statusCode()).isEqualTo(404);
        // Its objects were stored before it was refused; they are never shown.
        assertThat(moot.get("/?rev=" + git(clone, "rev-parse", "HEAD").output().strip()).statusCode()).isEqualTo(404);
    }

    @Test
    void settingsRolesForcePushesAndPushesWithoutAToken() throws IOException {
        Path admin = clone("ada", "admin");
        String before = mainOnServer();
        write(admin, ".moot/roles.yaml", "roles: [this is: not: a roles file\n");
        Run broken = commitAndPush(admin, "Break the roles");
        assertThat(broken.exit()).isNotZero();
        assertThat(broken.output()).contains("remote: .moot/roles.yaml:");
        assertThat(mainOnServer()).isEqualTo(before);

        assertThat(git(admin, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        Path editor = clone("edna", "editor");
        write(editor, PAGE, Files.readString(editor.resolve(PAGE)) + "\nFirst.\n");
        assertThat(commitAndPush(editor, "First").exit()).isZero();
        write(admin, PAGE, Files.readString(admin.resolve(PAGE)) + "\nRewritten.\n");
        Run forced = commitAndPush(admin, "Rewrite", "--force", "HEAD:main");
        assertThat(forced.exit()).isNotZero();
        assertThat(git(tmp, "--git-dir", moot.folder.content().toString(), "log", "-1", "--format=%s", "main").output())
                .contains("First");

        Path anonymous = clone(null, null);
        write(anonymous, PAGE, "anything");
        Run unsigned = commitAndPush(anonymous, "Anonymous");
        assertThat(unsigned.exit()).isNotZero();
        assertThat(unsigned.output()).contains("could not read Username"); // asked for credentials: the 401 challenge
        var challenge = moot.get("/git/content.git/info/refs?service=git-receive-pack");
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic realm="));
    }

    @Test
    void aMembersPushBecomesAProposalThatAnEditorAcceptsOnTheWeb() throws IOException {
        Path member = clone("mo", "member");
        String before = mainOnServer();
        write(member, PAGE, Files.readString(member.resolve(PAGE)) + "\nA member's idea about tram lines.\n");
        Run toMain = commitAndPush(member, "Tram lines");
        assertThat(toMain.exit()).isNotZero();
        assertThat(toMain.output()).contains("needs review").contains("remote:   " + moot.url("/proposals/"));
        assertThat(mainOnServer()).isEqualTo(before);

        write(member, "housing/planning/trams.md", "---\ntitle: Trams\n---\nTrams for the new estates.\n");
        assertThat(git(member, "add", "-A").exit()).isZero();
        assertThat(git(member, "commit", "-q", "-m", "Trams page").exit()).isZero();
        Run proposed = git(member, "push", "origin", "HEAD:refs/for/main/trams");
        assertThat(proposed.exit()).as(proposed.output()).isZero();
        assertThat(proposed.output()).contains("Made proposal");
        int n = Integer.parseInt(proposed.output().replaceAll("(?s).*Made proposal (\\d+).*", "$1"));

        write(member, "housing/planning/trams.md", "---\ntitle: Trams\n---\nTrams for the new estates, every ten minutes.\n");
        // A closing note written by the member themselves says nothing: only the site writes the archive.
        String someoneElses = before; // the site's own last commit
        Run again = commitAndPush(member, "Trams, more often\n\nMoot-Closed: accepted\nMoot-Closed-By: admin\nMoot-First-Commit: "
                + someoneElses, "HEAD:refs/for/main/trams");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("Updated proposal " + n);
        assertThat(moot.get("/members/mo").body()).contains("waiting for review").doesNotContain("accepted by");
        assertThat(moot.get("/proposals").body()).contains("/proposals/" + n);

        WebClient editor = moot.signedIn("eve", "Eve Editor", java.util.Set.of(Role.MEMBER, Role.EDITOR));
        String reviewed = WebClient.field(editor.get("/proposals/" + n).body(), "reviewed");
        // The author adds to it while the editor reads: accepting what they read is refused, and they look again.
        write(member, "housing/planning/trams.md", "---\ntitle: Trams\n---\nTrams for the new estates, every five minutes.\n");
        assertThat(commitAndPush(member, "Trams, even more often", "HEAD:refs/for/main/trams").exit()).isZero();
        assertThat(editor.submit("/proposals/" + n, "/proposals/" + n + "/accept", Map.of("reviewed", reviewed)).statusCode())
                .isEqualTo(409);
        String current = WebClient.field(editor.get("/proposals/" + n).body(), "reviewed");
        assertThat(editor.submit("/proposals/" + n, "/proposals/" + n + "/accept", Map.of("reviewed", current)).statusCode())
                .isEqualTo(303);
        assertThat(moot.get("/wiki/housing/planning/trams").body()).contains("every five minutes");
        // Credited to the commits the member pushed, not to whatever commit a trailer of theirs named.
        assertThat(git(tmp, "--git-dir", moot.folder.content().toString(), "log", "-1", "--format=%an|%s", "main").output().strip())
                .isEqualTo("Pat Pusher|Tram lines");
    }

    @Test
    void aMemberCannotPushAFactPageOrSettingsEvenForReview() throws IOException {
        Path member = clone("mo", "member");
        write(member, ".moot/site.yaml", "title: Mine now\n");
        Run settings = commitAndPush(member, "Take over", "HEAD:refs/for/main");
        assertThat(settings.exit()).isNotZero();
        assertThat(settings.output()).contains("only admins change the site's settings");
        assertThat(git(member, "reset", "-q", "--hard", "origin/main").exit()).isZero();

        write(member, "talk/housing/planning/forged.md", "---\nauthor: admin\n---\nI never said this.\n");
        Run talk = commitAndPush(member, "Forge a comment", "HEAD:refs/for/main");
        assertThat(talk.exit()).isNotZero();
        assertThat(talk.output()).contains("kept by the site itself");
        assertThat(git(member, "reset", "-q", "--hard", "origin/main").exit()).isZero();

        write(member, "housing/ notes.txt", "a name that starts with a space");
        write(member, "housing/invisible\u202Etxt.md", "# Reversed\n");
        Run names = commitAndPush(member, "Odd names", "HEAD:refs/for/main");
        assertThat(names.exit()).isNotZero();
        assertThat(names.output()).contains("housing/ notes.txt:1: this file name cannot be served")
                .contains("housing/invisible?txt.md:1: this file name cannot be served");

        assertThat(git(member, "tag", "-a", "v1", "-m", "a tag", "origin/main").exit()).isZero();
        Run tag = git(member, "push", "origin", "v1:refs/for/main");
        assertThat(tag.exit()).isNotZero();
        assertThat(tag.output()).contains("only commits are taken");
    }

    @Test
    void linksSubmodulesHugeFilesThousandsOfFilesAndBadIdsAreRefusedWithRemoteLines() throws IOException, InterruptedException {
        Path editor = clone("edna", "editor");
        String before = mainOnServer();
        Files.createSymbolicLink(editor.resolve("housing/passwords.md"), Path.of("../../private/users.yaml"));
        assertThat(git(editor, "add", "-A").exit()).isZero();
        assertThat(git(editor, "update-index", "--add", "--cacheinfo", "160000," + before + ",housing/vendored").exit()).isZero();
        assertThat(git(editor, "commit", "-q", "-m", "A link and a submodule").exit()).isZero();
        Run odd = git(editor, "push", "origin", "HEAD:main");
        assertThat(odd.exit()).isNotZero();
        assertThat(odd.output()).contains("remote: housing/passwords.md:1: a symbolic link cannot be part of a site")
                .contains("remote: housing/vendored:1: a submodule cannot be part of a site");
        assertThat(mainOnServer()).isEqualTo(before);
        Path stranger = tmp.resolve("stranger");
        assertThat(git(tmp, "init", "-q", "--bare", stranger.toString()).exit()).isZero();
        Run taken = git(stranger, "fetch", moot.url("/git/content.git"), git(editor, "rev-parse", "HEAD").output().strip());
        assertThat(taken.exit()).as("a refused push's objects are served to nobody: " + taken.output()).isNotZero();

        assertThat(git(editor, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        write(editor, "housing/Bad Id.md", "# Capitals and a space\n");
        write(editor, "housing/a+b.md", "# A plus\n");
        Run ids = commitAndPush(editor, "Names that are not ids");
        assertThat(ids.exit()).isNotZero();
        assertThat(ids.output()).contains("remote: housing/Bad Id.md:1: a new Markdown file must be named by a page id: "
                + "'housing/Bad Id' is not a valid page id: segment 'Bad Id' may only use lower-case letters a-z")
                .contains("remote: housing/a+b.md:1: a new Markdown file must be named by a page id");
        assertThat(git(editor, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        write(editor, "housing/c1\u0085control.txt", "");
        write(editor, "housing/nbsp.txt\u00a0", "");
        write(editor, "housing/line\u2028break.txt", "");
        write(editor, "housing/dot.md.", "");
        write(editor, "housing/INDEX.MD", "");
        write(editor, "HOUSING/other.txt", "");
        write(editor, "housing/caf\u00e9.txt", "");
        write(editor, "housing/cafe\u0301.txt", "");
        write(editor, "housing/con.txt", "");
        Run names = commitAndPush(editor, "Names other systems cannot hold");
        assertThat(names.exit()).isNotZero();
        assertThat(names.output()).contains("remote: housing/c1?control.txt:1: this file name cannot be served")
                .contains("remote: housing/nbsp.txt\u00a0:1: this file name cannot be served")
                .contains("remote: housing/line?break.txt:1: this file name cannot be served")
                .contains("remote: housing/dot.md.:1: this file name cannot be served")
                .contains("remote: housing/INDEX.MD:1: this name differs only in case or Unicode form from ")
                .contains("remote: HOUSING/other.txt:1: this name differs only in case or Unicode form from housing")
                .contains("remote: housing/cafe\u0301.txt:1: this name differs only in case or Unicode form from ")
                .contains("remote: housing/caf\u00e9.txt:1: this name differs only in case or Unicode form from ")
                .contains("remote: housing/con.txt:1: this file name cannot be served");
        assertThat(mainOnServer()).isEqualTo(before);

        assertThat(git(editor, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        ProcessBuilder notUtf8 = new ProcessBuilder("bash", "-c", "b=$(printf x | git hash-object -w --stdin)"
                + " && t=$( (git ls-tree HEAD; printf '100644 blob %s\\tbad\\377name.txt\\n' $b) | git mktree)"
                + " && c=$(git -c user.name='Pat Pusher' -c user.email=pat@example.org commit-tree $t -p HEAD -m 'Not UTF-8')"
                + " && git push origin $c:refs/heads/main").directory(editor.toFile()).redirectErrorStream(true);
        notUtf8.environment().put("HOME", tmp.toString());
        Process pushed = notUtf8.start();
        String notUtf8Out = new String(pushed.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(pushed.waitFor()).as(notUtf8Out).isNotZero();
        assertThat(notUtf8Out).contains("remote: bad?name.txt:1: this file name is not UTF-8");
        assertThat(mainOnServer()).isEqualTo(before);

        write(editor, "housing/..md", "# Dots\n");
        assertThat(commitAndPush(editor, "A dot file").output())
                .contains("remote: Refused: housing/..md is not part of a site: names starting with a dot");
        assertThat(mainOnServer()).isEqualTo(before);

        assertThat(git(editor, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        Files.write(editor.resolve("housing/huge.bin"), new byte[5 * 1024 * 1024]);
        Run huge = commitAndPush(editor, "A huge file");
        assertThat(huge.exit()).isNotZero();
        assertThat(huge.output()).as("the pack is refused before it is stored").contains("Object too large (5,242,880 bytes)")
                .contains("Max object size limit is 4,194,304 bytes");
        assertThat(mainOnServer()).isEqualTo(before);

        assertThat(git(editor, "reset", "-q", "--hard", "origin/main").exit()).isZero();
        for (int i = 0; i <= 10_000; i++) {
            write(editor, "many/f" + i + ".txt", "");
        }
        Run many = commitAndPush(editor, "Ten thousand and one files", "HEAD:refs/for/main");
        assertThat(many.exit()).isNotZero();
        assertThat(many.output()).contains("remote: (push):1: this change touches 10001 files; at most 10000 may change at once");
        assertThat(mainOnServer()).isEqualTo(before);
        assertThat(moot.get("/proposals").body()).doesNotContain("Ten thousand");
    }

    @Test
    void everyPushedCommitIsCheckedAndNoneMayCarryAnotherMembersName() throws IOException {
        String fact = "housing/facts/homes-with-damp.md";
        Path member = clone("mo", "member");
        String before = mainOnServer();
        String original = Files.readString(member.resolve(fact));
        write(member, fact, original.replaceFirst("(?m)^value: .*$", "value: 90"));
        assertThat(git(member, "commit", "-q", "-am", "Change a fact").exit()).isZero();
        write(member, fact, original);
        Run undone = commitAndPush(member, "Put it back");
        assertThat(undone.exit()).isNotZero();
        assertThat(undone.output()).contains("needs review"); // the fact change was judged, though undone later
        assertThat(mainOnServer()).isEqualTo(before);

        Path editor = clone("edna", "editor");
        before = mainOnServer(); // adding the account changed the roles
        write(editor, PAGE, Files.readString(editor.resolve(PAGE)) + "\nIn someone else's name.\n");
        assertThat(git(editor, "add", "-A").exit()).isZero();
        assertThat(git(editor, "-c", "user.name=Site admin", "-c", "user.email=admin@users.moot.invalid", "commit", "-q", "-m",
                "Official").exit()).isZero();
        Run forged = git(editor, "push", "origin", "HEAD:main");
        assertThat(forged.exit()).isNotZero();
        assertThat(forged.output()).contains("<admin@users.moot.invalid>, which is not you");
        assertThat(git(editor, "-c", "user.name=Site admin", "-c", "user.email=ADMIN@Users.Moot.Invalid", "commit", "-q",
                "--amend", "--reset-author", "-m", "Official").exit()).isZero();
        assertThat(git(editor, "push", "origin", "HEAD:main").output()).contains("which is not you"); // case does not hide it
        assertThat(mainOnServer()).isEqualTo(before);

        Path waiting = clone("wes", "reader"); // an account whose registration is not approved: its pack is not even read
        write(waiting, PAGE, "anything");
        Run refused = commitAndPush(waiting, "Anything", "HEAD:refs/for/main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("403");
    }
}
