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

    /** {@code ?rev=}: a revision to read instead of the tip of {@code main}. */
    public static Optional<String> revision(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("rev")).filter(r -> !r.isBlank());
    }
}
