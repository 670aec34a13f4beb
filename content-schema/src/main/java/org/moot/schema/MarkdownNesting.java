package org.moot.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds how deeply a page's Markdown nests, before any Markdown parser sees it. Renderers walk
 * nested quotes, lists and emphasis recursively, so a few kilobytes of {@code >} or {@code *}
 * would otherwise exhaust the stack of whoever reads the page.
 *
 * <p>The count is a cheap upper bound, not a Markdown parse: block depth is the container markers
 * ({@code >}, list bullets and numbers) opening a line plus the list levels its indentation could
 * hold; inline depth is the emphasis, strikethrough and bracket openers not yet closed within a
 * paragraph. Real pages stay far below the limit either way.
 */
public final class MarkdownNesting {

    /** Measured: Flexmark renders 300 nested lists and 500 nested quotes on a 1 MB stack; this leaves room. */
    public static final int MAX_DEPTH = 100;

    /**
     * Links in one paragraph. An unclosed link destination makes Flexmark look ahead to the end of
     * the paragraph for each one: 5,000 of {@code [a](} took 1.8 s, 20,000 took 25 s.
     */
    public static final int MAX_LINKS = 1_000;

    private MarkdownNesting() {}

    /** Problems for lines of {@code body} (which starts on file line {@code bodyLine}) that nest too deeply. */
    public static List<Violation> check(String path, String body, int bodyLine) {
        List<Violation> out = new ArrayList<>();
        List<String> lines = body.lines().toList();
        String fence = null;
        int open = 0;
        boolean reported = false;
        int links = 0;
        for (int i = 0; i < lines.size() && out.size() < SourceText.MAX_REPORTED; i++) {
            String line = lines.get(i);
            int contentAt = containers(line);
            if (blockDepth(line, contentAt) > MAX_DEPTH) {
                out.add(new Violation(path, bodyLine + i, "quotes and lists here are nested more than "
                        + MAX_DEPTH + " levels deep; flatten them"));
                continue;
            }
            // Code is not parsed for emphasis, but only a fence no parser could mistake is skipped.
            if (fence != null) {
                char mark = fence.charAt(0);
                if (line.strip().startsWith(fence) && line.strip().chars().allMatch(c -> c == mark)) {
                    fence = null;
                }
                continue;
            }
            fence = fenceOpened(line);
            if (fence != null) {
                continue;
            }
            String content = line.substring(contentAt);
            if (content.isBlank()) {
                open = 0;
                reported = false;
                links = 0;
                continue;
            }
            int before = links;
            links += occurrences(content, "](");
            if (before <= MAX_LINKS && links > MAX_LINKS) {
                out.add(new Violation(path, bodyLine + i, "this paragraph has more than " + MAX_LINKS
                        + " links; split it into several paragraphs"));
            }
            open = inlineOpeners(content, open);
            if (open > MAX_DEPTH && !reported) {
                reported = true;
                out.add(new Violation(path, bodyLine + i, "emphasis, links or brackets here are nested more than "
                        + MAX_DEPTH + " levels deep; close some of them"));
            }
        }
        return out;
    }

    private static int occurrences(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }

    /**
     * The fence a line opens at the top level (at most three spaces in, three or more backticks
     * or tildes, an info string without either), or null.
     */
    private static String fenceOpened(String line) {
        int at = 0;
        while (at < line.length() && at < 4 && line.charAt(at) == ' ') {
            at++;
        }
        if (at > 3 || at >= line.length() || line.charAt(at) != '`' && line.charAt(at) != '~') {
            return null;
        }
        char mark = line.charAt(at);
        int end = at;
        while (end < line.length() && line.charAt(end) == mark) {
            end++;
        }
        String info = line.substring(end);
        return end - at >= 3 && info.indexOf('`') < 0 && info.indexOf('~') < 0 ? line.substring(at, end) : null;
    }

    /** Where a line's content starts, after its leading quote markers, list markers and indentation. */
    private static int containers(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '>') {
                i++;
            } else {
                int end = listMarkerEnd(line, i);
                if (end == i) {
                    break;
                }
                i = end;
            }
        }
        return i;
    }

    /** How many containers a line opens: markers, plus the list levels its indentation could stand for. */
    private static int blockDepth(String line, int contentAt) {
        if (contentAt <= MAX_DEPTH) {
            return 0; // even one container per character would not be too deep
        }
        int markers = 0;
        int indent = 0;
        for (int i = 0; i < contentAt; i++) {
            char c = line.charAt(i);
            if (c == '>' || listMarkerEnd(line, i) > i) {
                markers++;
            } else if (markers == 0) {
                indent += c == '\t' ? 4 : 1;
            }
        }
        return markers == 0 || isThematicBreak(line) ? 0 : markers + indent / 2;
    }

    /** The index after a list marker ({@code -}, {@code *}, {@code +}, {@code 12.}, {@code 3)}) at {@code i}, or {@code i}. */
    private static int listMarkerEnd(String line, int i) {
        int j = i;
        if ("-*+".indexOf(line.charAt(i)) >= 0) {
            j = i + 1;
        } else {
            while (j < line.length() && j - i < 9 && Character.isDigit(line.charAt(j))) {
                j++;
            }
            if (j == i || j >= line.length() || line.charAt(j) != '.' && line.charAt(j) != ')') {
                return i;
            }
            j++;
        }
        return j == line.length() || line.charAt(j) == ' ' || line.charAt(j) == '\t' ? j : i;
    }

    private static boolean isThematicBreak(String line) {
        String marks = line.replace(" ", "").replace("\t", "");
        return marks.length() >= 3 && "-*_".indexOf(marks.charAt(0)) >= 0
                && marks.chars().allMatch(c -> c == marks.charAt(0));
    }

    /** The openers still unclosed after {@code text}, starting from {@code open}; the peak counts, so it is returned as soon as it passes the limit. */
    private static int inlineOpeners(String text, int open) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                int close = text.indexOf('`', i + 1);
                i = close < 0 ? i + 1 : close + 1;
            } else if (c == '[') {
                open++;
                i++;
            } else if (c == ']') {
                open = Math.max(0, open - 1);
                i++;
            } else if (c == '*' || c == '_' || c == '~') {
                int end = i;
                while (end < text.length() && "*_~".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                boolean opens = end < text.length() && !Character.isWhitespace(text.charAt(end));
                boolean closes = i > 0 && !Character.isWhitespace(text.charAt(i - 1));
                int run = end - i;
                open = opens && (!closes || open == 0) ? open + run : Math.max(0, open - run);
                i = end;
            } else {
                i++;
            }
            if (open > MAX_DEPTH) {
                return open;
            }
        }
        return open;
    }
}
