package org.moot.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moot.schema.PageParser;

/**
 * What is read from one file once, and cached by its path and content: the parsed page, its
 * own problems, and the raw link targets in its body (for backlinks).
 */
public record PageFile(PageParser.Parsed parsed, List<String> links) {

    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]\\n]{1,300})\\]\\]");
    private static final Pattern PATH_LINK = Pattern.compile("\\]\\(\\s*<?/(?:wiki/)?([a-z0-9/_-]{1,255})[)#?\\s>\"]");

    /** Link targets as written: wiki-link targets ({@code [[text|target]]}) and site-absolute paths. */
    public static List<String> links(String body) {
        List<String> out = new ArrayList<>();
        Matcher wiki = WIKI_LINK.matcher(body);
        while (wiki.find()) {
            String inner = wiki.group(1);
            String target = inner.substring(inner.lastIndexOf('|') + 1);
            int hash = target.indexOf('#');
            out.add((hash >= 0 ? target.substring(0, hash) : target).strip());
        }
        Matcher path = PATH_LINK.matcher(body);
        while (path.find()) {
            out.add(path.group(1));
        }
        return out;
    }
}
