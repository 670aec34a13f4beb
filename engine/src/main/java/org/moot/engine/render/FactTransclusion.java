package org.moot.engine.render;

import static org.moot.engine.render.HtmlSanitizer.escape;

import java.util.Optional;
import org.moot.engine.Urls;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.Source;

/** {@code {{fact:ID}}}: the fact's current value, linked to its page, with its unit, source and date. */
final class FactTransclusion {

    private FactTransclusion() {}

    static String html(Optional<SiteGraph> graph, String factId) {
        Optional<Page> fact = Urls.pageId(factId).flatMap(id -> graph.flatMap(g -> g.page(id)))
                .filter(p -> p.details() instanceof Details.Fact);
        if (fact.isEmpty()) {
            return "<span class=\"fact fact-missing\" title=\"No fact page '" + escape(factId) + "'\">{{fact:"
                    + escape(factId) + "}}</span>";
        }
        // Prose writes the unit around the figure ("{{fact:x}}% of homes"), so only the value goes
        // inline; what it measures, its source and date ride along in the link's title.
        Page page = fact.get();
        Details.Fact details = (Details.Fact) page.details();
        StringBuilder about = new StringBuilder(page.title()).append(": ").append(details.value());
        if (!details.unit().isEmpty()) {
            about.append(' ').append(details.unit());
        }
        details.sources().stream().findFirst().map(Source::title).ifPresent(t -> about.append(". Source: ").append(t));
        details.asOf().ifPresent(d -> about.append(". As of ").append(d));
        String figure = "<a class=\"fact\" href=\"" + Urls.page(page.id()) + "\" title=\"" + escape(about.toString()) + "\">"
                + escape(details.value()) + "</a>";
        // Whoever reads the figure, on any page, learns that someone says it is wrong.
        return org.moot.engine.read.FactStrength.disputes(page).isEmpty() ? figure
                : figure + " <a class=\"fact-disputed\" href=\"" + Urls.talk(page.id()) + "\">(disputed)</a>";
    }
}
