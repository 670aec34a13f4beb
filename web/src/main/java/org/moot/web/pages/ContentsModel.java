package org.moot.web.pages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.web.Chrome;

/**
 * The view record of contents.jte: the whole hierarchy as one outline. A page with several
 * parents appears under each of them, as it does in the trails.
 */
public record ContentsModel(Chrome chrome, List<Entry> roots, int pageCount) {

    public record Entry(Page page, List<Entry> children) {}

    static ContentsModel of(Chrome chrome, SiteGraph graph) {
        List<Entry> roots = new ArrayList<>();
        graph.page(PageId.HOME).ifPresent(home -> roots.add(entry(graph, home, new HashSet<>())));
        // Pages with no parent at all (no home page, no folder page) still belong in the outline.
        graph.pages().stream()
                .filter(p -> !p.id().isHome() && graph.parents(p.id()).isEmpty())
                .forEach(p -> roots.add(entry(graph, p, new HashSet<>())));
        return new ContentsModel(chrome, roots, graph.pages().size());
    }

    private static Entry entry(SiteGraph graph, Page page, Set<PageId> above) {
        above.add(page.id());
        List<Entry> children = new ArrayList<>();
        for (Page child : graph.children(page.id())) {
            // Arguments are shown in their trees on each page; here they would drown the outline.
            if (child.kind() != Kind.ARGUMENT && !above.contains(child.id())) {
                children.add(entry(graph, child, above));
            }
        }
        above.remove(page.id());
        return new Entry(page, children);
    }
}
