package org.moot.web;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short random id for each request, sent as {@code X-Request-Id}, written in the log line of any
 * failure and shown on its error page, so a person's report leads straight to the log entry.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "moot.request-id";

    private RequestId() {
    }

    static void assign(Context ctx) {
        String id = next();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** A new id. It names a request in the log and is no secret, so no secure (and contended) random source. */
    public static String next() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "none" : id;
    }
}
