package org.moot.web;

import java.util.List;
import org.moot.engine.Urls;
import org.moot.engine.read.HistoryReader;
import org.moot.engine.render.HtmlSanitizer;

/** An Atom feed of published changes, so nobody has to keep reloading a page to know it changed. */
public final class AtomFeed {

    private AtomFeed() {}

    /** One entry of a feed: its permanent id, title, time, author, link and a line about it. */
    public record Entry(String id, String title, java.time.Instant updated, String author, String link, String summary) {}

    /** Recent changes: one entry per commit, linked to the first page it changed, as it was then. */
    public static String of(String title, String selfUrl, String baseUrl, List<HistoryReader.Change> changes) {
        return entries(title, selfUrl, baseUrl, changes.stream().map(change -> {
            var c = change.commit();
            String link = change.pages().isEmpty() ? "/changes" : Urls.pageAt(change.pages().get(0).id(), c.revision());
            StringBuilder pages = new StringBuilder();
            change.pages().forEach(p -> pages.append(pages.length() == 0 ? "" : ", ").append(p.title()));
            return new Entry("urn:moot:" + c.revision(), c.summary(), c.time(), c.author(), link,
                    pages.length() == 0 ? String.join(", ", change.otherPaths()) : pages.toString());
        }).toList());
    }

    /** Any feed, newest entry first; links are site paths, made absolute with {@code baseUrl}. */
    public static String entries(String title, String selfUrl, String baseUrl, List<Entry> entries) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title>").append(esc(title)).append("</title>\n")
                .append("  <id>").append(esc(baseUrl + selfUrl)).append("</id>\n")
                .append("  <link rel=\"self\" href=\"").append(esc(baseUrl + selfUrl)).append("\"/>\n")
                .append("  <updated>").append(entries.isEmpty() ? "1970-01-01T00:00:00Z" : entries.get(0).updated()).append("</updated>\n");
        for (Entry e : entries) {
            xml.append("  <entry>\n")
                    .append("    <id>").append(esc(e.id())).append("</id>\n")
                    .append("    <title>").append(esc(e.title())).append("</title>\n")
                    .append("    <updated>").append(e.updated()).append("</updated>\n")
                    .append("    <author><name>").append(esc(e.author())).append("</name></author>\n")
                    .append("    <link href=\"").append(esc(baseUrl + e.link())).append("\"/>\n")
                    .append("    <summary>").append(esc(e.summary())).append("</summary>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String esc(String text) {
        return HtmlSanitizer.escape(xmlChars(text));
    }

    /**
     * Drops what XML 1.0 cannot hold even escaped (most control characters, lone surrogates,
     * U+FFFE and U+FFFF): commits also arrive by push, so history may hold anything, and one bad
     * message must not make the whole feed unreadable.
     */
    static String xmlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0xd800 || c >= 0xe000 && c < 0xfffe) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
