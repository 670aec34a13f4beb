package org.moot.engine.search;

import java.util.regex.Pattern;

/**
 * Markdown reduced to the words a reader sees, for the index and its snippets: link targets,
 * markup characters, fact and wiki-link syntax go; their visible text stays.
 */
final class PlainText {

    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]]*)]]");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern FACT = Pattern.compile("\\{\\{fact:[^}]*}}");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>\\n]{0,200}>");
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(?:#{1,6}\\s|>\\s?|[-*+]\\s|\\d+[.)]\\s)|[*_`~|]+");

    private PlainText() {}

    static String of(String markdown) {
        String text = WIKI_LINK.matcher(markdown).replaceAll("$1");
        text = LINK.matcher(text).replaceAll("$1");
        text = FACT.matcher(text).replaceAll(" ");
        text = HTML_TAG.matcher(text).replaceAll(" ");
        return MARKUP.matcher(text).replaceAll(" ");
    }
}
