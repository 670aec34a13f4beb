package org.moot.engine.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.PageId;
import org.moot.schema.PageWriter;

/** Keeps a moved page's {@code redirect-from} true, touching nothing else when it can. */
final class Redirects {

    private Redirects() {}

    /**
     * The file of a page moved from {@code from} to {@code to}: the old id now leads here, and the
     * new one, if the page once left it, is its id again rather than a redirect to itself.
     */
    static String moved(String file, PageId from, PageId to) {
        FrontMatterParser.Split split = FrontMatterParser.split("page.md", file);
        Object existing = split.frontMatter().get("redirect-from");
        List<String> ids = new ArrayList<>();
        if (existing instanceof List<?> list) {
            list.forEach(i -> ids.add(String.valueOf(i)));
        } else if (existing != null) {
            ids.add(String.valueOf(existing));
        }
        boolean back = ids.remove(to.value());
        if (!back && ids.contains(from.value())) {
            return file;
        }
        if (existing == null && !split.frontMatter().isEmpty()) {
            // Insert one field before the closing line: the rest of the file stays as it was written.
            int close = file.indexOf("\n---", 3);
            return file.substring(0, close + 1) + "redirect-from:\n  - " + from.value() + file.substring(close);
        }
        if (!ids.contains(from.value())) {
            ids.add(from.value());
        }
        Map<String, Object> fields = new LinkedHashMap<>(split.frontMatter().fields());
        fields.put("redirect-from", ids);
        return PageWriter.write(fields, split.body());
    }
}
