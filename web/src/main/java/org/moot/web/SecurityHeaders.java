package org.moot.web;

import java.util.Map;
import java.util.function.BiConsumer;

/** The headers every answer carries, Moot's pages and Jetty's own error pages alike. */
public final class SecurityHeaders {

    private static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' https: data:; style-src 'self'; "
                    + "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }

    /** Hands each header to {@code put}: a Javalin context, a Jetty response, a bad message's fields. */
    public static void addTo(BiConsumer<String, String> put) {
        ALL.forEach(put);
    }
}
