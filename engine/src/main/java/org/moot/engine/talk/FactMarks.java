package org.moot.engine.talk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code disputes: [3, 5]} line in a fact page's front matter: the numbers of the comments in
 * its discussion that dispute it now. It lives in the fact's own file so that every page showing
 * the figure (and every mirror) knows it is disputed without reading the discussion. The site
 * writes only that one line, and leaves every other line of the file as it was.
 */
final class FactMarks {

    static final String FIELD = "disputes";

    private FactMarks() {}

    /** The file with the line saying {@code numbers} (none: no line); empty when the file already says so or has no front matter. */
    static Optional<String> apply(String file, List<Integer> numbers) {
        String text = file.replace("\r\n", "\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return Optional.empty();
        }
        int close = org.moot.schema.FrontMatterParser.closingLine(lines);
        if (close < 0) {
            return Optional.empty();
        }
        List<String> front = new ArrayList<>();
        boolean inField = false;
        int at = -1; // where the line was, so that it stays there
        for (String line : lines.subList(1, close)) {
            // The field may have been rewritten as a block list ("disputes:" then "- 1" lines): drop its items too.
            boolean item = inField && (line.startsWith(" ") || line.startsWith("-"));
            inField = line.startsWith(FIELD + ":") || item;
            if (inField && at < 0) {
                at = front.size();
            }
            if (!inField) {
                front.add(line);
            }
        }
        if (!numbers.isEmpty()) {
            front.add(at < 0 ? front.size() : at, FIELD + ": [" + numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]");
        }
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(front);
        out.addAll(lines.subList(close, lines.size()));
        String next = String.join("\n", out);
        return next.equals(text) ? Optional.empty() : Optional.of(next);
    }
}
