package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published schema is for people's own tools; it must agree with what Moot itself accepts. */
class JsonSchemaTest {

    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(FrontMatterSchema.json());
    }

    @Test
    void thePublishedSchemaIsTheOneWrittenFromTheFieldDescriptions() throws java.io.IOException {
        try (InputStream in = FrontMatter.class.getResourceAsStream("front-matter.schema.json")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("regenerate: java -cp content-schema/target/classes org.moot.schema.FrontMatterSchema"
                            + " > content-schema/src/main/resources/org/moot/schema/front-matter.schema.json")
                    .isEqualTo(FrontMatterSchema.json());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "title: T\nkind: topic\nparents: [health, housing/x]\nreviewer: kept",
        "title: T\nkind: paper\nauthors: [A, B]\nstatus: accepted",
        "title: T\nkind: response\nresponds-to: health/paper",
        "title: T\nkind: synthesis\ntheme: health\ndraws-on: [health/r]",
        "title: T\nkind: fact\nvalue: 4.30\nunit: '%'\nas-of: 2025-01-01\nsources:\n  - {title: S, url: 'https://e.org', type: press}",
        "title: T\nkind: argument\nstance: for\non: health/paper",
        "title: T\nkind: call\nwants: help\nskills: [design]\ndeadline: 2026-01-31\nstatus: open",
        "title: T\nkind: topic\nstatus: anything, a topic has no status",
        // invalid, for both:
        "kind: topic",
        "title: T\nkind: essay",
        "title: T\nkind: fact\nvalue: 1\nas-of: 2025-01-01",
        "title: T\nkind: fact\nvalue: 1\nas-of: 2025-1-1\nsources: [{title: S, url: 'https://e.org'}]",
        "title: T\nkind: fact\nvalue: 1\nas-of: 2025-01-01\nsources: [{title: S, url: 'javascript:x'}]",
        "title: T\nkind: argument\non: x",
        "title: T\nkind: argument\nstance: maybe\non: x",
        "title: T\nkind: response",
        "title: T\nparents: [../up]",
        "title: T\nparents: [Health]",
        "title: T\nkind: paper\nstatus: draft",
        "title: T\nkind: paper\nstatus: open",
        "title: T\nkind: call\nstatus: open",
        "title: T\nkind: call\nwants: paper\nstatus: accepted",
        "title: T\nkind: call\nwants: paper\ndeadline: soon",
        "title: T\nkind: fact\nvalue: [1, 2]\nas-of: 2025-01-01\nsources: [{title: S, url: 'https://e.org'}]",
    })
    void schemaAndValidatorAgree(String yaml) {
        String text = "---\n" + yaml + "\n---\n";
        var parsed = PageParser.parse(PageId.of("x"), "x.md", text);
        var json = new ObjectMapper().valueToTree(parsed.page().frontMatter().fields());
        var schemaErrors = SCHEMA.validate(json);
        assertThat(schemaErrors.isEmpty())
                .as("schema says %s, validator says %s", schemaErrors, parsed.violations())
                .isEqualTo(parsed.valid());
    }
}
