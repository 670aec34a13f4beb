package org.moot.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Display names that only look like someone else's are someone else's (probe: Cyrillic а, soft hyphens, RLO). */
class DisplayNamesTest {

    @Test
    void lookAlikeLettersFoldToTheSameName() {
        assertThat(DisplayNames.key("\u0430dmin")).isEqualTo(DisplayNames.key("admin")); // Cyrillic а
        assertThat(DisplayNames.key("adm\u0131n")).isEqualTo(DisplayNames.key("admin")); // dotless ı
        assertThat(DisplayNames.key("\u0430dm\u0456n")).isEqualTo(DisplayNames.key("admin")); // Cyrillic а and і
        assertThat(DisplayNames.key("Dr  Priya-Raman")).isEqualTo(DisplayNames.key("dr priya raman"));
        assertThat(DisplayNames.key("Zoë")).isEqualTo(DisplayNames.key("Zoe"));
        assertThat(DisplayNames.key("Ed Itor")).isNotEqualTo(DisplayNames.key("editor"));
        assertThat(DisplayNames.key("Ann")).isNotEqualTo(DisplayNames.key("Anne"));
    }

    @Test
    void invisibleAndDirectionChangingCharactersAreRefused() {
        for (String wanted : List.of("admin\u00AD", "ed1\u200B", "x\u202ENIMDA", "ed1\u2060")) {
            assertThatThrownBy(() -> DisplayNames.check(wanted, "mem1", List.of(), List.of()))
                    .isInstanceOf(Accounts.Refused.class).hasMessageContaining("invisible");
        }
        assertThatThrownBy(() -> DisplayNames.check("\u0430dmin", "mem1", List.of(), List.of()))
                .isInstanceOf(Accounts.Refused.class).hasMessageContaining("choose one of your own");
        assertThat(DisplayNames.check("Mia Chen", "mem1", List.of(), List.of())).isEqualTo("Mia Chen");
    }
}
