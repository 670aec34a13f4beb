package org.moot.engine.read;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.moot.engine.access.Account;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Details;
import org.moot.schema.Page;

/**
 * Skills offered matched to skills wanted: the members' directory lists who offers a skill a
 * call for help wants, and a member's page lists the open calls that want one of theirs. One
 * rule decides both, so the two lists always agree.
 */
public final class HelpWanted {

    private HelpWanted() {}

    /**
     * Whether an offered skill meets a wanted one: every word of the shorter is a word of the
     * longer, ignoring case and a plural s ("design" meets "Graphic design"; "data" does not meet
     * "database administration").
     */
    public static boolean meets(String offered, String wanted) {
        Set<String> a = words(offered);
        Set<String> b = words(wanted);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return a.size() <= b.size() ? b.containsAll(a) : a.containsAll(b);
    }

    /**
     * The members to suggest for a call for help: those listed in the directory (never anyone
     * else) who offer a skill it wants, or whose interests meet one of its tags.
     */
    public static List<Account> suggest(Page call, Supplier<Collection<Account>> accounts) {
        if (!(call.details() instanceof Details.Call c) || c.wants().orElse(null) != Details.Wants.HELP) {
            return List.of(); // every other page: the accounts are not even read
        }
        return accounts.get().stream().filter(a -> a.profile().listed() && !a.pending())
                .filter(a -> a.profile().skills().stream().anyMatch(s -> c.skills().stream().anyMatch(w -> meets(s, w)))
                        || a.profile().interests().stream().anyMatch(i -> call.tags().stream().anyMatch(t -> meets(i, t))))
                .sorted(Comparator.comparing(Account::name)).toList();
    }

    /** The open calls for help, not past their closing date, that want a skill among {@code offered}; soonest to close first. */
    public static List<Page> calls(SiteGraph graph, List<String> offered, LocalDate today) {
        if (offered.isEmpty()) {
            return List.of();
        }
        return graph.pages().stream()
                .filter(p -> p.details() instanceof Details.Call c && c.wants().orElse(null) == Details.Wants.HELP
                        && c.status().orElse(Details.CallStatus.OPEN) == Details.CallStatus.OPEN
                        && c.deadline().map(d -> !d.isBefore(today)).orElse(true)
                        && c.skills().stream().anyMatch(wanted -> offered.stream().anyMatch(o -> meets(o, wanted))))
                .sorted(Comparator.comparing((Page p) -> ((Details.Call) p.details()).deadline().orElse(LocalDate.MAX))
                        .thenComparing(p -> p.id().value()))
                .toList();
    }

    private static Set<String> words(String skill) {
        return Arrays.stream(skill.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toSet());
    }
}
