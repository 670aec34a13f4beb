package org.moot.engine.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.moot.schema.FrontMatter;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.Violation;

/**
 * {@code .moot/site.yaml}: what the site calls itself, and where it is. Missing or broken settings
 * fall back to defaults.
 *
 * @param url the site's public address ({@code https://policy.example.org}), for links that leave
 *            the page (feeds, briefings, replies to a push); empty: the address each request reached
 */
public record SiteSettings(String name, String description, String url) {

    public static final String PATH = ".moot/site.yaml";
    public static final SiteSettings DEFAULT = new SiteSettings("Moot", "", "");
    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://[A-Za-z0-9.\\[\\]:-]{1,255}(/[A-Za-z0-9._~/-]*)?");

    /** The settings a file gives, and what is wrong with it. */
    public record Read(SiteSettings settings, List<Violation> problems) {}

    public static Read read(String yaml) {
        FrontMatterParser.Split split = FrontMatterParser.document(PATH, yaml);
        FrontMatter fields = split.frontMatter();
        List<Violation> problems = new ArrayList<>(split.violations());
        String name = text(fields, "name", problems);
        String description = text(fields, "description", problems);
        String url = text(fields, "url", problems).replaceAll("/+$", "");
        if (!url.isEmpty() && !URL.matcher(url).matches()) {
            problems.add(new Violation(PATH, fields.line("url"), "'url' must be the site's address, like https://policy.example.org"));
            url = "";
        }
        return new Read(new SiteSettings(name.isEmpty() ? DEFAULT.name() : name, description, url), List.copyOf(problems));
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
