package org.moot.schema;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a page file from its fields and body: the other half of {@link PageParser}. Fields are
 * written in the order given, as block YAML with quoting chosen by the YAML library, so any text
 * a person types comes back as the same text when read.
 */
public final class PageWriter {

    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(1000)
            .build();

    private PageWriter() {}

    public static String write(Map<String, Object> fields, String body) {
        String text = body.replace("\r\n", "\n");
        if (fields.isEmpty()) {
            return text;
        }
        return "---\n" + new Dump(SETTINGS).dumpToString(fields) + "---\n" + text;
    }

    /** Fields as YAML on their own (for the "other fields" box of the editor). */
    public static String yaml(Map<String, Object> fields) {
        return fields.isEmpty() ? "" : new Dump(SETTINGS).dumpToString(fields);
    }
}
