package org.moot.engine.search;

import java.util.regex.Pattern;

/**
 * Markdown reduced to the words a reader sees, for the index and its snippets: link targets,
 * markup characters, fact and wiki-link syntax go; their visible text stays. Every page passes
 * through here when the index is built: the markup that is everywhere (links, line markers,
 * emphasis) is taken out by hand in one pass each, and the rare patterns run only on text that
 * can hold them.
 */
final class PlainText {

    private static final Pattern FACT = Pattern.compile("\\{\\{fact:[^}]*}}");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>\\n]{0,200}>");

    private PlainText() {}

    static String of(String markdown) {
        String text = withoutLinkTargets(markdown);
        if (text.contains("{{fact:")) {
            text = FACT.matcher(text).replaceAll(" ");
        }
        if (text.indexOf('<') >= 0) {
            text = HTML_TAG.matcher(text).replaceAll(" ");
        }
        return withoutMarkup(text);
    }

    /** {@code [[target]]} becomes its target, {@code [text](url)} and {@code ![text](url)} their text. */
    private static String withoutLinkTargets(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        for (int open = text.indexOf('[', i); open >= 0; open = text.indexOf('[', i)) {
            out.append(text, i, open);
            int close = text.indexOf(']', open + 1);
            if (close > open + 1 && text.startsWith("[[", open) && text.startsWith("]]", close)) {
                out.append(text, open + 2, close);
                i = close + 2;
                continue;
            }
            int end = close >= 0 && text.startsWith("(", close + 1) ? text.indexOf(')', close + 2) : -1;
            if (end >= 0) {
                if (open > i && text.charAt(open - 1) == '!') {
                    out.setLength(out.length() - 1);
                }
                out.append(text, open + 1, close);
                i = end + 1;
            } else {
                out.append('[');
                i = open + 1;
            }
        }
        return out.append(text, i, text.length()).toString();
    }

    /** Each line's marker (heading, quote, bullet, number) and each run of emphasis, code or table characters becomes a space. */
    private static String withoutMarkup(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int body = afterLineMarker(text, i);
            if (body > i) {
                out.append(' ');
                i = body;
            }
            for (; i < text.length() && text.charAt(i) != '\n'; i++) {
                if (isMarkup(text.charAt(i))) {
                    out.append(' ');
                    while (i + 1 < text.length() && isMarkup(text.charAt(i + 1))) {
                        i++;
                    }
                } else {
                    out.append(text.charAt(i));
                }
            }
            if (i < text.length()) {
                out.append('\n');
                i++;
            }
        }
        return out.toString();
    }

    /** Where a line's text starts after up to three spaces and a block marker: {@code start} when it has none. */
    private static int afterLineMarker(String text, int start) {
        int i = start;
        while (i < text.length() && i - start < 3 && isBlank(text.charAt(i))) {
            i++;
        }
        int marker = i;
        if (i < text.length() && text.charAt(i) == '#') {
            while (i < text.length() && text.charAt(i) == '#' && i - marker < 6) {
                i++;
            }
            return i < text.length() && isBlank(text.charAt(i)) ? i + 1 : start;
        }
        if (i < text.length() && text.charAt(i) == '>') {
            return i + 1 < text.length() && isBlank(text.charAt(i + 1)) ? i + 2 : i + 1;
        }
        if (i < text.length() && "-*+".indexOf(text.charAt(i)) >= 0) {
            return i + 1 < text.length() && isBlank(text.charAt(i + 1)) ? i + 2 : start;
        }
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        boolean numbered = i > marker && i + 1 < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ')')
                && isBlank(text.charAt(i + 1));
        return numbered ? i + 2 : start;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isMarkup(char c) {
        return c == '*' || c == '_' || c == '`' || c == '~' || c == '|';
    }
}
