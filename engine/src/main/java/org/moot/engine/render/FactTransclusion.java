package org.moot.engine.render;

import static org.moot.engine.render.HtmlSanitizer.escape;

import java.util.Optional;
import org.moot.engine.Urls;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.Source;

/** {@code {{fact:ID}}}: the fact's current value, linked to its page, with its source and date. */
final class FactTransclusion {

    private FactTransclusion() {}

    static String html(Optional<SiteGraph> graph, String factId) {
        Optional<Page> fact = Urls.pageId(factId).flatMap(id -> graph.flatMap(g -> g.page(id)))
                .filter(p -> p.details() instanceof Details.Fact);
        if (fact.isEmpty()) {
            return "<span class=\"fact fact-missing\" title=\"No fact page '" + escape(factId) + "'\">{{fact:"
                    + escape(factId) + "}}</span>";
        }
        Page page = fact.get();
        Details.Fact details = (Details.Fact) page.details();
        String value = details.value() + (details.unit().isEmpty() ? "" : " " + details.unit());
        StringBuilder note = new StringBuilder();
        details.sources().stream().findFirst().map(Source::title).ifPresent(note::append);
        details.asOf().ifPresent(d -> note.append(note.length() > 0 ? ", " : "").append(d));
        PageId id = page.id();
        return "<span class=\"fact\"><a class=\"fact-value\" href=\"" + Urls.page(id) + "\" title=\""
                + escape(page.title()) + "\">" + escape(value) + "</a>"
                + (note.length() > 0 ? " <span class=\"fact-source\">(" + escape(note.toString()) + ")</span>" : "")
                + "</span>";
    }
}
