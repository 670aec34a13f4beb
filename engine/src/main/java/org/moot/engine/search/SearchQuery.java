package org.moot.engine.search;

import java.util.Optional;

/**
 * One search as asked: the words (with optional field syntax, {@code kind:fact}, phrases and
 * prefixes) and the filters picked from the facets. Bounded, because it comes from anyone.
 */
public record SearchQuery(String text, Optional<String> kind, Optional<String> stance, Optional<String> topic,
                          Optional<String> tag, int offset, int limit) {

    public static final int MAX_CHARS = 500;
    public static final int MAX_WORDS = 32;
    /** Each {@code *} or {@code ?} makes the search walk more of the index's words: a handful is plenty. */
    public static final int MAX_WILDCARDS = 8;
    public static final int MAX_LIMIT = 100;
    /** Deep pages of results cost as much as all the pages before them; nobody reads that far. */
    public static final int MAX_OFFSET = 1_000;

    public SearchQuery {
        text = text == null ? "" : text.strip();
        kind = blankless(kind);
        stance = blankless(stance);
        topic = blankless(topic);
        tag = blankless(tag);
        offset = Math.max(0, Math.min(offset, MAX_OFFSET));
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 20);
    }

    public boolean hasFilters() {
        return kind.isPresent() || stance.isPresent() || topic.isPresent() || tag.isPresent();
    }

    public boolean isEmpty() {
        return text.isEmpty() && !hasFilters();
    }

    /** Why this query cannot be run, in words for the person who typed it; empty when it can. */
    public Optional<String> problem() {
        if (text.length() > MAX_CHARS) {
            return Optional.of("A search may have at most " + MAX_CHARS + " characters; this one has " + text.length() + ".");
        }
        if (!plainText(text)) {
            return Optional.of("A search cannot contain control characters; type or paste plain text.");
        }
        long wildcards = text.chars().filter(c -> c == '*' || c == '?').count();
        if (wildcards > MAX_WILDCARDS) {
            return Optional.of("A search may have at most " + MAX_WILDCARDS + " wildcards (* or ?); this one has " + wildcards + ".");
        }
        long words = text.isEmpty() ? 0 : text.split("\\s+").length;
        if (words > MAX_WORDS) {
            return Optional.of("A search may have at most " + MAX_WORDS + " words; this one has " + words + ".");
        }
        return Optional.empty();
    }

    /** No control characters and no half of a surrogate pair. */
    private static boolean plainText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> blankless(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty() && v.length() <= 255);
    }
}
