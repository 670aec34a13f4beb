package org.moot.engine.govern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.access.Secrets;
import org.moot.engine.govern.Proceeding.Ballot;
import org.moot.engine.govern.Proceeding.Outcome;

/**
 * The counting rules, applied to the ballots of a closed box; each can be re-done by hand from the
 * published ballots.
 *
 * <p>Elections use <b>approval voting</b> (Brams and Fishburn, "Approval Voting", 1978; for several
 * seats, block approval): each ballot approves any number of candidates, and the seats go to the
 * candidates with the most approvals, each needing at least one. We chose it over the single
 * transferable vote because anyone can check the count from the published ballots with a tally
 * sheet, and a ballot is one list of names; STV's proportionality matters little for a handful of
 * moderator seats. Ties are broken by the SHA-256 of the election's number and the candidate's
 * name, so they too can be re-computed.
 */
final class Tally {

    private Tally() {}

    /** The ballots as published: without voters, sorted by receipt (the order they were cast in would link them to the roll). */
    static List<Ballot> published(Map<String, BallotBox.Cast> box) {
        return box.values().stream().map(c -> new Ballot(c.receipt(), c.choices(), c.reason()))
                .sorted(Comparator.comparing(Ballot::receipt)).toList();
    }

    /** How many ballots name each choice, in the order the proceeding offers them. */
    static Map<String, Integer> counts(Proceeding p, List<Ballot> ballots) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        p.choices().forEach(c -> counts.put(c, 0));
        ballots.forEach(b -> b.choices().forEach(c -> counts.merge(c, 1, Integer::sum)));
        return counts;
    }

    /** Whether enough of those who may vote did: {@code quorum} percent of {@code eligible}. */
    static boolean quorate(int ballots, int eligible, int quorum) {
        return (long) ballots * 100 >= (long) eligible * quorum && (ballots > 0 || quorum == 0);
    }

    /**
     * Counts an election for {@code seats} seats (fewer than it opened for when seats were filled
     * meanwhile) among the candidates who may still take one: members who do not hold the role.
     */
    static Outcome election(Proceeding p, Map<String, BallotBox.Cast> box, int eligible, int seats,
                            java.util.function.Predicate<String> mayTakeASeat, Instant now) {
        List<Ballot> ballots = published(box);
        Map<String, Integer> counts = counts(p, ballots);
        int quorum = p.rules().quorum();
        List<String> elected = List.of();
        String result;
        if (!quorate(ballots.size(), eligible, quorum)) {
            result = turnout(ballots.size(), eligible) + ", below the quorum of " + quorum + "%: nobody is elected";
        } else {
            elected = counts.entrySet().stream().filter(e -> e.getValue() > 0 && mayTakeASeat.test(e.getKey()))
                    .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                            .thenComparing(e -> tieBreak(p.number(), e.getKey())))
                    .limit(seats).map(Map.Entry::getKey).toList();
            List<String> barred = p.choices().stream().filter(c -> !mayTakeASeat.test(c)).toList();
            result = (elected.isEmpty() ? "nobody is elected" : String.join(", ", elected) + " elected "
                    + p.role().map(r -> r.id()).orElse("")) + " (" + turnout(ballots.size(), eligible)
                    + (barred.isEmpty() ? "" : "; " + String.join(", ", barred) + " could not take a seat: no longer a member, or holding it already")
                    + (seats < p.seats() ? "; " + (p.seats() - seats) + " of the seats were filled meanwhile" : "") + ")";
        }
        return new Outcome(now, result, voters(box), ballots, counts, elected, "", List.of(), Map.of());
    }

    /** A recall removes the holder when the vote is quorate and more than {@code majority} percent of the ballots say yes. */
    static Outcome recall(Proceeding p, Map<String, BallotBox.Cast> box, int eligible, Instant now) {
        int quorum = p.rules().quorum();
        int majority = p.rules().recallMajority();
        List<Ballot> ballots = published(box);
        Map<String, Integer> counts = counts(p, ballots);
        int yes = counts.getOrDefault("yes", 0);
        boolean passes = quorate(ballots.size(), eligible, quorum) && (long) yes * 100 > (long) ballots.size() * majority;
        String result = (passes ? "passed: " + p.subject() + " is no longer " : "failed: " + p.subject() + " stays ")
                + p.role().map(r -> r.id()).orElse("") + " (" + yes + " of " + ballots.size() + " for removal, more than "
                + majority + "% needed; " + turnout(ballots.size(), eligible) + ", quorum " + quorum + "%)";
        return new Outcome(now, result, voters(box), ballots, counts, passes ? List.of(p.subject()) : List.of(), "", List.of(), Map.of());
    }

    /** A poll is advice: it has counts, and counts per branch where enough of its members voted. */
    static Outcome poll(Proceeding p, Map<String, BallotBox.Cast> box, Instant now) {
        List<Ballot> ballots = published(box);
        return new Outcome(now, ballots.size() + (ballots.size() == 1 ? " member" : " members") + " answered",
                voters(box), ballots, counts(p, ballots), List.of(), "", List.of(), byBranch(p, box));
    }

    /**
     * Counts per branch (as each voter's branch was when they voted), for branches where at least
     * the minimum voted; and only while the ballots outside the branches shown are none or also at
     * least the minimum, since the totals less the branches shown would give those away: the
     * smallest branches shown join the rest until they are.
     */
    static Map<String, Map<String, Integer>> byBranch(Proceeding p, Map<String, BallotBox.Cast> box) {
        int minimum = p.rules().branchMinimum();
        Map<String, List<Ballot>> groups = new java.util.TreeMap<>();
        box.values().forEach(cast -> {
            if (!cast.branch().isBlank()) {
                groups.computeIfAbsent(cast.branch(), b -> new ArrayList<>()).add(new Ballot(cast.receipt(), cast.choices(), ""));
            }
        });
        groups.values().removeIf(ballots -> ballots.size() < minimum);
        List<String> bySize = groups.keySet().stream().sorted(Comparator.comparing((String b) -> groups.get(b).size())).toList();
        int rest = box.size() - groups.values().stream().mapToInt(List::size).sum();
        for (String smallest : bySize) {
            if (rest == 0 || rest >= minimum) {
                break;
            }
            rest += groups.remove(smallest).size();
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        groups.forEach((branch, ballots) -> out.put(branch, counts(p, ballots)));
        return out;
    }

    private static List<String> voters(Map<String, BallotBox.Cast> box) {
        return box.keySet().stream().sorted().toList();
    }

    private static String turnout(int ballots, int eligible) {
        return ballots + " of " + eligible + " eligible members voted";
    }

    static String tieBreak(int number, String name) {
        return Secrets.sha256(number + ":" + name);
    }
}
