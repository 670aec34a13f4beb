package org.moot.web.account;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.access.Account;
import org.moot.engine.read.HelpWanted;
import org.moot.web.Frame;
import org.moot.web.Templates;

/** {@code /members}: the members who chose to be listed, searchable by skill, interest and branch. */
final class Directory {

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    Directory(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    void show(Context ctx) {
        String q = param(ctx, "q");
        String skill = param(ctx, "skill");
        String interest = param(ctx, "interest");
        String branch = param(ctx, "branch");
        List<AccountModels.Card> cards = site.access().accounts().all().stream()
                .filter(a -> a.profile().listed() && !a.pending() && !a.wasClosed())
                .filter(a -> matches(a, q) && offers(a.profile().skills(), skill) && any(a.profile().interests(), interest)
                        && contains(a.profile().branch(), branch))
                .map(a -> new AccountModels.Card(a.name(), a.displayName(), a.profile()))
                .toList();
        templates.render(ctx, "members.jte", new AccountModels.Directory(frame.chrome(ctx, "Members"), q, skill, interest, branch, cards));
    }

    private static boolean matches(Account a, String q) {
        if (q.isEmpty()) {
            return true;
        }
        Account.Profile p = a.profile();
        return contains(a.displayName(), q) || contains(a.name(), q) || contains(p.bio(), q) || contains(p.branch(), q)
                || any(p.skills(), q) || any(p.interests(), q);
    }

    /** The same rule as the calls for help a member is shown ({@link HelpWanted#meets}). */
    private static boolean offers(List<String> skills, String wanted) {
        return wanted.isEmpty() || skills.stream().anyMatch(s -> HelpWanted.meets(s, wanted));
    }

    private static boolean any(List<String> values, String wanted) {
        return wanted.isEmpty() || values.stream().anyMatch(v -> contains(v, wanted));
    }

    private static boolean contains(String text, String wanted) {
        return wanted.isEmpty() || text.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
    }
}
