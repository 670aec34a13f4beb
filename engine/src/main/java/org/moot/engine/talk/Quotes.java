package org.moot.engine.talk;

import java.util.Locale;
import org.moot.schema.Page;

/**
 * Whether a passage someone quotes is on the page. They copy it from the page as shown, without
 * its Markdown, so both are compared as words: marks of emphasis, links and headings, and how the
 * spaces run, are left out.
 */
final class Quotes {

    private Quotes() {}

    static boolean occursIn(String passage, Page page) {
        String words = words(passage);
        return !words.isEmpty() && words(page.title() + " " + page.summary().orElse("") + " " + page.body()).contains(words);
    }

    private static String words(String text) {
        return text.replaceAll("[*_`#>\\[\\]()|~]", " ").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
