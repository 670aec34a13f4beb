package org.moot.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written link scanner finds exactly what the two regular expressions that define it find. */
class PageFileTest {

    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]\\n]{1,300})\\]\\]");
    private static final Pattern FACT = Pattern.compile("\\{\\{fact:([a-z0-9/_-]{1,255})}}");
    private static final Pattern PATH_LINK = Pattern.compile("\\]\\(\\s*<?/(?:wiki/)?([a-z0-9/_-]{1,255})[)#?\\s>\"]");

    @Test
    void findsWikiLinksAndSitePaths() {
        assertThat(PageFile.links("See [[Education]], [[the fees|education/fees#cost]] and [text](/health/gp) "
                + "or [old](/wiki/housing/rent?x) but not [out](https://example.org/a) nor [[]] nor [[a\nb]]."))
                .containsExactly("Education", "education/fees", "health/gp", "housing/rent");
        assertThat(PageFile.links("About {{fact:health/gp-patients}} patients, not {{fact:Bad}} nor {{fact:x}.")).containsExactly("health/gp-patients");
        assertThat(PageFile.links("[a](/wiki/)")).containsExactly("wiki/");
        assertThat(PageFile.links("[a]( </x>")).containsExactly("x");
        assertThat(PageFile.links("[[" + "x".repeat(300) + "]] [[" + "y".repeat(301) + "]]")).containsExactly("x".repeat(300));
        assertThat(PageFile.links("](/" + "a".repeat(255) + ") ](/" + "b".repeat(256) + ")")).containsExactly("a".repeat(255));
    }

    @Test
    void agreesWithTheRegularExpressionsOnRandomText() {
        Random random = new Random(7);
        String[] pieces = {"[", "]", "[[", "]]", "](", "{{fact:", "}", "}}", "{", "(", ")", "/", "wiki/", "<", ">", "\"", "#", "?", " ", "\n", "\t", "|",
            "a", "b/c", "_", "-", "Z", "é", "x".repeat(120), "9"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String body = text.toString();
            assertThat(PageFile.links(body)).as(body).isEqualTo(byRegex(body));
        }
    }

    private static List<String> byRegex(String body) {
        List<String> out = new ArrayList<>();
        Matcher wiki = WIKI_LINK.matcher(body);
        while (wiki.find()) {
            String inner = wiki.group(1);
            String target = inner.substring(inner.lastIndexOf('|') + 1);
            int hash = target.indexOf('#');
            out.add((hash >= 0 ? target.substring(0, hash) : target).strip());
        }
        Matcher fact = FACT.matcher(body);
        while (fact.find()) {
            out.add(fact.group(1));
        }
        Matcher path = PATH_LINK.matcher(body);
        while (path.find()) {
            out.add(path.group(1));
        }
        return out;
    }
}
