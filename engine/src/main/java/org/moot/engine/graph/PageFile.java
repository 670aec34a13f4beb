package org.moot.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.PageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is read from one file once, and cached by its path and content: the parsed page, its
 * own problems, and the raw link targets in its body (for backlinks).
 */
public record PageFile(PageParser.Parsed parsed, List<String> links) {

    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]\\n]{1,300})\\]\\]");
    private static final Pattern PATH_LINK = Pattern.compile("\\]\\(\\s*<?/(?:wiki/)?([a-z0-9/_-]{1,255})[)#?\\s>\"]");

    private static final Logger LOG = LoggerFactory.getLogger(PageFile.class);

    /**
     * Reads a page's file as stored. Whatever is in it, this returns a page: one file that cannot
     * be read becomes a page with that problem, and never an error that takes the site down.
     */
    public static PageFile read(String path, byte[] bytes) {
        PageId id = PageId.fromPath(path).orElseThrow(() -> new IllegalArgumentException(path + " is not a page"));
        try {
            PageParser.Parsed parsed = PageParser.parse(id, path, bytes);
            return new PageFile(parsed, links(parsed.page().body()));
        } catch (StackOverflowError | RuntimeException e) {
            // The last defence: the parser is bounded, so reaching here is a bug worth a report.
            LOG.warn("{} could not be read; shown as a page with a problem", path, e);
            return new PageFile(PageParser.unreadable(id, path, "this file could not be read ("
                    + e.getClass().getSimpleName() + "); check its front matter and nesting"), List.of());
        }
    }

    /**
     * This file without the page's text: what a site graph keeps of every page (names, front
     * matter, problems, links), so that a large site's graph does not hold all of its text.
     */
    public PageFile shape() {
        Page p = parsed.page();
        if (p.body().isEmpty()) {
            return this;
        }
        Page shaped = new Page(p.id(), p.path(), p.kind(), p.title(), p.summary(), p.parents(), p.tags(),
                p.redirectFrom(), p.details(), p.frontMatter(), "", p.bodyLine());
        return new PageFile(new PageParser.Parsed(shaped, parsed.violations()), links);
    }

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
