package org.moot.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.moot.schema.Page;
import org.moot.schema.PageParser;

class PermissionsTest {

    private final Permissions permissions = new Permissions();

    private static User user(String name, Role... roles) {
        Set<Role> set = new java.util.HashSet<>(List.of(roles));
        set.add(Role.READER);
        return new User(name, name.substring(0, 1).toUpperCase() + name.substring(1), set);
    }

    private static Page page(String path, String frontMatter) {
        return PageParser.parse(path, "---\n" + frontMatter + "\n---\n").page();
    }

    private Permissions.Verdict edit(User user, String path, Page before, Page after) {
        return permissions.edit(user, new Permissions.FileChange(path, Optional.ofNullable(before), Optional.ofNullable(after))).verdict();
    }

    @Test
    void factsArePublishedOnlyByFactCheckers() {
        Page fact = page("f.md", "title: F\nkind: fact");
        assertThat(edit(user("mo", Role.MEMBER), "f.md", fact, fact)).isEqualTo(Permissions.Verdict.PROPOSE);
        assertThat(edit(user("ed", Role.EDITOR), "f.md", fact, fact)).isEqualTo(Permissions.Verdict.PROPOSE);
        assertThat(edit(user("fc", Role.FACT_CHECKER), "f.md", fact, fact)).isEqualTo(Permissions.Verdict.PUBLISH);
        // Turning a fact into a plain page is still a change to a fact.
        assertThat(edit(user("ed", Role.EDITOR), "f.md", fact, page("f.md", "title: F"))).isEqualTo(Permissions.Verdict.PROPOSE);
    }

    @Test
    void aFactsDisputesLineIsTheSitesAlone() {
        Page disputed = page("f.md", "title: F\nkind: fact\nvalue: 1\nas-of: 2026-01-01\ndisputes: [2]\n"
                + "sources:\n  - {title: S, url: https://example.org, type: other}");
        Page cleared = page("f.md", "title: F\nkind: fact\nvalue: 2\nas-of: 2026-01-01\n"
                + "sources:\n  - {title: S, url: https://example.org, type: other}");
        Page corrected = page("f.md", "title: F\nkind: fact\nvalue: 2\nas-of: 2026-01-01\ndisputes:\n- 2\n"
                + "sources:\n  - {title: S, url: https://example.org, type: other}");
        User checker = user("fay", Role.FACT_CHECKER);
        assertThat(edit(checker, "f.md", disputed, cleared)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(checker, "f.md", cleared, disputed)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(checker, "f.md", disputed, corrected)).isEqualTo(Permissions.Verdict.PUBLISH); // the same list, written otherwise
    }

    @Test
    void papersArePublishedByTheirAuthorsAndEditors() {
        Page mine = page("p.md", "title: P\nkind: paper\nauthors: [Ruth, Sam]");
        User ruth = user("ruth", Role.MEMBER);
        assertThat(edit(ruth, "p.md", mine, mine)).isEqualTo(Permissions.Verdict.PUBLISH);
        // A new paper is submitted: the editors accept it (and its first version is tagged) or not.
        assertThat(edit(ruth, "p.md", null, mine)).isEqualTo(Permissions.Verdict.PROPOSE);
        assertThat(edit(user("ed", Role.EDITOR), "p.md", null, mine)).isEqualTo(Permissions.Verdict.PUBLISH);
        assertThat(edit(user("tess", Role.MEMBER), "p.md", mine, mine)).isEqualTo(Permissions.Verdict.PROPOSE);
        Page theirs = page("p.md", "title: P\nkind: paper\nauthors: [Sam]");
        Page hijacked = page("p.md", "title: P\nkind: paper\nauthors: [Sam, Ruth]");
        assertThat(edit(ruth, "p.md", theirs, hijacked)).isEqualTo(Permissions.Verdict.PROPOSE);
        assertThat(edit(user("ed", Role.EDITOR), "p.md", theirs, theirs)).isEqualTo(Permissions.Verdict.PUBLISH);
    }

    @Test
    void aDisplayNameDoesNotMakeAnAuthor() {
        Page priyas = page("p.md", "title: P\nkind: paper\nauthors: [\"Dr Priya Raman\"]");
        User lookalike = new User("mallory", "Dr Priya Raman", Set.of(Role.READER, Role.MEMBER));
        assertThat(edit(lookalike, "p.md", priyas, priyas)).isEqualTo(Permissions.Verdict.PROPOSE);
        Page admins = page("p.md", "title: P\nkind: paper\nauthors: [admin]");
        assertThat(edit(new User("mallory", "admin", Set.of(Role.READER, Role.MEMBER)), "p.md", admins, admins))
                .isEqualTo(Permissions.Verdict.PROPOSE);
    }

    @Test
    void settingsAndRolesAreForAdminsOnly() {
        assertThat(edit(user("ed", Role.EDITOR, Role.MEMBER), ".moot/roles.yaml", null, null)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(user("ad", Role.ADMIN), ".moot/roles.yaml", null, null)).isEqualTo(Permissions.Verdict.PUBLISH);
        // The moderation log is the site's own record: not even an admin writes an act by hand.
        assertThat(edit(user("ad", Role.ADMIN), ".moot/moderation/7.yaml", null, null)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(user("ad", Role.ADMIN), ".moot/Moderation/7.yaml", null, null)).isEqualTo(Permissions.Verdict.DENY);
    }

    @Test
    void readersAndAnonymousVisitorsCannotWrite() {
        Page topic = page("t.md", "title: T\nkind: topic");
        assertThat(edit(user("rea"), "t.md", topic, topic)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(User.ANONYMOUS, "t.md", topic, topic)).isEqualTo(Permissions.Verdict.DENY);
        assertThat(edit(user("mem", Role.MEMBER), "t.md", topic, topic)).isEqualTo(Permissions.Verdict.PROPOSE);
        assertThat(edit(user("ed", Role.EDITOR), "t.md", topic, topic)).isEqualTo(Permissions.Verdict.PUBLISH);
    }

    @Test
    void oneProposalMakesTheWholeChangeAProposal() {
        Page topic = page("t.md", "title: T\nkind: topic");
        Page fact = page("f.md", "title: F\nkind: fact");
        User editor = user("ed", Role.EDITOR);
        assertThat(permissions.edit(editor, List.of(
                new Permissions.FileChange("t.md", Optional.of(topic), Optional.of(topic)),
                new Permissions.FileChange("f.md", Optional.of(fact), Optional.of(fact)))).verdict())
                .isEqualTo(Permissions.Verdict.PROPOSE);
    }
}
