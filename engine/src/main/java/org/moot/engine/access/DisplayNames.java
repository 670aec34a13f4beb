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
        if (display.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            // Soft hyphens, zero-width spaces and direction overrides change how a name looks, not what it says.
            throw new Accounts.Refused("a display name may not contain invisible or direction-changing characters");
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

    /**
     * What two names must differ in: not case, the spacing or punctuation between words, accents, compatibility
     * forms, nor letters from another alphabet that look the same (Cyrillic а, Greek ο, dotless ı).
     */
    static String key(String name) {
        String folded = Normalizer.normalize(Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        folded.codePoints().forEach(c -> {
            int latin = LOOK_ALIKES.indexOf(c) >= 0 ? LATIN.charAt(LOOK_ALIKES.indexOf(c)) : c;
            if (Character.isLetterOrDigit(latin)) {
                out.appendCodePoint(latin);
            } else if (Character.getType(latin) != Character.NON_SPACING_MARK) {
                out.append(' '); // spaces and punctuation separate words, whichever they are
            }
        });
        return out.toString().strip().replaceAll(" +", " ");
    }

    /** Letters that are drawn like Latin ones, and the Latin letter each passes for (same position). */
    private static final String LOOK_ALIKES = "аеоросхуіјѕԁԛԝӏкмнтвьαεοριτυνκχωγıłøſƒ01|";
    private static final String LATIN = "aeopocxyijsdqwlkmhtbbaeopituvkxwyilosfoll";
}
