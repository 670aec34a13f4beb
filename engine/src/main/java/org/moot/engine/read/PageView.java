package org.moot.engine.read;

import java.util.List;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.render.SafeHtml;
import org.moot.schema.Page;
import org.moot.schema.Violation;

/**
 * Everything shown about one page at one revision.
 *
 * @param related the pages this one names by kind: a response's paper, a paper's responses,
 *                a synthesis's theme and sources, an argument's target
 * @param latest  whether {@code snapshot} is the tip of {@code main}
 * @param graph   the site's graph at {@code snapshot}, for whatever else a view of the page shows
 *                (an old revision's is built in its turn: see {@link org.moot.engine.graph.SiteGraphs#past})
 */
public record PageView(
        Page page,
        SafeHtml html,
        List<List<Page>> trails,
        List<Page> children,
        ArgumentTree arguments,
        List<Page> related,
        List<Page> backlinks,
        List<Violation> problems,
        Snapshot snapshot,
        boolean latest,
        SiteGraph graph) {}
