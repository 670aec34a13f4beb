package org.moot.engine.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.Snapshot;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.SiteCheck;
import org.moot.schema.SiteRules;
import org.moot.schema.Violation;

/**
 * The shape of the site at one snapshot: which pages exist, how they nest (folders plus
 * {@code parents}), every breadcrumb trail, children, backlinks, redirects and argument trees.
 * Immutable; built once per tree and shared by every request that reads that tree.
 */
public final class SiteGraph {

    static final int MAX_TRAILS = 8;
    private static final Comparator<Page> BY_TITLE =
            Comparator.comparing(Page::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Page::id);

    private final Snapshot snapshot;
    private final Map<PageId, Page> pages;
    private final Map<PageId, ObjectId> blobs = new HashMap<>();
    private final Map<String, List<Violation>> problems = new HashMap<>();
    private final List<Violation> allProblems;
    private final Map<PageId, List<PageId>> up = new HashMap<>();
    private final Map<PageId, List<Page>> children = new HashMap<>();
    private final Map<PageId, List<Page>> argumentsOn = new HashMap<>();
    private final Map<PageId, List<Page>> responses = new HashMap<>();
    private final Map<PageId, Set<PageId>> backlinks = new HashMap<>();
    private final Map<PageId, PageId> redirects = new HashMap<>();
    /** Pages and redirects by the id's text, so that resolving a link builds no ids. */
    private final Map<String, PageId> byIdText = new HashMap<>();
    private final Map<String, PageId> byTitle = new HashMap<>();

    private SiteGraph(Snapshot snapshot, SiteCheck.Result check) {
        this.snapshot = snapshot;
        this.pages = check.pages();
        this.allProblems = check.violations();
        check.violations().forEach(v -> problems.computeIfAbsent(v.path(), k -> new ArrayList<>()).add(v));
    }

    /** Builds the graph of a snapshot; {@code read} parses a file (callers cache it by content). */
    public static SiteGraph build(Snapshot snapshot, List<FileEntry> files, Function<FileEntry, PageFile> read) {
        Map<String, FileEntry> byPath = new HashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        Map<String, PageFile> parsedFiles = new HashMap<>();
        SiteCheck.Result check = SiteCheck.check(List.copyOf(byPath.keySet()), path -> {
            PageFile file = read.apply(byPath.get(path));
            parsedFiles.put(path, file);
            return file.parsed();
        });
        SiteGraph graph = new SiteGraph(snapshot, check);
        for (Page page : graph.pages.values()) {
            graph.blobs.put(page.id(), byPath.get(page.path()).blob());
            graph.byTitle.putIfAbsent(page.title().toLowerCase(Locale.ROOT), page.id());
            page.redirectFrom().forEach(old -> graph.redirects.putIfAbsent(old, page.id()));
        }
        graph.redirects.forEach((old, to) -> graph.byIdText.put(old.value(), to));
        graph.pages.keySet().forEach(id -> graph.byIdText.put(id.value(), id));
        graph.byIdText.put("index", PageId.HOME);
        for (Page page : graph.pages.values()) {
            graph.link(page, parsedFiles.get(page.path()).links());
        }
        graph.children.values().forEach(list -> list.sort(BY_TITLE));
        graph.argumentsOn.values().forEach(list -> list.sort(BY_TITLE));
        return graph;
    }

    private void link(Page page, List<String> links) {
        List<PageId> ups = new ArrayList<>();
        SiteRules.folderPage(page.id(), pages.keySet()).ifPresent(ups::add);
        page.parents().stream().filter(pages::containsKey).filter(p -> !ups.contains(p)).forEach(ups::add);
        up.put(page.id(), List.copyOf(ups));
        ups.forEach(parent -> children.computeIfAbsent(parent, k -> new ArrayList<>()).add(page));
        if (page.details() instanceof Details.Argument a) {
            a.on().filter(pages::containsKey).ifPresent(on -> argumentsOn.computeIfAbsent(on, k -> new ArrayList<>()).add(page));
        } else if (page.details() instanceof Details.Response r) {
            r.respondsTo().ifPresent(paper -> responses.computeIfAbsent(paper, k -> new ArrayList<>()).add(page));
        }
        for (String link : links) {
            resolve(link).filter(target -> !target.equals(page.id()))
                    .ifPresent(target -> backlinks.computeIfAbsent(target, k -> new HashSet<>()).add(page.id()));
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public Optional<Page> page(PageId id) {
        return Optional.ofNullable(pages.get(id));
    }

    public Collection<Page> pages() {
        return pages.values();
    }

    public Optional<ObjectId> blob(PageId id) {
        return Optional.ofNullable(blobs.get(id));
    }

    /** Problems in this page's own file and in how it refers to others. */
    public List<Violation> problems(Page page) {
        return problems.getOrDefault(page.path(), List.of());
    }

    public List<Violation> problems() {
        return allProblems;
    }

    public Optional<PageId> redirect(PageId old) {
        return Optional.ofNullable(redirects.get(old));
    }

    /**
     * A link target as people write it: an id ({@code health/primary-care}), a file-like name
     * ({@code Primary Care}), an old id that now redirects, or a page title.
     */
    public Optional<PageId> resolve(String reference) {
        String text = reference.strip();
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.endsWith("/index")) {
            text = text.substring(0, text.length() - "/index".length());
        }
        PageId id = byIdText.get(text);
        if (id == null) {
            id = byIdText.get(text.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-'));
        }
        return Optional.ofNullable(id != null ? id : byTitle.get(text.toLowerCase(Locale.ROOT)));
    }

    /** The parents of a page: its folder's page first, then its {@code parents}. */
    public List<PageId> parents(PageId id) {
        return up.getOrDefault(id, List.of());
    }

    /**
     * Every breadcrumb trail from the top down to (not including) the page: the folder trail
     * first, then one per further parent. Bounded, because a heavily cross-linked site could
     * otherwise have more trails than anyone could read.
     */
    public List<List<Page>> trails(PageId id) {
        List<List<Page>> out = new ArrayList<>();
        collectTrails(id, new LinkedHashSet<>(List.of(id)), out);
        return out;
    }

    private void collectTrails(PageId at, LinkedHashSet<PageId> path, List<List<Page>> out) {
        List<PageId> ups = parents(at).stream().filter(p -> !path.contains(p)).toList();
        if (ups.isEmpty()) {
            if (path.size() > 1) {
                List<Page> trail = new ArrayList<>();
                path.forEach(p -> trail.add(0, pages.get(p)));
                out.add(List.copyOf(trail.subList(0, trail.size() - 1)));
            }
            return;
        }
        for (PageId parent : ups) {
            if (out.size() >= MAX_TRAILS) {
                return;
            }
            path.add(parent);
            collectTrails(parent, path, out);
            path.remove(parent);
        }
    }

    /** Pages that sit directly under this one (by folder or by {@code parents}), by title. */
    public List<Page> children(PageId id) {
        return children.getOrDefault(id, List.of());
    }

    /** The collective responses to a paper. */
    public List<Page> responsesTo(PageId paper) {
        return responses.getOrDefault(paper, List.of());
    }

    /** Pages that link here, by title. */
    public List<Page> backlinks(PageId id) {
        return backlinks.getOrDefault(id, Set.of()).stream().map(pages::get).sorted(BY_TITLE).toList();
    }

    /** The arguments on a page, nested: each argument carries the arguments on it. */
    public ArgumentTree arguments(PageId id) {
        return arguments(id, new HashSet<>());
    }

    private ArgumentTree arguments(PageId id, Set<PageId> seen) {
        List<ArgumentTree.Node> pro = new ArrayList<>();
        List<ArgumentTree.Node> con = new ArrayList<>();
        for (Page argument : argumentsOn.getOrDefault(id, List.of())) {
            if (!seen.add(argument.id())) {
                continue; // 'on' chains that loop back are reported by the validator; show each once
            }
            var node = new ArgumentTree.Node(argument, arguments(argument.id(), seen));
            boolean against = ((Details.Argument) argument.details()).stance().orElse(null) == Details.Stance.AGAINST;
            (against ? con : pro).add(node);
        }
        return pro.isEmpty() && con.isEmpty() ? ArgumentTree.EMPTY : new ArgumentTree(List.copyOf(pro), List.copyOf(con));
    }

    /** Pages whose id or title is close to what was asked for, best first: for "did you mean". */
    public List<Page> closeMatches(String asked, int limit) {
        String wanted = asked.toLowerCase(Locale.ROOT);
        String name = wanted.substring(wanted.lastIndexOf('/') + 1);
        record Scored(Page page, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (Page page : pages.values()) {
            String id = page.id().value();
            // Edit distance on the whole id or its last segment catches typos; containing the
            // asked-for name catches partial ids, ranked after close typos.
            int score = Math.min(distance(wanted, id), distance(name, page.id().name()));
            if (!name.isEmpty() && (id.contains(name) || page.title().toLowerCase(Locale.ROOT).contains(name.replace('-', ' ')))) {
                score = Math.min(score, 3);
            }
            if (score <= Math.max(3, name.length() / 3)) {
                scored.add(new Scored(page, score));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score)
                        .thenComparingInt(s -> s.page().id().value().length())
                        .thenComparing(Scored::page, BY_TITLE))
                .limit(limit)
                .map(Scored::page)
                .toList();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
