package org.moot.web;

import io.javalin.http.Context;
import org.moot.engine.access.Secrets;

/**
 * A short random id for each request, sent as {@code X-Request-Id}, written in the log line of any
 * failure and shown on its error page, so a person's report leads straight to the log entry.
 */
final class RequestId {

    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "moot.request-id";

    private RequestId() {
    }

    static void assign(Context ctx) {
        String id = Secrets.random(9);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "none" : id;
    }
}
