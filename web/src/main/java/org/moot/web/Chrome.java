package org.moot.web;

import org.moot.engine.access.User;

/**
 * What every page's frame shows: the site's name, the page title, who is signed in, and the
 * session's CSRF token for the forms on the page (empty when there is no session).
 */
public record Chrome(String siteName, String title, User user, String csrf) {

    public String documentTitle() {
        return title.isEmpty() || title.equals(siteName) ? siteName : title + " · " + siteName;
    }

    public boolean isAdmin() {
        return user.has(org.moot.engine.access.Role.ADMIN);
    }
}
