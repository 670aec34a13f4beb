package org.moot.engine.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.graph.PageFile;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Details;
import org.moot.schema.Kind;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.Source;

/**
 * A topic, paper or policy direction as one document for campaigners and journalists: its
 * summary, the members' current position on it (the response to a paper, the synthesis of a
 * topic), every argument for and against with its strongest source, and every figure that it,
 * its position or its arguments use, with value, date and source; dated, with the revision it was made from, so anyone can check it.
 */
public record Briefing(PageView page, Optional<PageView> position, List<Point> arguments, List<Figure> figures, Instant made) {

    /** One argument, {@code depth} replies deep (0: on the page itself). */
    public record Point(int depth, boolean pro, Page argument, Optional<Source> strongest) {}

    /** One figure used, with its best source. */
    public record Figure(Page fact, Details.Fact details, Optional<Source> source) {}

    /** Arguments read for the figures they quote, at most. */
    private static final int ARGUMENTS_READ = 200;

    /** {@code withText}: a page of the graph with its text, which the graph does not keep. */
    static Briefing of(PageView page, Optional<PageView> position, SiteGraph graph, java.util.function.UnaryOperator<Page> withText,
                       Instant made) {
        List<Point> points = new ArrayList<>();
        flatten(page.arguments(), 0, points);
        List<String> texts = new ArrayList<>(List.of(page.page().body()));
        position.ifPresent(p -> texts.add(p.page().body()));
        points.stream().limit(ARGUMENTS_READ).forEach(p -> texts.add(withText.apply(p.argument()).body()));
        Set<PageId> used = new LinkedHashSet<>();
        for (String text : texts) {
            for (String target : PageFile.links(text)) {
                graph.resolve(target).filter(id -> graph.page(id).map(Page::kind).orElse(null) == Kind.FACT).ifPresent(used::add);
            }
        }
        List<Figure> figures = used.stream().map(graph::page).flatMap(Optional::stream)
                .map(f -> new Figure(f, (Details.Fact) f.details(), FactStrength.best(((Details.Fact) f.details()).sources()))).toList();
        return new Briefing(page, position, List.copyOf(points), figures, made);
    }

    /** The members' position to print with a page: the response to a paper, or the synthesis of a topic. */
    static Optional<PageId> positionOn(Page page, SiteGraph graph) {
        if (page.kind() == Kind.PAPER) {
            return graph.responsesTo(page.id()).stream().findFirst().map(Page::id);
        }
        if (page.kind() == Kind.TOPIC) {
            return graph.pages().stream().filter(p -> p.details() instanceof Details.Synthesis s && s.theme().equals(Optional.of(page.id())))
                    .map(Page::id).sorted(java.util.Comparator.comparing(PageId::value)).findFirst();
        }
        return Optional.empty();
    }

    private static void flatten(ArgumentTree tree, int depth, List<Point> out) {
        for (ArgumentTree.Node n : tree.pro()) {
            out.add(point(depth, true, n));
            flatten(n.replies(), depth + 1, out);
        }
        for (ArgumentTree.Node n : tree.con()) {
            out.add(point(depth, false, n));
            flatten(n.replies(), depth + 1, out);
        }
    }

    private static Point point(int depth, boolean pro, ArgumentTree.Node n) {
        List<Source> sources = n.argument().details() instanceof Details.Argument a ? a.sources() : List.of();
        return new Point(depth, pro, n.argument(), FactStrength.best(sources));
    }
}
