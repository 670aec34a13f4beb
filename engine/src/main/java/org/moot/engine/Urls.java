package org.moot.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.moot.schema.InvalidPageIdException;
import org.moot.schema.PageId;

/**
 * The URL shapes of DESIGN.md, in both directions. Rendered content links pages through here
 * too, so a page's address is written in exactly one place.
 */
public final class Urls {

    /** First path segments that are routes, not pages: a link to these is left alone. */
    private static final Set<String> ROUTES = Set.of("wiki", "edit", "history", "diff", "blame", "raw", "talk",
            "contents", "search", "changes", "changes.atom", "proposals", "login", "logout", "register",
            "members", "git", "api", "static", "favicon.ico");

    private Urls() {}

    public static String page(PageId id) {
        return id.isHome() ? "/" : "/wiki/" + id.value();
    }

    public static String pageAt(PageId id, String revision) {
        return "/wiki/" + (id.isHome() ? "index" : id.value()) + "?rev=" + revision;
    }

    public static String edit(PageId id) {
        return "/edit/" + (id.isHome() ? "index" : id.value());
    }

    /** A page's discussion. */
    public static String talk(PageId id) {
        return "/talk/" + (id.isHome() ? "index" : id.value());
    }

    /** One comment of a page's discussion. */
    public static String comment(PageId id, int number) {
        return talk(id) + "#c" + number;
    }

    public static String history(PageId id) {
        return "/history/" + (id.isHome() ? "index" : id.value());
    }

    /** Where new pages of a kind are started, under a topic or about a page. */
    public static String create(String kind, PageId in, String... more) {
        StringBuilder url = new StringBuilder("/new?kind=").append(kind).append("&in=").append(in.value());
        for (int i = 0; i + 1 < more.length; i += 2) {
            url.append('&').append(more[i]).append('=').append(URLEncoder.encode(more[i + 1], StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    public static String raw(PageId id) {
        return "/raw/" + (id.isHome() ? "index" : id.value());
    }

    public static String api(PageId id) {
        return "/api/pages/" + (id.isHome() ? "index" : id.value());
    }

    public static String search(String query) {
        return "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** Where a link to a page that does not exist yet leads: its would-be address, or a search. */
    public static String missing(String reference) {
        String slug = reference.strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace('_', '-');
        return pageId(slug).map(Urls::page).orElseGet(() -> search(reference.strip()));
    }

    /** The page id in the path after {@code /wiki/} (or {@code /raw/}, {@code /api/pages/}). */
    public static Optional<PageId> pageId(String path) {
        try {
            String id = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return Optional.of(PageId.of(id));
        } catch (InvalidPageIdException e) {
            return Optional.empty();
        }
    }

    public static boolean isRoute(String url) {
        String path = url.startsWith("/") ? url.substring(1) : url;
        int end = path.indexOf('/');
        String first = (end < 0 ? path : path.substring(0, end)).split("[?#]", 2)[0];
        return ROUTES.contains(first);
    }
}
