package org.moot.engine.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void namesBecomeIdsOnceAndNeverCollide() {
        Names names = new Names();
        assertThat(names.of("Energy Policy.md")).contains("energy-policy.md");
        assertThat(names.of("Energy_Policy.md")).contains("energy-policy-2.md"); // the same id: told apart
        assertThat(names.of("Energy Policy.md")).contains("energy-policy.md"); // the same path: the same name, every time
        assertThat(names.of("Notes/v1.2+plans.md")).contains("notes/v1-2-plans.md");
        assertThat(names.of("notes/other.md")).contains("notes-2/other.md"); // a second folder that would be notes/
        assertThat(names.of("Café Menu.md")).contains("cafe-menu.md");
        assertThat(names.of("Заметки.md")).contains("page.md"); // no Latin letters left: still a page, never an empty name
        assertThat(names.of("Talk/Minutes.md")).contains("talk-2/minutes.md"); // talk/ holds discussions
        assertThat(names.of("Private.md")).contains("private-page.md");
        assertThat(names.of("foo/index.md")).contains("foo/index.md");
        assertThat(names.of("Foo.md")).contains("foo-2.md"); // foo.md would be page foo, which foo/index.md already is
        assertThat(names.of("images/Logo Final.PNG")).contains("images/Logo Final.PNG"); // other files keep their names
        assertThat(names.of(".moot/roles.yaml")).isEmpty(); // never the source's roles
        assertThat(names.renamed()).isEqualTo(9);
    }
}
