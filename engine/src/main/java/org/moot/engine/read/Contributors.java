package org.moot.engine.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.access.User;
import org.moot.engine.git.CommitInfo;

/**
 * Who wrote a collective page, from its Git history: each member once, by account (their
 * display name may have changed; the name of their latest edit is shown), with how many edits
 * they made. People outside Moot (an imported history, a push from elsewhere) are listed by name.
 */
public final class Contributors {

    /** {@code account} is empty for someone without an account here. */
    public record Contributor(String account, String name, int edits) {}

    private Contributors() {}

    /** From a page's history, newest commit first; most edits first. */
    public static List<Contributor> of(List<CommitInfo> history) {
        Map<String, Contributor> byKey = new LinkedHashMap<>();
        for (CommitInfo c : history) {
            String account = User.account(c.authorId());
            if (c.authorId().equals("moot@localhost")) {
                continue; // the site's own commits (a dispute's mark, a setting) are nobody's words
            }
            String key = account.isEmpty() ? "name:" + c.author() : account;
            Contributor was = byKey.get(key);
            byKey.put(key, new Contributor(account, was == null ? c.author() : was.name(), was == null ? 1 : was.edits() + 1));
        }
        List<Contributor> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingInt(Contributor::edits).reversed());
        return out;
    }
}
