package org.moot.engine.access;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.moot.schema.Details;
import org.moot.schema.Page;

/**
 * Which display names a member may take. A display name is shown as the author of every commit
 * and comment, so it may not copy another member's name or display name, the name of an author
 * credited on a paper, or a name the site reserves: nobody can pass for someone else.
 */
public final class DisplayNames {

    static final int MAX_LENGTH = 80;
    /** Names the site speaks under (commits by the site itself are signed "Moot"), beyond reserved user names. */
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "moderator", "editor", "moot", "site");

    private DisplayNames() {
    }

    /** The names of every author credited on these pages' papers. */
    public static Set<String> credited(Collection<Page> pages) {
        return pages.stream().map(Page::details)
                .filter(Details.Paper.class::isInstance)
                .flatMap(d -> ((Details.Paper) d).authors().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * {@code wanted}, tidied, if {@code owner} may take it; otherwise refused in one sentence.
     * {@code others} are every other account; {@code credited} the authors named on the site.
     */
    static String check(String wanted, String owner, Collection<Account> others, Collection<String> credited) {
        String display = wanted.strip().replaceAll("\\s+", " ");
        if (display.length() > MAX_LENGTH) {
            throw new Accounts.Refused("a display name may have at most " + MAX_LENGTH + " characters");
        }
        if (display.codePoints().anyMatch(Character::isISOControl)) {
            throw new Accounts.Refused("a display name may not contain control characters");
        }
        String key = key(display);
        if (key.equals(key(owner))) {
            return display;
        }
        boolean taken = Accounts.isReserved(key) || RESERVED.contains(key)
                || others.stream().filter(a -> !a.name().equals(owner))
                        .anyMatch(a -> key.equals(key(a.name())) || key.equals(key(a.displayName())))
                || credited.stream().anyMatch(author -> key.equals(key(author)));
        if (taken) {
            throw new Accounts.Refused("the display name '" + display + "' is another member's, an author's or the site's; choose one of your own");
        }
        return display;
    }

    /** What two names must differ in: not case, spacing, or look-alike forms of the same letters. */
    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
