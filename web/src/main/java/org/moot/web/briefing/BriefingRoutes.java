package org.moot.web.briefing;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.moot.engine.Site;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.read.Briefing;
import org.moot.schema.PageId;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;

/** {@code /brief/<id>}: a page as one printable document, with its position, arguments and figures, dated and traceable. */
public final class BriefingRoutes {

    /** briefing.jte; {@code site} names the site on the printed page. */
    public record BriefingModel(Chrome chrome, Briefing briefing, String site, String base) {}

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public BriefingRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/brief/<id>", this::show);
    }

    private void show(Context ctx) {
        PageId id = Params.pageId(ctx);
        var tip = RequestTip.of(ctx, site);
        Briefing briefing = site.pages().briefing(id, tip)
                .orElseThrow(() -> new NotFoundException("there is no page '" + id.value() + "' to brief on"));
        templates.render(ctx, "briefing.jte", new BriefingModel(frame.chrome(ctx, "Briefing: " + briefing.page().page().title()),
                briefing, site.pages().settings(tip).name(), org.moot.web.SiteUrl.of(ctx, site)));
    }
}
