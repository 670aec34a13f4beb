package org.moot.engine.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Violation;

/** {@code .moot/site.yaml}: what the site calls itself. Missing or broken settings fall back to defaults. */
public record SiteSettings(String name, String description) {

    public static final String PATH = ".moot/site.yaml";
    public static final SiteSettings DEFAULT = new SiteSettings("Moot", "");

    /** The settings a file gives, and what is wrong with it. */
    public record Read(SiteSettings settings, List<Violation> problems) {}

    public static Read read(String yaml) {
        FrontMatterParser.Split split = FrontMatterParser.document(PATH, yaml);
        FrontMatter fields = split.frontMatter();
        List<Violation> problems = new ArrayList<>(split.violations());
        String name = text(fields, "name", problems);
        String description = text(fields, "description", problems);
        return new Read(new SiteSettings(name.isEmpty() ? DEFAULT.name() : name, description), List.copyOf(problems));
    }

    static SiteSettings parse(String yaml) {
        return read(yaml).settings();
    }

    private static String text(FrontMatter fields, String key, List<Violation> problems) {
        Object value = fields.get(key);
        if (value instanceof List || value instanceof Map) {
            problems.add(new Violation(PATH, fields.line(key), "'" + key + "' must be a single line of text"));
            return "";
        }
        return value == null ? "" : String.valueOf(value).strip();
    }
}
