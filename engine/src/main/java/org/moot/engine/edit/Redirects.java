package org.moot.engine.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/** Adds an old id to a page's {@code redirect-from}, touching nothing else when it can. */
final class Redirects {

    private Redirects() {}

    static String add(String file, PageId old) {
        FrontMatterParser.Split split = FrontMatterParser.split("page.md", file);
        Object existing = split.frontMatter().get("redirect-from");
        List<String> ids = new ArrayList<>();
        if (existing instanceof List<?> list) {
            list.forEach(i -> ids.add(String.valueOf(i)));
        } else if (existing != null) {
            ids.add(String.valueOf(existing));
        }
        if (ids.contains(old.value())) {
            return file;
        }
        if (existing == null && !split.frontMatter().isEmpty()) {
            // Insert one field before the closing line: the rest of the file stays as it was written.
            int close = file.indexOf("\n---", 3);
            return file.substring(0, close + 1) + "redirect-from:\n  - " + old.value() + file.substring(close);
        }
        ids.add(old.value());
        Map<String, Object> fields = new LinkedHashMap<>(split.frontMatter().fields());
        fields.put("redirect-from", ids);
        return PageWriter.write(fields, split.body());
    }
}
