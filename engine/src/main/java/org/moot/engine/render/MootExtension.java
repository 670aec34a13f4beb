package org.moot.engine.render;

import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.ext.wikilink.internal.WikiLinkLinkResolver;
import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ext.wikilink.WikiLink;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.LinkResolverFactory;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.Urls;
import org.moot.schema.PageId;

/**
 * Moot's own Markdown: wiki links resolved against the site (missing targets marked),
 * site-absolute links mapped to pages, and {@code {{fact:ID}}} transclusion.
 * The graph to resolve against travels with each document under {@link #GRAPH}.
 */
final class MootExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    static final DataKey<Optional<SiteGraph>> GRAPH = new DataKey<>("MOOT_GRAPH", Optional.empty());
    private static final Pattern FACT = Pattern.compile("\\{\\{fact:([a-z0-9/-]{1,255})}}");

    @Override
    public void parserOptions(MutableDataHolder options) {}

    @Override
    public void rendererOptions(MutableDataHolder options) {}

    @Override
    public void extend(Parser.Builder parser) {
        parser.customInlineParserExtensionFactory(new InlineParserExtensionFactory() {
            @Override
            public CharSequence getCharacters() {
                return "{";
            }

            @Override
            public InlineParserExtension apply(LightInlineParser inline) {
                return new FactParser();
            }

            @Override
            public Set<Class<?>> getAfterDependents() {
                return null;
            }

            @Override
            public Set<Class<?>> getBeforeDependents() {
                return null;
            }

            @Override
            public boolean affectsGlobalScope() {
                return false;
            }
        });
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> new FactRenderer());
        renderer.attributeProviderFactory(new IndependentAttributeProviderFactory() {
            @Override
            public AttributeProvider apply(LinkResolverContext context) {
                return MootExtension::linkAttributes;
            }
        });
        renderer.linkResolverFactory(new LinkResolverFactory() {
            @Override
            public Set<Class<?>> getAfterDependents() {
                return null;
            }

            @Override
            public Set<Class<?>> getBeforeDependents() {
                // Ours must answer before the wiki-link extension turns "Some Title" into "Some-Title".
                return Set.of(WikiLinkLinkResolver.Factory.class);
            }

            @Override
            public boolean affectsGlobalScope() {
                return false;
            }

            @Override
            public LinkResolver apply(LinkResolverBasicContext context) {
                return new SiteLinks();
            }
        });
    }

    /** Marks wiki links to missing pages, and asks search engines not to credit outside links. */
    private static void linkAttributes(com.vladsch.flexmark.util.ast.Node node, AttributablePart part,
                                       MutableAttributes attributes) {
        if (node instanceof WikiLink wiki && part == AttributablePart.LINK) {
            String reference = wiki.getLink().toString();
            int hash = reference.indexOf('#');
            String target = hash >= 0 ? reference.substring(0, hash) : reference;
            if (node.getDocument().get(GRAPH).flatMap(g -> g.resolve(target)).isEmpty()) {
                attributes.addValue("class", "wiki-missing");
                attributes.addValue("title", "No page '" + target.strip() + "' yet");
            }
        } else if (part == AttributablePart.LINK && externalUrl(node)) {
            attributes.addValue("rel", "nofollow ugc");
        }
    }

    private static boolean externalUrl(com.vladsch.flexmark.util.ast.Node node) {
        CharSequence url = node instanceof LinkNodeBase link ? link.getUrl()
                : node instanceof AutoLink auto ? auto.getUrl() : "";
        return url.toString().matches("(?i)https?://.*");
    }

    private static final class FactParser implements InlineParserExtension {
        @Override
        public void finalizeDocument(InlineParser inlineParser) {}

        @Override
        public void finalizeBlock(InlineParser inlineParser) {}

        @Override
        public boolean parse(LightInlineParser inline) {
            BasedSequence[] match = inline.matchWithGroups(FACT);
            if (match == null) {
                return false;
            }
            inline.flushTextNode();
            inline.getBlock().appendChild(new FactNode(match[0], match[1].toString()));
            return true;
        }
    }

    private static final class FactRenderer implements NodeRenderer {
        @Override
        public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
            return Set.of(new NodeRenderingHandler<>(FactNode.class, (node, context, html) ->
                    html.raw(FactTransclusion.html(context.getDocument().get(GRAPH), node.factId()))));
        }
    }

    /** Wiki links and site-absolute links resolved to {@code /wiki/<id>}. */
    private static final class SiteLinks implements LinkResolver {
        @Override
        public ResolvedLink resolveLink(com.vladsch.flexmark.util.ast.Node node, LinkResolverBasicContext context,
                                        ResolvedLink link) {
            Optional<SiteGraph> graph = context.getDocument().get(GRAPH);
            if (link.getLinkType() == WikiLinkExtension.WIKI_LINK) {
                String target = link.getUrl();
                int hash = target.indexOf('#');
                String anchor = hash >= 0 ? target.substring(hash) : "";
                String reference = hash >= 0 ? target.substring(0, hash) : target;
                Optional<PageId> id = graph.flatMap(g -> g.resolve(reference));
                if (id.isPresent()) {
                    return link.withStatus(LinkStatus.VALID).withUrl(Urls.page(id.get()) + anchor)
                            .withLinkType(LinkType.LINK);
                }
                return link.withStatus(LinkStatus.NOT_FOUND).withLinkType(LinkType.LINK).withUrl(Urls.missing(reference));
            }
            if (link.getLinkType() == LinkType.LINK && graph.isPresent()) {
                String url = link.getUrl();
                // Imported wikis link pages as "/area/page": show them at the page's URL here.
                if (url.startsWith("/") && !url.startsWith("//") && !Urls.isRoute(url)) {
                    String path = url.split("[?#]", 2)[0];
                    Optional<PageId> id = graph.get().resolve(path);
                    if (id.isPresent()) {
                        return link.withStatus(LinkStatus.VALID).withUrl(Urls.page(id.get()) + url.substring(path.length()));
                    }
                }
            }
            return link;
        }
    }
}
