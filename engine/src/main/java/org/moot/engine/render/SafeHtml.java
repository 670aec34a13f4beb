package org.moot.engine.render;

/**
 * HTML that has passed the sanitiser. Only {@link HtmlSanitizer} makes one, so a template that
 * takes a {@code SafeHtml} cannot be handed raw user markup by mistake.
 */
public final class SafeHtml {

    /** Nothing at all: safe by having nothing in it. */
    public static final SafeHtml EMPTY = new SafeHtml("");

    private final String html;

    SafeHtml(String html) {
        this.html = html;
    }

    public String html() {
        return html;
    }

    @Override
    public String toString() {
        return html;
    }
}
