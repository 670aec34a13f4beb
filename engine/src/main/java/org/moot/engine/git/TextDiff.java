package org.moot.engine.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * A line diff of two texts (Git's histogram diff), with the changed words inside each pair of
 * changed lines, as rows a page can show side by side or one after the other.
 */
public final class TextDiff {

    /** {@code GAP} stands for unchanged lines left out between two changes. */
    public enum Kind { SAME, CHANGED, ADDED, REMOVED, GAP }

    /** A run of text within a line; {@code changed} marks words that differ. */
    public record Span(String text, boolean changed) {}

    /** One row: the old line and the new line (either may be absent), split into spans. */
    public record Row(Kind kind, int oldNumber, List<Span> oldLine, int newNumber, List<Span> newLine) {}

    private static final int CONTEXT = 3;

    private TextDiff() {}

    private static final Row GAP = new Row(Kind.GAP, 0, List.of(), 0, List.of());

    /** Rows around each change, with {@code CONTEXT} unchanged lines either side and a gap row between. */
    public static List<Row> rows(String before, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        List<Row> rows = new ArrayList<>();
        int ai = 0;
        int bi = 0;
        for (Edit edit : edits) {
            int from = Math.max(ai, edit.getBeginA() - CONTEXT);
            if (from > ai && !rows.isEmpty()) {
                rows.add(GAP);
            }
            bi += from - ai;
            ai = from;
            while (ai < edit.getBeginA()) {
                rows.add(same(a, ai++, bi++));
            }
            int n = Math.max(edit.getLengthA(), edit.getLengthB());
            for (int k = 0; k < n; k++) {
                boolean hasOld = k < edit.getLengthA();
                boolean hasNew = k < edit.getLengthB();
                String oldText = hasOld ? a.getString(edit.getBeginA() + k) : null;
                String newText = hasNew ? b.getString(edit.getBeginB() + k) : null;
                if (hasOld && hasNew) {
                    List<List<Span>> words = words(oldText, newText);
                    rows.add(new Row(Kind.CHANGED, edit.getBeginA() + k + 1, words.get(0), edit.getBeginB() + k + 1, words.get(1)));
                } else if (hasOld) {
                    rows.add(new Row(Kind.REMOVED, edit.getBeginA() + k + 1, List.of(new Span(oldText, true)), 0, List.of()));
                } else {
                    rows.add(new Row(Kind.ADDED, 0, List.of(), edit.getBeginB() + k + 1, List.of(new Span(newText, true))));
                }
            }
            ai = edit.getEndA();
            bi = edit.getEndB();
            int until = Math.min(a.size(), ai + CONTEXT);
            while (ai < until) {
                rows.add(same(a, ai++, bi++));
            }
        }
        return rows;
    }

    private static Row same(RawText a, int ai, int bi) {
        List<Span> line = List.of(new Span(a.getString(ai), false));
        return new Row(Kind.SAME, ai + 1, line, bi + 1, line);
    }

    /** The two lines split into words, with the words that differ marked. */
    private static List<List<Span>> words(String oldLine, String newLine) {
        Words a = new Words(oldLine);
        Words b = new Words(newLine);
        EditList edits = new HistogramDiff().diff(Words.COMPARATOR, a, b);
        return List.of(spans(a, edits, true), spans(b, edits, false));
    }

    private static List<Span> spans(Words words, EditList edits, boolean old) {
        List<Span> out = new ArrayList<>();
        int at = 0;
        for (Edit e : edits) {
            int begin = old ? e.getBeginA() : e.getBeginB();
            int end = old ? e.getEndA() : e.getEndB();
            add(out, words.join(at, begin), false);
            add(out, words.join(begin, end), true);
            at = end;
        }
        add(out, words.join(at, words.size()), false);
        return out;
    }

    private static void add(List<Span> spans, String text, boolean changed) {
        if (!text.isEmpty()) {
            spans.add(new Span(text, changed));
        }
    }

    /** A line as a sequence of words and the spaces between them. */
    private static final class Words extends Sequence {
        static final SequenceComparator<Words> COMPARATOR = new SequenceComparator<>() {
            @Override
            public boolean equals(Words a, int ai, Words b, int bi) {
                return a.tokens[ai].equals(b.tokens[bi]);
            }

            @Override
            public int hash(Words seq, int i) {
                return seq.tokens[i].hashCode();
            }
        };

        private final String[] tokens;

        Words(String line) {
            this.tokens = line.isEmpty() ? new String[0] : line.split("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)|(?<=\\p{Punct})|(?=\\p{Punct})");
        }

        @Override
        public int size() {
            return tokens.length;
        }

        String join(int from, int to) {
            return String.join("", Arrays.copyOfRange(tokens, from, to));
        }
    }
}
