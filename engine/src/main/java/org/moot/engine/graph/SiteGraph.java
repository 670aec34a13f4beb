package org.moot.engine.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.Parallel;
import org.moot.engine.git.FileChange;
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
 * Immutable; built once per tree and shared by every request that reads that tree. It keeps each
 * page without its text ({@link PageFile#shape}): {@link SiteGraphs#fullPage} gives the whole page.
 *
 * <p>The shape comes from the files' names and front matter only. A change that leaves those
 * alone (the usual edit of a page's text) yields a graph that shares the shape of the one before
 * and re-reads only the changed files: see {@link #withText}.
 */
public final class SiteGraph {

    static final int MAX_TRAILS = 8;
    private static final Comparator<Page> BY_TITLE =
            Comparator.comparing(Page::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Page::id);

    /** A page's file: its content id and what was read from it. */
    private record Entry(ObjectId blob, PageFile file) {
        Page page() {
            return file.parsed().page();
        }
    }

    private final Snapshot snapshot;
    /** Shared with the graphs derived from this one by {@link #withText}, which change a few entries each. */
    private final SharedMap<PageId, Entry> entries;
    /** Who links to each page: follows the text, so it is the one part of the shape a text edit changes. */
    private final SharedMap<PageId, Set<PageId>> backlinks;
    private final Shape shape;

    /** Everything that follows from names and front matter alone; shared by graphs whose pages differ only in text. */
    private record Shape(
            ObjectId id,
            Map<String, List<Violation>> problems,
            Map<PageId, List<PageId>> up,
            Map<PageId, List<PageId>> children,
            Map<PageId, List<PageId>> argumentsOn,
            Map<PageId, List<PageId>> responses,
            Map<PageId, PageId> redirects,
            Map<String, PageId> byIdText,
            Map<String, PageId> byTitle) {}

    private SiteGraph(Snapshot snapshot, SharedMap<PageId, Entry> entries, SharedMap<PageId, Set<PageId>> backlinks, Shape shape) {
        this.snapshot = snapshot;
        this.entries = entries;
        this.backlinks = backlinks;
        this.shape = shape;
    }

    /** Builds the graph of a snapshot; {@code read} parses a file (callers cache it by content). */
    public static SiteGraph build(Snapshot snapshot, List<FileEntry> files, Function<FileEntry, PageFile> read) {
        Map<String, FileEntry> byPath = new HashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        // Every page file read first, on every core: on a large site reading is most of the work.
        Map<String, PageFile> parsedFiles = new ConcurrentHashMap<>();
        Parallel.forEach(files.stream().filter(f -> PageId.fromPath(f.path()).isPresent()).toList(),
                f -> parsedFiles.put(f.path(), read.apply(f)));
        SiteCheck.Result check = SiteCheck.check(List.copyOf(byPath.keySet()),
                path -> parsedFiles.computeIfAbsent(path, p -> read.apply(byPath.get(p))).parsed());
        Map<PageId, Entry> entries = new HashMap<>();
        check.pages().forEach((id, page) -> entries.put(id, new Entry(byPath.get(page.path()).blob(), parsedFiles.get(page.path()).shape())));

        // The site-wide problems: all of them but each file's own, which a text edit can change.
        Map<String, List<Violation>> problems = new HashMap<>();
        check.violations().forEach(v -> problems.computeIfAbsent(v.path(), k -> new ArrayList<>()).add(v));
        entries.values().forEach(e -> {
            List<Violation> left = problems.get(e.page().path());
            if (left != null) {
                e.file().parsed().violations().forEach(left::remove);
            }
        });
        problems.values().removeIf(List::isEmpty);

        Map<PageId, PageId> redirects = new HashMap<>();
        Map<String, PageId> byIdText = new HashMap<>();
        Map<String, PageId> byTitle = new HashMap<>();
        for (Page page : check.pages().values()) {
            byTitle.putIfAbsent(page.title().toLowerCase(Locale.ROOT), page.id());
            page.redirectFrom().forEach(old -> redirects.putIfAbsent(old, page.id()));
        }
        redirects.forEach((old, to) -> byIdText.put(old.value(), to));
        check.pages().keySet().forEach(id -> byIdText.put(id.value(), id));
        byIdText.put("index", PageId.HOME);

        Shape shape = new Shape(snapshot.tree(), problems, new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>(), redirects, byIdText, byTitle);
        Map<PageId, Set<PageId>> backlinks = new HashMap<>(); // filled before anyone else sees the graph
        SiteGraph graph = new SiteGraph(snapshot, SharedMap.of(entries), SharedMap.of(backlinks), shape);
        for (Page page : check.pages().values()) {
            graph.nest(page, entries.keySet());
            graph.targets(entries.get(page.id()))
                    .forEach(target -> backlinks.computeIfAbsent(target, k -> new HashSet<>()).add(page.id()));
        }
        Comparator<PageId> byTitleOfId = Comparator.comparing(entries::get, Comparator.comparing(Entry::page, BY_TITLE));
        shape.children().values().forEach(list -> list.sort(byTitleOfId));
        shape.argumentsOn().values().forEach(list -> list.sort(byTitleOfId));
        return graph;
    }

    private void nest(Page page, Set<PageId> ids) {
        List<PageId> ups = new ArrayList<>();
        SiteRules.folderPage(page.id(), ids).ifPresent(ups::add);
        page.parents().stream().filter(entries::containsKey).filter(p -> !ups.contains(p)).forEach(ups::add);
        shape.up().put(page.id(), List.copyOf(ups));
        ups.forEach(parent -> shape.children().computeIfAbsent(parent, k -> new ArrayList<>()).add(page.id()));
        if (page.details() instanceof Details.Argument a) {
            // Shown where it is "on", and linked (not copied) wherever "also-on" names.
            java.util.stream.Stream.concat(a.on().stream(), a.alsoOn().stream()).distinct().filter(entries::containsKey)
                    .forEach(on -> shape.argumentsOn().computeIfAbsent(on, k -> new ArrayList<>()).add(page.id()));
        } else if (page.details() instanceof Details.Response r) {
            r.respondsTo().ifPresent(paper -> shape.responses().computeIfAbsent(paper, k -> new ArrayList<>()).add(page.id()));
        }
    }

    /** The pages a page's text links to (itself left out). */
    private Set<PageId> targets(Entry entry) {
        Set<PageId> out = new HashSet<>();
        for (String link : entry.file().links()) {
            resolve(link).filter(target -> !target.equals(entry.page().id())).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The graph of {@code next}, when it differs from this graph's snapshot only in the text of
     * existing pages: their names, titles and front matter unchanged. Empty when anything else
     * changed, so the caller builds the graph afresh.
     */
    public Optional<SiteGraph> withText(Snapshot next, List<FileChange> changes, Function<FileEntry, PageFile> read) {
        record Text(FileChange change, Entry before) {}
        record Parsed(Entry before, Entry after, Set<PageId> was, Set<PageId> now) {}
        List<Text> texts = new ArrayList<>();
        for (FileChange change : changes) {
            if (!change.path().endsWith(".md") || PageId.isReserved(change.path())) {
                continue; // not a page: settings, discussion, private files
            }
            Entry before = PageId.fromPath(change.path()).map(entries::get).orElse(null);
            if (before == null || !before.page().path().equals(change.path()) || change.after().isEmpty()) {
                return Optional.empty(); // a page added, removed, renamed, or a file that is not the page
            }
            texts.add(new Text(change, before));
        }
        // On every core: an old revision a reader asks for can differ from the last graph in tens of thousands of pages.
        List<Parsed> parsed = Parallel.map(texts, t -> {
            ObjectId blob = t.change().after().get();
            Entry after = new Entry(blob, read.apply(new FileEntry(t.change().path(), blob)).shape());
            return new Parsed(t.before(), after, targets(t.before()), targets(after));
        });
        Map<PageId, Entry> changed = new HashMap<>();
        Map<PageId, Set<PageId>> nextBacklinks = new HashMap<>();
        for (Parsed p : parsed) {
            Page a = p.before().page();
            Page b = p.after().page();
            if (!a.title().equals(b.title()) || !a.frontMatter().equals(b.frontMatter())) {
                return Optional.empty();
            }
            PageId id = a.id();
            changed.put(id, p.after());
            // Copied before they change: the sets are shared with this graph.
            p.was().stream().filter(t -> !p.now().contains(t)).forEach(t -> nextBacklinks.computeIfAbsent(t,
                    k -> new HashSet<>(backlinks.getOrDefault(t, Set.of()))).remove(id));
            p.now().stream().filter(t -> !p.was().contains(t)).forEach(t -> nextBacklinks.computeIfAbsent(t,
                    k -> new HashSet<>(backlinks.getOrDefault(t, Set.of()))).add(id));
        }
        return Optional.of(new SiteGraph(next, entries.with(changed), backlinks.with(nextBacklinks), shape));
    }

    /** This graph as the graph of another commit with the same tree: everything shared, nothing copied. */
    SiteGraph at(Snapshot same) {
        return new SiteGraph(same, entries, backlinks, shape);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Names the shape this graph has: graphs with the same shape resolve every link, title and
     * fact the same way, so a page's rendered text can be kept across them.
     */
    public ObjectId shapeId() {
        return shape.id();
    }

    public Optional<Page> page(PageId id) {
        return Optional.ofNullable(pageOrNull(id));
    }

    private Page pageOrNull(PageId id) {
        Entry entry = entries.get(id);
        return entry == null ? null : entry.page();
    }

    private List<Page> pages(List<PageId> ids) {
        return ids.stream().map(this::pageOrNull).toList();
    }

    public Collection<Page> pages() {
        return entries.values().map(Entry::page).toList();
    }

    /** What this graph read from a file, if it holds that very file (same path, same content): spares a parse. */
    Optional<PageFile> kept(FileEntry file) {
        return PageId.fromPath(file.path()).map(entries::get)
                .filter(e -> e.blob().equals(file.blob()) && e.page().path().equals(file.path()))
                .map(Entry::file);
    }

    public Optional<ObjectId> blob(PageId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::blob);
    }

    /** Problems in this page's own file and in how it refers to others, by line. */
    public List<Violation> problems(Page page) {
        List<Violation> out = new ArrayList<>(shape.problems().getOrDefault(page.path(), List.of()));
        Entry entry = entries.get(page.id());
        if (entry != null && entry.page().path().equals(page.path())) {
            out.addAll(entry.file().parsed().violations());
        }
        Collections.sort(out);
        return out;
    }

    /** Every problem on the site, sorted by path and line. */
    public List<Violation> problems() {
        List<Violation> out = new ArrayList<>();
        shape.problems().values().forEach(out::addAll);
        entries.values().forEach(e -> out.addAll(e.file().parsed().violations()));
        Collections.sort(out);
        return out;
    }

    public Optional<PageId> redirect(PageId old) {
        return Optional.ofNullable(shape.redirects().get(old));
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
        PageId id = shape.byIdText().get(text);
        if (id == null) {
            id = shape.byIdText().get(text.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-'));
        }
        return Optional.ofNullable(id != null ? id : shape.byTitle().get(text.toLowerCase(Locale.ROOT)));
    }

    /** The parents of a page: its folder's page first, then its {@code parents}. */
    public List<PageId> parents(PageId id) {
        return shape.up().getOrDefault(id, List.of());
    }

    /** The page and every page above it, through any of its parents, nearest first. */
    public Set<PageId> withAncestors(PageId id) {
        Set<PageId> out = new LinkedHashSet<>();
        java.util.ArrayDeque<PageId> todo = new java.util.ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            PageId next = todo.poll();
            if (out.add(next)) {
                todo.addAll(parents(next));
            }
        }
        return out;
    }

    /**
     * The collective responses on a synthesis's theme that it does not draw on yet: responses
     * that sit under the theme, or that answer a paper that does. Empty for other pages.
     */
    public List<Page> responsesNotDrawnOn(Page synthesis) {
        if (!(synthesis.details() instanceof Details.Synthesis s) || s.theme().isEmpty()) {
            return List.of();
        }
        PageId theme = s.theme().get();
        return entries.values().map(Entry::page)
                .filter(p -> p.details() instanceof Details.Response r && !s.drawsOn().contains(p.id())
                        && (withAncestors(p.id()).contains(theme) || r.respondsTo().map(this::withAncestors).orElse(Set.of()).contains(theme)))
                .sorted(BY_TITLE).toList();
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
                path.forEach(p -> trail.add(0, pageOrNull(p)));
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
        return pages(shape.children().getOrDefault(id, List.of()));
    }

    public boolean hasChildren(PageId id) {
        return shape.children().containsKey(id);
    }

    /** The collective responses to a paper. */
    public List<Page> responsesTo(PageId paper) {
        return pages(shape.responses().getOrDefault(paper, List.of()));
    }

    /** Pages that link here, by title. */
    public List<Page> backlinks(PageId id) {
        return backlinks.getOrDefault(id, Set.of()).stream().map(this::pageOrNull).sorted(BY_TITLE).toList();
    }

    /** The arguments on a page, nested: each argument carries the arguments on it. */
    public ArgumentTree arguments(PageId id) {
        return arguments(id, new HashSet<>(), 0);
    }

    /**
     * How many levels of replies one page's tree holds; deeper replies are on the pages of the
     * arguments they answer. A chain of thousands pushed by someone would otherwise overflow
     * every recursive reader of the tree, from the page to the map.
     */
    public static final int MAX_ARGUMENT_DEPTH = 40;

    private ArgumentTree arguments(PageId id, Set<PageId> seen, int depth) {
        if (depth >= MAX_ARGUMENT_DEPTH) {
            return ArgumentTree.EMPTY;
        }
        List<ArgumentTree.Node> pro = new ArrayList<>();
        List<ArgumentTree.Node> con = new ArrayList<>();
        for (Page argument : pages(shape.argumentsOn().getOrDefault(id, List.of()))) {
            if (!seen.add(argument.id())) {
                continue; // 'on' chains that loop back are reported by the validator; show each once
            }
            var node = new ArgumentTree.Node(argument, arguments(argument.id(), seen, depth + 1));
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
        for (Page page : pages()) {
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
