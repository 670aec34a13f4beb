package org.moot.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.ContentCheck;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.TestRepos;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.schema.Violation;

/**
 * A roles file that does not read must not lock every admin out: it is refused by the checks,
 * and a site that finds one on {@code main} anyway keeps the last valid roles and says what is wrong.
 */
class BrokenRolesTest {

    @TempDir
    Path tmp;

    @Test
    void strictReadingNamesFileAndLine() {
        assertThat(Roles.read("admin:\n  - admin\neditor:\n  - ok-name\n  - Not A Name\n").problems())
                .extracting(Violation::toString).containsExactly(".moot/roles.yaml:5: 'Not A Name' is not a user name");
        assertThat(Roles.read("admin: [admin]\nwizard: [ann]\n").problems())
                .extracting(Violation::line).containsExactly(2);
        assertThat(Roles.read("admin: [admin\n").valid()).isFalse();
        assertThat(Roles.read("admin: admin\n").problems().get(0).message()).contains("must be a list");
        assertThat(Roles.read(Roles.NONE.with("ann", java.util.Set.of(Role.EDITOR)).toYaml()).valid()).isTrue();
    }

    @Test
    void aBrokenRolesFileOnMainKeepsTheLastValidRolesAndIsReported() {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD);
        try (Repo repo = Repo.open(folder.content())) {
            // As a push with plain git could bring it: straight onto main, past every check.
            new MainWriter(repo).commit(TestRepos.PUSHED, tip -> Optional.of(new MainWriter.Change(
                    TestRepos.files(Roles.PATH, "admin: [admin\n"), TestRepos.TESTER, "break the roles")));
        }
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            RoleBook roles = site.access().roles();
            assertThat(roles.current().of("admin")).contains(Role.ADMIN);
            assertThat(site.access().login("admin", TestRepos.ADMIN_PASSWORD).orElseThrow().has(Role.ADMIN)).isTrue();
            assertThat(roles.problems(site.tip())).extracting(Violation::path).containsExactly(Roles.PATH);
            // Saving a role rewrites the file from the roles in force, which mends it.
            site.access().setRoles(site.access().user("admin").orElseThrow(), "admin",
                    java.util.EnumSet.of(Role.ADMIN, Role.EDITOR), "Mend the roles file");
            assertThat(roles.problems(site.tip())).isEmpty();
            assertThat(roles.current().of("admin")).contains(Role.ADMIN, Role.EDITOR);
        }
    }

    @Test
    void mootCheckChecksTheSettingsFiles() {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD);
        try (Repo repo = Repo.open(folder.content())) {
            new MainWriter(repo).commit(TestRepos.PUSHED, tip -> Optional.of(new MainWriter.Change(TestRepos.files(
                    Roles.PATH, "admin:\n  - admin\nwizard: []\n", ".moot/site.yaml", "name: [a, b]\n",
                    ".moot/governance.yaml", "voting-days: 0\n"),
                    TestRepos.TESTER, "break the settings")));
        }
        assertThat(ContentCheck.check(folder.dir())).extracting(Violation::toString).containsExactly(
                ".moot/governance.yaml:1: 'voting-days' must be a whole number from 1 to 3650",
                ".moot/roles.yaml:3: unknown role 'wizard'; roles are reader, member, editor, fact-checker, moderator, council, admin",
                ".moot/site.yaml:1: 'name' must be a single line of text");
    }
}
