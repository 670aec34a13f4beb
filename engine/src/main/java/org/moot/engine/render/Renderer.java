package org.moot.engine.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.MarkdownNesting;
import org.moot.schema.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Markdown to safe HTML, as one pipeline: parse (CommonMark + extensions) → resolve wiki links,
 * site links and facts against the graph → render → sanitise. Results are cached by the
 * page's content id and the shape of the site it was resolved against (names, titles and front
 * matter: all that links and facts read), so they never go stale.
 */
public final class Renderer {

    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    private record Key(ObjectId blob, ObjectId shape) {}

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Cache<Key, SafeHtml> cache;

    public Renderer(long cacheBytes) {
        MutableDataSet options = new MutableDataSet()
                .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), FootnoteExtension.create(),
                        StrikethroughExtension.create(), TaskListExtension.create(), AutolinkExtension.create(),
                        TocExtension.create(), WikiLinkExtension.create(), new MootExtension()))
                .set(HtmlRenderer.GENERATE_HEADER_ID, true)
                .set(HtmlRenderer.RENDER_HEADER_ID, true)
                // Defence in depth: the sanitiser removes these too, whatever their spelling.
                .set(HtmlRenderer.SUPPRESSED_LINKS, "(?i)^\\s*(javascript|vbscript|data|file):.*")
                .set(TocExtension.TITLE, "Contents")
                .set(TocExtension.TITLE_LEVEL, 2)
                .set(TocExtension.DIV_CLASS, "toc")
                .set(WikiLinkExtension.ALLOW_ANCHORS, true)
                .set(WikiLinkExtension.LINK_ESCAPE_CHARS, "")
                .set(TablesExtension.CLASS_NAME, "");
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((Key k, SafeHtml html) -> 64 + 2 * html.html().length())
                .build();
    }

    /** The page's body as safe HTML, links resolved against {@code graph}. */
    public SafeHtml render(Page page, SiteGraph graph) {
        Optional<ObjectId> blob = graph.blob(page.id());
        if (blob.isEmpty()) {
            return render(page.body(), Optional.of(graph));
        }
        return cache.get(new Key(blob.get(), graph.shapeId()), k -> render(page.body(), Optional.of(graph)));
    }

    /**
     * Any Markdown (a preview, a comment), uncached. Text that cannot be formatted is shown as
     * plain text instead: a page that is broken (it can arrive by push) must still be readable
     * and must never fail the request that shows it.
     */
    public SafeHtml render(String markdown, Optional<SiteGraph> graph) {
        if (!MarkdownNesting.check("", markdown, 1).isEmpty()) {
            return plain(markdown, "it is nested too deeply");
        }
        try {
            Document document = parser.parse(markdown);
            document.set(MootExtension.GRAPH, graph);
            return HtmlSanitizer.sanitize(renderer.render(document));
        } catch (StackOverflowError | RuntimeException e) {
            // The last defence, for what the nesting check does not foresee; the cause is worth a fix.
            LOG.warn("Markdown could not be rendered; shown as plain text", e);
            return plain(markdown, "it could not be formatted");
        }
    }

    private static SafeHtml plain(String markdown, String why) {
        return HtmlSanitizer.sanitize("<p><strong>This text is shown unformatted: " + why + ".</strong></p><pre>"
                + HtmlSanitizer.escape(markdown) + "</pre>");
    }
}
