package org.moot.engine.graph;

import java.util.ArrayList;
import java.util.List;
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

    private static final int MAX_WIKI_LINK = 300;
    private static final int MAX_PATH = 255;
    /** What may follow a site path in a Markdown link: its end, an anchor, a query, a space or a title. */
    private static final String LINK_END = ")#?>\" \t\n\u000B\f\r";

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

    /**
     * Link targets as written: wiki-link targets ({@code [[text|target]]}), facts shown on the
     * page ({@code {{fact:a/b}}}) and site-absolute paths ({@code ](/a/b)}, {@code ](/wiki/a/b)}). Scanned by hand: every page of the site is read
     * through here, and a regular expression's search costs several times more.
     */
    public static List<String> links(String body) {
        List<String> out = new ArrayList<>();
        for (int at = body.indexOf("[[", 0); at >= 0; at = body.indexOf("[[", at + 1)) {
            int end = wikiLinkEnd(body, at + 2);
            if (end >= 0) {
                String inner = body.substring(at + 2, end);
                String target = inner.substring(inner.lastIndexOf('|') + 1);
                int hash = target.indexOf('#');
                out.add((hash >= 0 ? target.substring(0, hash) : target).strip());
                at = end + 1;
            }
        }
        for (int at = body.indexOf("{{fact:", 0); at >= 0; at = body.indexOf("{{fact:", at + 1)) {
            int end = pathEnd(body, at + 7, "}");
            if (end >= 0 && body.startsWith("}}", end)) {
                out.add(body.substring(at + 7, end));
                at = end + 1;
            }
        }
        for (int at = body.indexOf("](", 0); at >= 0; at = body.indexOf("](", at + 1)) {
            int from = at + 2;
            while (from < body.length() && isSpace(body.charAt(from))) {
                from++;
            }
            from += body.startsWith("<", from) ? 1 : 0;
            if (!body.startsWith("/", from)) {
                continue;
            }
            from++;
            // "/wiki/" is left out of the target, unless nothing would be left of it.
            int end = body.startsWith("wiki/", from) ? pathEnd(body, from + 5, LINK_END) : -1;
            int start = end >= 0 ? from + 5 : from;
            end = end >= 0 ? end : pathEnd(body, from, LINK_END);
            if (end >= 0) {
                out.add(body.substring(start, end));
                at = end;
            }
        }
        return out;
    }

    /** Where the {@code ]]} closing a wiki link whose text starts at {@code from} is, or -1. */
    private static int wikiLinkEnd(String body, int from) {
        int limit = Math.min(body.length() - 1, from + MAX_WIKI_LINK + 1);
        for (int i = from; i < limit; i++) {
            char c = body.charAt(i);
            if (c == ']') {
                return i > from && body.charAt(i + 1) == ']' ? i : -1;
            }
            if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** The end of a page path starting at {@code from}, when one is there and is followed by one of {@code enders}; else -1. */
    private static int pathEnd(String body, int from, String enders) {
        int i = from;
        while (i < body.length() && i - from <= MAX_PATH && isPathChar(body.charAt(i))) {
            i++;
        }
        boolean ended = i < body.length() && enders.indexOf(body.charAt(i)) >= 0;
        return i > from && i - from <= MAX_PATH && ended ? i : -1;
    }

    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
