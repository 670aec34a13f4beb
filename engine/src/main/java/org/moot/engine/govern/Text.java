package org.moot.engine.govern;

import org.moot.engine.access.Accounts;

/**
 * What members write into the record (statements, reasons, questions), bounded and cleaned: no
 * control characters, no characters that reorder the text around them on the page (bidirectional
 * overrides and isolates), no noncharacters; a line stays one line, so it cannot add lines (or
 * trailers) to a commit message.
 */
final class Text {

    /** Controls but the newline; bidirectional marks, embeddings, overrides and isolates; noncharacters; lone surrogates. */
    private static final String UNWANTED = "[\\p{Cc}&&[^\\n]]|[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]"
            + "|[\\u200B\\u2060\\uFEFF]|[\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]|[\\p{Cs}]";

    private Text() {}

    /** One line: runs of spaces and line breaks become one space. */
    static String line(String text, int max, String what) {
        return bounded(clean(text).replaceAll("\\s+", " ").strip(), max, what);
    }

    /** Paragraphs: line breaks kept, at most one blank line in a row. */
    static String paragraphs(String text, int max, String what) {
        return bounded(clean(text).replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip(), max, what);
    }

    /** A short label from a member's profile (a branch): cleaned, one line, cut to {@code max} characters, never mid-character. */
    static String label(String text, int max) {
        String line = clean(text).replaceAll("\\s+", " ").strip();
        return line.codePointCount(0, line.length()) <= max ? line : line.substring(0, line.offsetByCodePoints(0, max));
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replaceAll("[\\r\\u2028\\u2029\\u0085]", "\n").replaceAll(UNWANTED, "");
    }

    private static String bounded(String text, int max, String what) {
        if (text.length() > max) {
            throw new Accounts.Refused("the " + what + " is longer than " + max + " characters");
        }
        return text;
    }
}
