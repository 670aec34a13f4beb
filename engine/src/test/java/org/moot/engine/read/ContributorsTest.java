package org.moot.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moot.engine.git.CommitInfo;

/** Writers of a collective page are counted by account, never by the name they chose. */
class ContributorsTest {

    private static CommitInfo commit(String name, String address) {
        return new CommitInfo("0".repeat(40), Instant.EPOCH, name, "edit", address, "edit");
    }

    @Test
    void countsEditsByAccountAndLeavesOutTheSite() {
        var writers = Contributors.of(List.of(
                commit("Ann Again", "ann@users.moot.invalid"), commit("Bob", "bob@users.moot.invalid"),
                commit("Ann", "ann@users.moot.invalid"), commit("Moot", "moot@localhost"),
                commit("Ann", "ANN@users.moot.invalid"), commit("Gollum User", "someone@example.org")));
        assertThat(writers).containsExactly(new Contributors.Contributor("ann", "Ann Again", 3),
                new Contributors.Contributor("bob", "Bob", 1), new Contributors.Contributor("", "Gollum User", 1));
    }
}
