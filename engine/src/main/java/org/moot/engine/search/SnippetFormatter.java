package org.moot.engine.search;

import java.util.Arrays;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.moot.engine.render.HtmlSanitizer;
import org.moot.engine.render.SafeHtml;

/**
 * A hit's passages, joined by an ellipsis, with the words that matched marked. Built from the
 * stored plain text through {@link HtmlSanitizer#marked}, so a snippet is safe by construction
 * and needs no pass through the sanitiser (which cost a twentieth of every search).
 */
final class SnippetFormatter extends PassageFormatter {

    private static final String BETWEEN = " … ";
    /** The most of the text one passage shows. */
    private final int maxPassage;

    SnippetFormatter(int maxPassage) {
        this.maxPassage = maxPassage;
    }

    /** The snippet, or null when no passage holds a match (the caller shows the page's opening). */
    @Override
    public SafeHtml format(Passage[] passages, String content) {
        StringBuilder text = new StringBuilder();
        int[] starts = new int[0];
        int[] ends = new int[0];
        int count = 0;
        for (Passage passage : passages) {
            if (passage.getNumMatches() == 0) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(BETWEEN);
            }
            // A passage is cut at spaces; text with none (a long word, a run of symbols) is cut around its first match.
            int from = Math.max(passage.getStartOffset(), Math.min(passage.getMatchStarts()[0] - maxPassage / 2,
                    passage.getEndOffset() - maxPassage));
            int to = Math.min(passage.getEndOffset(), from + maxPassage);
            from -= from > 0 && Character.isLowSurrogate(content.charAt(from)) ? 1 : 0; // never half an emoji
            to += to < content.length() && Character.isLowSurrogate(content.charAt(to)) ? 1 : 0;
            int shift = text.length() - from;
            starts = Arrays.copyOf(starts, count + passage.getNumMatches());
            ends = Arrays.copyOf(ends, count + passage.getNumMatches());
            for (int m = 0; m < passage.getNumMatches(); m++) {
                int start = Math.max(passage.getMatchStarts()[m], from);
                int end = Math.min(passage.getMatchEnds()[m], to);
                if (count > 0 && start + shift < ends[count - 1]) { // overlaps the last mark: extend it
                    ends[count - 1] = Math.max(ends[count - 1], end + shift);
                } else if (start < end) {
                    starts[count] = start + shift;
                    ends[count++] = end + shift;
                }
            }
            text.append(content, from, to);
        }
        return count == 0 ? null : HtmlSanitizer.marked(text.toString(), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }
}
