package org.moot.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * A page's id: its path in the repository without {@code .md}, lower-case {@code a-z0-9-}
 * segments joined by {@code /}. The home page (root {@code index.md}) has the empty id.
 *
 * <p>Ids arrive from URLs, front matter and file names, so {@link #of} is the one gate through
 * which they pass; anything that could escape the repository is refused with a reason.
 */
public record PageId(String value) implements Comparable<PageId> {

    public static final PageId HOME = new PageId("");
    public static final int MAX_LENGTH = 255;
    public static final int MAX_SEGMENT = 120;

    public PageId {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidPageIdException(value, problem);
        }
    }

    /** Parses an id as written by people: {@code index} and {@code x/index} name folder pages. */
    public static PageId of(String text) {
        if (text == null) {
            throw new InvalidPageIdException("", "it is missing");
        }
        String id = text;
        if (id.equals("index")) {
            return HOME;
        }
        if (id.endsWith("/index")) {
            id = id.substring(0, id.length() - "/index".length());
        }
        return new PageId(id);
    }

    /** The id for a Markdown file's path, or empty when the path is not a page. */
    public static Optional<PageId> fromPath(String path) {
        try {
            return pageFile(path) ? Optional.of(of(idText(path))) : Optional.empty();
        } catch (InvalidPageIdException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a new Markdown file outside the reserved folders is not named by a page id as written
     * ("'Bad Id' is not a valid page id: …"), or empty when it is, or is not a page's file at all.
     * Stricter than {@link #fromPath}, which also reads the names of wikis served as they are.
     */
    public static Optional<String> pathProblem(String path) {
        try {
            if (pageFile(path)) {
                of(path.substring(0, path.length() - 3));
            }
            return Optional.empty();
        } catch (InvalidPageIdException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean pageFile(String path) {
        return path.endsWith(".md") && !isReserved(path);
    }

    /**
     * Existing wikis name files "Home.md" or "Energy_policy.md": serve them under the id a person
     * would type, rather than refusing the whole repository.
     */
    private static String idText(String path) {
        return path.substring(0, path.length() - 3).toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /**
     * Paths that hold settings or discussion, not pages: {@code .moot/}, {@code talk/}, dot files;
     * and {@code private}, so that no page can pass for the site's private folder.
     */
    public static boolean isReserved(String path) {
        String p = path.toLowerCase(Locale.ROOT); // ids are lower-cased from file names: Talk/ is talk/
        return p.startsWith(".") || p.contains("/.") || p.startsWith("talk/")
                || p.equals("private.md") || p.startsWith("private/");
    }

    /** Whether this id names discussion, settings or private data rather than a page ({@code talk/x}, {@code private}). */
    public boolean isReserved() {
        return isReserved(candidatePaths()[0]);
    }

    public boolean isHome() {
        return value.isEmpty();
    }

    /** The folder this page sits in, as a page id; empty for the home page. */
    public Optional<PageId> folder() {
        if (isHome()) {
            return Optional.empty();
        }
        int slash = value.lastIndexOf('/');
        return Optional.of(slash < 0 ? HOME : new PageId(value.substring(0, slash)));
    }

    /** The last segment, used as a title of last resort. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The two files that may hold this page, in the order they are looked up. */
    public String[] candidatePaths() {
        return isHome()
                ? new String[] {"index.md"}
                : new String[] {value + ".md", value + "/index.md"};
    }

    @Override
    public int compareTo(PageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String id) {
        if (id == null) {
            return "it is missing";
        }
        if (id.isEmpty()) {
            return null;
        }
        if (id.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (id.startsWith("/")) {
            return "it is an absolute path";
        }
        if (id.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        if (id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "it contains a control character";
        }
        // A plain loop, not a regex: ids are checked on every link of every page when a site is read.
        int start = 0;
        while (start <= id.length()) {
            int end = id.indexOf('/', start);
            if (end < 0) {
                end = id.length();
            }
            String problem = segmentProblem(id, start, end);
            if (problem != null) {
                return problem;
            }
            start = end + 1;
        }
        // "x/index" is x's own page (x/index.md): as an id of its own it would name x's file.
        if (id.equals("index") || id.endsWith("/index")) {
            return "it ends in 'index', which names the page of its folder";
        }
        return null;
    }

    private static String segmentProblem(String id, int start, int end) {
        String segment = id.substring(start, end);
        if (segment.equals("..") || segment.equals(".")) {
            return "it contains '" + segment + "'";
        }
        if (segment.isEmpty()) {
            return "it contains an empty segment";
        }
        if (segment.length() > MAX_SEGMENT) {
            return "a segment is longer than " + MAX_SEGMENT + " characters";
        }
        for (int i = start; i < end; i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return "segment '" + segment + "' may only use lower-case letters a-z, digits and '-'";
            }
        }
        return null;
    }
}
