package org.moot.web;

/** What every page's frame shows: the site's name, the page title, and the search box's text. */
public record Chrome(String siteName, String title, String query) {

    public String documentTitle() {
        return title.isEmpty() || title.equals(siteName) ? siteName : title + " · " + siteName;
    }
}
