package org.moot.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks that need the whole site: references name pages of the right kind, parents form
 * no cycle, and no old id in {@code redirect-from} shadows a page or another redirect.
 */
public final class SiteRules {

    private final Map<PageId, Page> pages;
    private final java.util.function.Function<PageId, Optional<Page>> lookup;
    private final List<Violation> violations = new ArrayList<>();

    private SiteRules(Map<PageId, Page> pages) {
        this.pages = pages;
        this.lookup = id -> Optional.ofNullable(pages.get(id));
    }

    private SiteRules(java.util.function.Function<PageId, Optional<Page>> lookup) {
        this.pages = Map.of();
        this.lookup = lookup;
    }

    /**
     * The same rules for one changed page, against a site seen through {@code lookup} (which
     * must already show the change): for saving an edit without reading the whole site.
     */
    public static List<Violation> checkPage(Page page, java.util.function.Function<PageId, Optional<Page>> lookup) {
        SiteRules rules = new SiteRules(lookup);
        rules.references(page);
        rules.cycleThrough(page);
        for (int i = 0; i < page.redirectFrom().size(); i++) {
            PageId old = page.redirectFrom().get(i);
            if (lookup.apply(old).isPresent()) {
                rules.add(page, "redirect-from." + i, "'redirect-from' names '" + old + "', which is still a page");
            }
        }
        return List.copyOf(rules.violations);
    }

    /** Whether following parents and folders up from {@code page} ever comes back to it. */
    private void cycleThrough(Page page) {
        for (int i = 0; i < page.parents().size(); i++) {
            PageId parent = page.parents().get(i);
            if (leadsTo(parent, page.id(), new java.util.HashSet<>(), 0)) {
                add(page, "parents." + i, "'parents' makes a cycle: " + label(page.id()) + " → " + label(parent)
                        + " → … → " + label(page.id()));
            }
        }
    }

    private boolean leadsTo(PageId from, PageId target, Set<PageId> seen, int depth) {
        if (from.equals(target)) {
            return true;
        }
        if (depth > 64 || !seen.add(from)) {
            return false;
        }
        Optional<Page> page = lookup.apply(from);
        List<PageId> ups = new ArrayList<>();
        folderPage(from, id -> lookup.apply(id).isPresent()).ifPresent(ups::add);
        page.ifPresent(p -> ups.addAll(p.parents()));
        for (PageId up : ups) {
            if (leadsTo(up, target, seen, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    public static List<Violation> check(Map<PageId, Page> pages) {
        SiteRules rules = new SiteRules(pages);
        pages.values().forEach(rules::references);
        rules.cycles();
        rules.redirects();
        return List.copyOf(rules.violations);
    }

    private void references(Page page) {
        for (int i = 0; i < page.parents().size(); i++) {
            expect(page, "parents." + i, "parents", page.parents().get(i), null);
        }
        Details d = page.details();
        if (d instanceof Details.Response r) {
            r.respondsTo().ifPresent(id -> expect(page, "responds-to", "responds-to", id, Kind.PAPER));
        } else if (d instanceof Details.Synthesis s) {
            s.theme().ifPresent(id -> expect(page, "theme", "theme", id, Kind.TOPIC));
            for (int i = 0; i < s.drawsOn().size(); i++) {
                expect(page, "draws-on." + i, "draws-on", s.drawsOn().get(i), Kind.RESPONSE);
            }
        } else if (d instanceof Details.Argument a) {
            a.on().ifPresent(id -> {
                expect(page, "on", "on", id, null);
                if (id.equals(page.id())) {
                    add(page, "on", "an argument cannot be about itself");
                }
            });
            if (!a.on().equals(Optional.of(page.id()))) {
                argumentCycle(page, a);
            }
            for (int i = 0; i < a.alsoOn().size(); i++) {
                PageId linked = a.alsoOn().get(i);
                expect(page, "also-on." + i, "also-on", linked, null);
                if (linked.equals(page.id()) || a.on().equals(Optional.of(linked))) {
                    add(page, "also-on." + i, "'also-on' names '" + linked + "', where the argument already is");
                }
            }
        }
    }

    /**
     * Replies answer what came before them: following 'on' and the links of 'also-on' from an
     * argument must never lead back to it. Bounded, so a hostile site cannot make it slow.
     */
    private void argumentCycle(Page page, Details.Argument argument) {
        Map<PageId, PageId> cameFrom = new HashMap<>();
        java.util.ArrayDeque<PageId> todo = new java.util.ArrayDeque<>();
        for (PageId first : targets(argument)) {
            if (!first.equals(page.id()) && cameFrom.putIfAbsent(first, page.id()) == null) {
                todo.add(first);
            }
        }
        for (int steps = 0; steps < 1_000 && !todo.isEmpty(); steps++) {
            PageId at = todo.poll();
            List<PageId> next = lookup.apply(at).map(Page::details)
                    .map(d -> d instanceof Details.Argument a ? targets(a) : List.<PageId>of()).orElse(List.of());
            for (PageId to : next) {
                if (to.equals(page.id())) {
                    List<PageId> loop = new ArrayList<>(List.of(page.id()));
                    for (PageId back = at; !back.equals(page.id()); back = cameFrom.get(back)) {
                        loop.add(1, back);
                    }
                    StringBuilder shown = new StringBuilder();
                    loop.forEach(id -> shown.append(label(id)).append(" → "));
                    add(page, "on", "'on' makes a cycle of arguments: " + shown + label(page.id()));
                    return;
                }
                if (cameFrom.putIfAbsent(to, at) == null) {
                    todo.add(to);
                }
            }
        }
    }

    private static List<PageId> targets(Details.Argument a) {
        return java.util.stream.Stream.concat(a.on().stream(), a.alsoOn().stream()).toList();
    }

    private void expect(Page page, String lineKey, String field, PageId target, Kind kind) {
        Page found = lookup.apply(target).orElse(null);
        if (found == null) {
            add(page, lineKey, "'" + field + "' names '" + target + "', which is not a page on this site");
        } else if (kind != null && found.kind() != kind) {
            add(page, lineKey, "'" + field + "' names '" + target + "', which is a " + found.kind().id()
                    + ", not a " + kind.id());
        }
    }

    /** Parents and folders together must form a hierarchy: following them never leads back. */
    private void cycles() {
        Map<PageId, Integer> state = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
        for (PageId start : pages.keySet()) {
            if (!state.containsKey(start)) {
                walk(start, new LinkedHashSet<>(), state);
            }
        }
    }

    private void walk(PageId id, LinkedHashSet<PageId> path, Map<PageId, Integer> state) {
        state.put(id, 1);
        path.add(id);
        for (PageId up : upward(id)) {
            Integer s = state.get(up);
            if (s == null) {
                walk(up, path, state);
            } else if (s == 1) {
                reportCycle(path, up);
            }
        }
        path.remove(id);
        state.put(id, 2);
    }

    private void reportCycle(LinkedHashSet<PageId> path, PageId back) {
        List<PageId> loop = new ArrayList<>();
        boolean in = false;
        for (PageId id : path) {
            in |= id.equals(back);
            if (in) {
                loop.add(id);
            }
        }
        loop.add(back);
        StringBuilder shown = new StringBuilder();
        loop.forEach(id -> shown.append(shown.length() == 0 ? "" : " → ").append(label(id)));
        // Name the cycle on every page in it whose own 'parents' field takes part.
        for (int i = 0; i + 1 < loop.size(); i++) {
            Page page = pages.get(loop.get(i));
            int at = page.parents().indexOf(loop.get(i + 1));
            if (at >= 0) {
                add(page, "parents." + at, "'parents' makes a cycle: " + shown);
            }
        }
    }

    private List<PageId> upward(PageId id) {
        List<PageId> ups = new ArrayList<>();
        folderPage(id).ifPresent(ups::add);
        Page page = pages.get(id);
        if (page != null) {
            page.parents().stream().filter(pages::containsKey).forEach(ups::add);
        }
        return ups;
    }

    /** The nearest enclosing folder that has a page, so missing index.md files do not break trails. */
    public static Optional<PageId> folderPage(PageId id, Set<PageId> existing) {
        return folderPage(id, existing::contains);
    }

    private static Optional<PageId> folderPage(PageId id, java.util.function.Predicate<PageId> exists) {
        Optional<PageId> up = id.folder();
        while (up.isPresent() && !exists.test(up.get()) && !up.get().isHome()) {
            up = up.get().folder();
        }
        return up.filter(exists);
    }

    private Optional<PageId> folderPage(PageId id) {
        return folderPage(id, pages.keySet());
    }

    private void redirects() {
        Map<PageId, Page> claimed = new HashMap<>();
        for (Page page : pages.values()) {
            for (int i = 0; i < page.redirectFrom().size(); i++) {
                PageId old = page.redirectFrom().get(i);
                if (pages.containsKey(old)) {
                    add(page, "redirect-from." + i, "'redirect-from' names '" + old + "', which is still a page");
                } else {
                    Page other = claimed.putIfAbsent(old, page);
                    if (other != null && !other.id().equals(page.id())) {
                        add(page, "redirect-from." + i, "'redirect-from' names '" + old
                                + "', which " + other.path() + " also claims");
                    }
                }
            }
        }
    }

    private static String label(PageId id) {
        return id.isHome() ? "(home)" : id.value();
    }

    private void add(Page page, String lineKey, String message) {
        violations.add(new Violation(page.path(), page.frontMatter().line(lineKey), message));
    }
}
