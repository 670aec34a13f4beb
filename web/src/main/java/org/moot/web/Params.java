package org.moot.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.moot.schema.PageId;

/** The request parameters every reading route shares. */
public final class Params {

    private Params() {}

    /** The {@code <id>} path parameter; an invalid id fails with the reason (answered as 400). */
    public static PageId pageId(Context ctx) {
        String id = ctx.pathParam("id");
        return PageId.of(id.endsWith("/") ? id.substring(0, id.length() - 1) : id);
    }

    /** A form field without surrounding spaces, empty when absent (passwords and page text are read as sent). */
    public static String form(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
    }

    /** {@code ?limit=}: how many items, between 1 and {@code max}. */
    public static int limit(Context ctx, int fallback, int max) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            throw new org.moot.engine.access.Accounts.Refused("limit must be a number, not '" + text + "'");
        }
    }

    /** The {@code {n}} path parameter, a number from 1; anything else is {@code nothing} (answered as 404). */
    public static int number(Context ctx, String nothing) {
        String n = ctx.pathParam("n");
        if (!n.matches("[1-9][0-9]{0,8}")) {
            throw new org.moot.engine.git.NotFoundException(nothing + " '" + n + "'");
        }
        return Integer.parseInt(n);
    }

    /** {@code ?rev=}: a revision to read instead of the tip of {@code main}. */
    public static Optional<String> revision(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("rev")).filter(r -> !r.isBlank());
    }
}
