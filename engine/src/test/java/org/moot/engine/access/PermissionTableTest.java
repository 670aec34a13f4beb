package org.moot.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README tells people who may do what; it must say exactly what the code does. */
class PermissionTableTest {

    @Test
    void theReadmeTableIsThePolicy() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- permissions");
        int end = readme.indexOf("<!-- /permissions -->");
        assertThat(start).as("README has the permissions section").isNotNegative();
        String table = readme.substring(readme.indexOf('\n', start) + 1, end);
        assertThat(table).isEqualTo(new Permissions().markdownTable());
    }
}
