package org.moot.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/** Precompiled JTE templates: each takes exactly one typed view record. */
public final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code name} (e.g. {@code page.jte}) with {@code model} as the response body. */
    public void render(Context ctx, String name, Object model) {
        ctx.contentType("text/html; charset=utf-8").result(html(name, model));
    }

    /** Renders {@code name} with {@code model} to a string, for an answer that is kept and sent again. */
    public String html(String name, Object model) {
        StringOutput out = new StringOutput();
        engine.render(name, model, out);
        return out.toString();
    }
}
