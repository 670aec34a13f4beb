package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Roles;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;

/** A broken roles file on main: admins keep their powers and are told on every page; others see nothing of it. */
class BrokenRolesPageTest {

    @TempDir
    Path tmp;

    @Test
    void adminsKeepTheirRolesAndSeeWhatToMend() {
        try (TestServer moot = new TestServer(tmp)) {
            String member = moot.userAdd("mia", "member").get(0);
            try (Repo repo = Repo.open(moot.folder.content())) {
                new MainWriter(repo).commit(org.moot.engine.git.Origin.site(org.moot.engine.git.ChangeSource.PUSH), tip -> Optional.of(new MainWriter.Change(java.util.Map.of(Roles.PATH,
                        "admin: [admin\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new org.eclipse.jgit.lib.PersonIdent("Pusher", "p@example.org"), "break the roles")));
            }
            WebClient admin = new WebClient(moot);
            assertThat(admin.signIn("admin", TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
            assertThat(admin.get("/admin").statusCode()).isEqualTo(200);
            assertThat(admin.get("/contents").body()).contains("The roles file is broken").contains(".moot/roles.yaml:");

            WebClient mia = new WebClient(moot);
            mia.signIn("mia", member);
            assertThat(mia.get("/contents").body()).doesNotContain("roles file is broken");
            assertThat(new WebClient(moot).get("/").body()).doesNotContain("roles file is broken");
        }
    }
}
