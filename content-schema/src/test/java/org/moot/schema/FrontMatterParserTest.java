package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontMatterParserTest {

    private static List<String> problems(String text) {
        return FrontMatterParser.split("p.md", text).violations().stream().map(Violation::toString).toList();
    }

    @Test
    void yamlSyntaxErrorsNameTheFileLine() {
        assertThat(problems("---\ntitle: ok\nsummary: [unclosed\nkind: topic\n---\nbody"))
                .singleElement().asString().startsWith("p.md:").contains("front matter is not valid YAML");
        assertThat(problems("---\ntitle: a\n  bad: indent\n---\n")).singleElement().asString()
                .startsWith("p.md:3: front matter is not valid YAML");
    }

    @Test
    void unclosedFrontMatter() {
        assertThat(problems("---\ntitle: T\nbody")).containsExactly(
                "p.md:1: front matter starts with '---' but has no closing '---' line");
    }

    @Test
    void duplicateField() {
        assertThat(problems("---\ntitle: A\ntitle: B\n---\n")).containsExactly("p.md:3: field 'title' appears twice");
    }

    @Test
    void frontMatterMustBeAMapping() {
        assertThat(problems("---\n- a\n- b\n---\n"))
                .containsExactly("p.md:2: front matter must be a set of 'field: value' lines");
    }

    @Test
    void typeTagsNeverInstantiateJavaTypes() {
        var split = FrontMatterParser.split("p.md", "---\ntitle: !!javax.script.ScriptEngineManager [x]\n---\n");
        // The tag is ignored: we only ever build strings, numbers, lists and maps.
        assertThat(split.frontMatter().get("title")).isEqualTo(List.of("x"));
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("---\ntitle: T\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        yaml.append("---\n");
        assertThat(problems(yaml.toString())).singleElement().asString().startsWith("p.md:");
    }

    @Test
    void bodyIsKeptByteForByte() {
        var split = FrontMatterParser.split("p.md", "---\r\ntitle: T\r\n---\r\nLine one\r\n\r\nLine two");
        assertThat(split.body()).isEqualTo("Line one\r\n\r\nLine two");
        assertThat(split.bodyLine()).isEqualTo(4);
    }
}
