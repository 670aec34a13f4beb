package org.moot.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.moot.engine.Site;

/**
 * The site's address, for links that leave the page (feeds, briefings, replies to a push): the
 * {@code url} of {@code .moot/site.yaml} when an admin set it; otherwise the address the request
 * reached, taking from its Host header a host name and port and nothing else.
 */
public final class SiteUrl {

    private SiteUrl() {}

    public static String of(Context ctx, Site site) {
        return of(site.pages().settings(RequestTip.of(ctx, site)).url(), ctx.scheme(), ctx.header("Host"),
                ctx.req().getServerName() + ":" + ctx.req().getServerPort());
    }

    /** The same for a request outside Javalin's routes (the Git endpoint's servlet). */
    public static String of(String configured, String scheme, String hostHeader, String serverAddress) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = Optional.ofNullable(hostHeader).filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")).orElse(serverAddress);
        return scheme + "://" + host;
    }
}
