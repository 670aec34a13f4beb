package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of each kind's fields is the one description of them, printed. */
class FieldsTableTest {

    @Test
    void theReadmeTableIsTheDescription() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- fields");
        int end = readme.indexOf("<!-- /fields -->");
        assertThat(start).as("README has the fields section").isNotNegative();
        assertThat(readme.substring(readme.indexOf('\n', start) + 1, end)).isEqualTo(Fields.markdownTable());
    }
}
