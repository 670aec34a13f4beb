package org.moot.engine.importing;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.moot.schema.PageId;

/**
 * Gives every path of an imported repository a path Moot serves: folder and Markdown file names
 * become ids ({@code Energy Policy.md} → {@code energy-policy.md}, {@code v1.2+notes} →
 * {@code v1-2-notes}); other files keep their names. A path gets the same new path every time it
 * is met, and no two paths ever share one: the second {@code Foo.md} beside {@code foo.md}
 * becomes {@code foo-2.md}, never an overwrite. The source's own {@code .moot/} is left out, so an
 * import cannot bring in roles.
 */
final class Names {

    private final Map<String, String> files = new HashMap<>();
    private final Map<String, String> folders = new HashMap<>();
    /** New paths handed out, and the page ids they make (a page is {@code x.md} or {@code x/index.md}). */
    private final Set<String> taken = new HashSet<>();
    private int renamed;

    Optional<String> of(String path) {
        if (path.startsWith(".moot/")) {
            return Optional.empty();
        }
        String known = files.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : folder(path.substring(0, slash));
        String name = path.substring(slash + 1);
        boolean page = name.endsWith(".md");
        String stem = page ? slug(name.substring(0, name.length() - 3)) : name;
        String suffix = page ? ".md" : "";
        if (page && folder.isEmpty() && stem.equals("private")) {
            stem += "-page"; // it would pass for the site's private folder
        }
        String chosen = folder + stem + suffix;
        for (int n = 2; taken.contains(chosen) || page && taken.contains(idOf(chosen)); n++) {
            chosen = folder + stem + "-" + n + suffix;
        }
        taken.add(chosen);
        if (page) {
            taken.add(idOf(chosen));
        }
        if (!chosen.equals(path)) {
            renamed++;
        }
        files.put(path, chosen);
        return Optional.of(chosen);
    }

    /** How many files were given a new path. */
    int renamed() {
        return renamed;
    }

    /** A folder's new path, with a trailing slash; a folder keeps its new name for every file in it. */
    private String folder(String path) {
        String known = folders.get(path);
        if (known != null) {
            return known;
        }
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : folder(path.substring(0, slash));
        String name = path.substring(slash + 1);
        String stem = name.startsWith(".") ? name : slug(name);
        String chosen = parent + stem + "/";
        for (int n = 2; taken.contains(chosen) || (!name.startsWith(".") && PageId.isReserved(chosen)); n++) {
            chosen = parent + stem + "-" + n + "/";
        }
        taken.add(chosen);
        folders.put(path, chosen);
        return chosen;
    }

    /** The id key of a Markdown path: {@code a/b.md} and {@code a/b/index.md} both make page {@code a/b}. */
    private static String idOf(String mdPath) {
        String stem = mdPath.substring(0, mdPath.length() - 3);
        return "page:" + (stem.equals("index") ? "" : stem.endsWith("/index") ? stem.substring(0, stem.length() - 6) : stem);
    }

    /** A name as an id segment: accents dropped, lower case, runs of anything else made one '-'. */
    static String slug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > PageId.MAX_SEGMENT - 8) {
            slug = slug.substring(0, PageId.MAX_SEGMENT - 8).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "page" : slug;
    }
}
