package org.moot.web;

import java.util.List;
import org.moot.engine.Urls;
import org.moot.engine.read.HistoryReader;
import org.moot.engine.render.HtmlSanitizer;

/** An Atom feed of published changes, so nobody has to keep reloading a page to know it changed. */
public final class AtomFeed {

    private AtomFeed() {}

    public static String of(String title, String selfUrl, String baseUrl, List<HistoryReader.Change> changes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title>").append(esc(title)).append("</title>\n")
                .append("  <id>").append(esc(baseUrl + selfUrl)).append("</id>\n")
                .append("  <link rel=\"self\" href=\"").append(esc(baseUrl + selfUrl)).append("\"/>\n")
                .append("  <updated>").append(changes.isEmpty() ? "1970-01-01T00:00:00Z" : changes.get(0).commit().time()).append("</updated>\n");
        for (HistoryReader.Change change : changes) {
            var c = change.commit();
            String link = change.pages().isEmpty() ? baseUrl + "/changes"
                    : baseUrl + Urls.pageAt(change.pages().get(0).id(), c.revision());
            StringBuilder pages = new StringBuilder();
            change.pages().forEach(p -> pages.append(pages.length() == 0 ? "" : ", ").append(p.title()));
            xml.append("  <entry>\n")
                    .append("    <id>urn:moot:").append(c.revision()).append("</id>\n")
                    .append("    <title>").append(esc(c.summary())).append("</title>\n")
                    .append("    <updated>").append(c.time()).append("</updated>\n")
                    .append("    <author><name>").append(esc(c.author())).append("</name></author>\n")
                    .append("    <link href=\"").append(esc(link)).append("\"/>\n")
                    .append("    <summary>").append(esc(pages.length() == 0 ? String.join(", ", change.otherPaths()) : pages.toString()))
                    .append("</summary>\n")
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
