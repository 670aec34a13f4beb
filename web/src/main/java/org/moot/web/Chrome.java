package org.moot.web;

import java.util.List;
import org.moot.engine.access.User;
import org.moot.schema.Violation;

/**
 * What every page's frame shows: the site's name, the page title, who is signed in, the
 * session's CSRF token for the forms on the page (empty when there is no session), and for
 * admins, what is wrong with the site's roles file.
 */
public record Chrome(String siteName, String title, User user, String csrf, List<Violation> rolesProblems) {

    public String documentTitle() {
        return title.isEmpty() || title.equals(siteName) ? siteName : title + " · " + siteName;
    }

    public boolean isAdmin() {
        return user.has(org.moot.engine.access.Role.ADMIN);
    }
}
