package org.moot.engine.read;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.Source;

/**
 * How hard a fact is, from 0 to 5, by a rule simple enough to print beside it: where its best
 * source comes from, whether a second source backs it, how old the figure is, and whether anyone
 * disputes it now. {@code why} gives each step, so a reader can check the score by hand.
 */
public record FactStrength(int score, String words, List<String> why) {

    /** The rule, in the words the fact pages and {@code /facts} show. */
    public static final List<String> RULE = List.of(
            "The best source gives the start: official statistics or peer-reviewed research 3, a reference work 2, the press 1, anything else 0.",
            "A second source adds 1.",
            "A figure for a date less than two years ago adds 1; one more than five years old, or with no date, takes 1 away.",
            "Each open or upheld dispute takes 2 away.",
            "The score is kept between 0 and 5.");

    private static final List<String> WORDS = List.of("very weak", "very weak", "weak", "fair", "strong", "very strong");

    /** The open and upheld disputes marked in the fact's own file ({@code disputes: [3, 5]}), by comment number. */
    public static List<Integer> disputes(Page fact) {
        Object marks = fact.kind() == org.moot.schema.Kind.FACT ? fact.frontMatter().get("disputes") : null;
        if (!(marks instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).filter(t -> t.matches("[1-9][0-9]{0,8}")).map(Integer::parseInt).toList();
    }

    public static Optional<FactStrength> of(Page page, LocalDate today) {
        if (!(page.details() instanceof Details.Fact fact)) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        Optional<Source> best = best(fact.sources());
        int score = best.map(FactStrength::weight).orElse(0);
        why.add(best.map(s -> "best source: " + s.type().id().replace('-', ' ') + " (" + weight(s) + ")").orElse("no source (0)"));
        if (fact.sources().size() > 1) {
            score += 1;
            why.add("a second source (+1)");
        }
        Optional<Period> age = fact.asOf().map(d -> Period.between(d, today));
        if (age.isPresent() && age.get().toTotalMonths() < 24) {
            score += 1;
            why.add("less than two years old (+1)");
        } else if (age.isEmpty() || age.get().getYears() >= 5) {
            score -= 1;
            why.add(age.isEmpty() ? "no date (−1)" : "more than five years old (−1)");
        }
        int disputes = disputes(page).size();
        if (disputes > 0) {
            score -= 2 * disputes;
            why.add(disputes + (disputes == 1 ? " dispute" : " disputes") + " not resolved in its favour (−" + 2 * disputes + ")");
        }
        score = Math.max(0, Math.min(5, score));
        return Optional.of(new FactStrength(score, WORDS.get(score), List.copyOf(why)));
    }

    /** The most authoritative of some sources: official statistics and research before reference works, the press, and the rest. */
    public static Optional<Source> best(List<Source> sources) {
        return sources.stream().max(Comparator.comparingInt(FactStrength::weight));
    }

    private static int weight(Source s) {
        return switch (s.type()) {
            case OFFICIAL_STATISTICS, PEER_REVIEWED -> 3;
            case REFERENCE -> 2;
            case PRESS -> 1;
            case OTHER -> 0;
        };
    }
}
