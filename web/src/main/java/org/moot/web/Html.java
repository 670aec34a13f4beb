package org.moot.web;

import gg.jte.Content;
import org.moot.engine.render.SafeHtml;

/** The one bridge from sanitised HTML to a template: JTE writes it unescaped only through {@link Content}. */
public final class Html {

    private Html() {}

    public static Content of(SafeHtml html) {
        return output -> output.writeContent(html.html());
    }
}
