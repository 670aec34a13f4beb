package org.moot.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.TestRepos;

/** Accounts in private/, roles as commits in content.git, on a real site folder. */
class AccessTest {

    @TempDir
    Path tmp;
    SiteFolder folder;

    @BeforeEach
    void site() {
        folder = SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD);
    }

    @Test
    void passwordsAreArgon2idHashesAndNamesAreUnique() throws Exception {
        Accounts accounts = new Accounts(folder.privateDir());
        accounts.create("ruth", "Ruth", "ruth@example.org", "a long enough secret", true);
        String stored = Files.readString(folder.privateDir().resolve("accounts/ruth.json"));
        assertThat(stored).contains("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("a long enough secret");
        assertThat(accounts.login("ruth", "a long enough secret")).isPresent();
        assertThat(accounts.login("ruth", "a long enough secreT")).isEmpty();
        assertThat(accounts.login("nobody", "a long enough secret")).isEmpty();
        assertThatThrownBy(() -> accounts.create("ruth", "R", "", "another secret!", false)).hasMessageContaining("is taken");
        assertThatThrownBy(() -> accounts.create("Ruth", "R", "", "another secret!", false)).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> accounts.create("sam", "S", "", "short", false)).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> accounts.create("../x", "S", "", "long enough pw", false)).isInstanceOf(Accounts.Refused.class);
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() throws Exception {
        Accounts accounts = new Accounts(folder.privateDir());
        accounts.create("ruth", "Ruth", "", "a long enough secret", false);
        var created = accounts.createToken("ruth", "laptop");
        assertThat(created.secret()).startsWith("moot_");
        assertThat(Files.readString(folder.privateDir().resolve("accounts/ruth.json"))).doesNotContain(created.secret());
        assertThat(accounts.checkToken("ruth", created.secret())).isPresent();
        assertThat(accounts.checkToken("ruth", created.secret() + "x")).isEmpty();
        assertThat(accounts.checkToken("admin", created.secret())).isEmpty();
        accounts.revokeToken("ruth", created.token().id());
        assertThat(accounts.checkToken("ruth", created.secret())).isEmpty();
    }

    @Test
    void roleChangesAreCommitsByTheAdminWithTheReason() throws Exception {
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            Access access = site.access();
            User admin = access.login("admin", TestRepos.ADMIN_PASSWORD).orElseThrow();
            assertThat(admin.roles()).contains(Role.ADMIN, Role.EDITOR, Role.FACT_CHECKER);
            var ruth = access.register("ruth", "Ruth R.", "ruth@example.org", "a long enough secret", null, null);
            assertThat(ruth.verified()).isFalse();
            assertThat(access.user("ruth").orElseThrow().isMember()).isFalse();

            access.approve(admin, "ruth", "");
            access.setRoles(admin, "ruth", EnumSet.of(Role.MEMBER, Role.EDITOR), "Ruth edits the housing section");
            assertThat(access.user("ruth").orElseThrow().roles()).containsExactlyInAnyOrder(Role.READER, Role.MEMBER, Role.EDITOR);
            assertThatThrownBy(() -> access.setRoles(admin, "ruth", Set.of(Role.ADMIN), " "))
                    .hasMessageContaining("give a reason");
            assertThatThrownBy(() -> access.setRoles(admin, "admin", Set.of(Role.EDITOR), "Stepping down"))
                    .hasMessageContaining("at least one admin");
            User member = access.user("ruth").orElseThrow();
            assertThatThrownBy(() -> access.setRoles(member, "ruth", Set.of(Role.ADMIN), "I want it"))
                    .isInstanceOf(Access.Forbidden.class);

            try (Git git = Git.open(folder.content().toFile())) {
                RevCommit last = git.log().addPath(Roles.PATH).setMaxCount(1).call().iterator().next();
                assertThat(last.getAuthorIdent().getName()).isEqualTo("Site admin");
                assertThat(last.getAuthorIdent().getEmailAddress()).isEqualTo("admin@users.moot.invalid");
                assertThat(last.getFullMessage()).isEqualTo("Ruth edits the housing section\n");
            }
        }
    }

    @Test
    void aMembersListVerifiesEachMemberOnce() {
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            Access access = site.access();
            User admin = access.login("admin", TestRepos.ADMIN_PASSWORD).orElseThrow();
            assertThat(access.loadMembers(admin, "number,postcode\nM-1001, NV1 2AB\nM-1002,NV3 4CD\n")).isEqualTo(2);
            var verified = access.register("ruth", "Ruth", "", "a long enough secret", "m-1001", "nv12ab");
            assertThat(verified.verified()).isTrue();
            assertThat(access.user("ruth").orElseThrow().isMember()).isTrue();
            var again = access.register("sam", "Sam", "", "a long enough secret", "M-1001", "NV1 2AB");
            assertThat(again.verified()).isFalse();
            var wrong = access.register("tess", "Tess", "", "a long enough secret", "M-1002", "NV9 9ZZ");
            assertThat(wrong.verified()).isFalse();
            assertThat(access.user("tess").orElseThrow().isMember()).isFalse();
        }
        String stored = readAll(folder.privateDir());
        assertThat(stored).doesNotContain("M-1001").doesNotContain("NV1 2AB").doesNotContain("NV12AB");
    }

    private static String readAll(Path dir) {
        try (var files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(p));
            }
            return all.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void commitsByTheSiteCarryTheTimeTheyAreMade() throws Exception {
        Class.forName("org.moot.engine.access.Access");
        Thread.sleep(1_100);
        long before = System.currentTimeMillis() / 1000;
        SiteFolder later = SiteFolder.create(tmp.resolve("later"), true, TestRepos.ADMIN_PASSWORD);
        try (Git git = Git.open(later.content().toFile())) {
            RevCommit created = git.log().setMaxCount(1).call().iterator().next();
            assertThat(created.getAuthorIdent().getWhenAsInstant().getEpochSecond()).isGreaterThanOrEqualTo(before);
        }
    }
    @Test
    void twoAdminsClosingTheirAccountsAtOnceLeaveOneAdmin() throws Exception {
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            site.access().accounts().create("bea", "Bea", "", "bea's long secret", false);
            site.access().roles().set(Access.site(), "bea", EnumSet.of(Role.MEMBER, Role.ADMIN), "Bea is an admin too");
            User admin = site.access().login("admin", TestRepos.ADMIN_PASSWORD).orElseThrow();
            User bea = site.access().login("bea", "bea's long secret").orElseThrow();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try {
                var closings = java.util.List.of(
                        pool.submit(() -> close(site, start, admin, TestRepos.ADMIN_PASSWORD)),
                        pool.submit(() -> close(site, start, bea, "bea's long secret")));
                start.countDown();
                java.util.List<String> outcomes = new java.util.ArrayList<>();
                for (var closing : closings) {
                    outcomes.add(closing.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                // Each saw the other as an admin when it began; the role book, judged in turn, let only one go.
                assertThat(outcomes).containsExactlyInAnyOrder("closed", "refused: only admin");
                assertThat(site.access().roles().current().holders(Role.ADMIN)).filteredOn(site.access()::signsIn).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String close(Site site, java.util.concurrent.CountDownLatch start, User user, String password) throws Exception {
        start.await();
        try {
            site.personalData().close(user, password);
            return "closed";
        } catch (Accounts.Refused e) {
            return e.getMessage().contains("only admin") ? "refused: only admin" : "refused: " + e.getMessage();
        }
    }
}
