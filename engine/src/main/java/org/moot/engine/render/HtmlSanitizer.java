package org.moot.engine.render;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The last stage of rendering: an allow-list of elements, attributes and URL schemes. Whatever
 * Markdown, raw HTML or front matter produced, only what is listed here reaches a reader.
 */
public final class HtmlSanitizer {

    /** Prefix for ids from content, so a heading called "main" cannot clash with the page's own ids. */
    static final String ID_PREFIX = "md-";
    private static final Pattern CLASSES = Pattern.compile(
            "((footnote-ref|footnote-backref|footnotes|task-list-item|task-list-item-checkbox|toc"
            + "|wiki-missing|fact|fact-missing|fact-disputed)\\s*)+");
    private static final Pattern REL = Pattern.compile("nofollow ugc");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                    "em", "strong", "del", "s", "sup", "sub", "small", "mark", "kbd", "abbr",
                    "ul", "ol", "li", "dl", "dt", "dd", "div", "span", "details", "summary",
                    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img", "input")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").globally()
            .allowAttributes("rel").matching(REL).onElements("a")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("align").matching(Pattern.compile("left|right|center")).onElements("th", "td")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowAttributes("class").matching(CLASSES).globally()
            .allowAttributes("id").matching((element, attribute, value) ->
                    value.matches("[A-Za-z0-9_:.-]{1,200}") ? ID_PREFIX + value : null).globally()
            // Checkboxes of task lists, and nothing else an input could be.
            .allowAttributes("type").matching(Pattern.compile("checkbox")).onElements("input")
            .allowAttributes("checked", "disabled").onElements("input")
            .toFactory()
            .and(new HtmlPolicyBuilder()
                    // In-page links follow the id prefix above; other hrefs pass the URL policy.
                    .allowElements("a")
                    .allowAttributes("href").matching((element, attribute, value) ->
                            value.startsWith("#") ? "#" + ID_PREFIX + value.substring(1) : value).onElements("a")
                    .allowStandardUrlProtocols()
                    .toFactory());

    private HtmlSanitizer() {}

    public static SafeHtml sanitize(String html) {
        return new SafeHtml(POLICY.sanitize(html));
    }

    /**
     * Plain text with some of its ranges marked (a search snippet's matches): escaped, and no
     * markup but {@code <mark>}, so there is nothing to sanitise. Ranges are in order and do not
     * overlap.
     */
    public static SafeHtml marked(String text, int[] starts, int[] ends) {
        StringBuilder out = new StringBuilder(text.length() + 13 * starts.length);
        int at = 0;
        for (int i = 0; i < starts.length; i++) {
            out.append(escape(text.substring(at, starts[i]))).append("<mark>")
                    .append(escape(text.substring(starts[i], ends[i]))).append("</mark>");
            at = ends[i];
        }
        return new SafeHtml(out.append(escape(text.substring(at))).toString());
    }

    /** Plain text, escaped. */
    public static SafeHtml text(String text) {
        return new SafeHtml(escape(text));
    }

    /** Escapes text for HTML: for the few places where we build markup around plain text. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
