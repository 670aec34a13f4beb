package org.moot.web;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #MAX_AT_ONCE} requests from one client are in hand at once; more are answered
 * 429 at once, before their body is read (a client still sending one may see the connection
 * closed instead). Senders that slow cannot be told by their rate from a busy server's late reads
 * (see {@link Server}); this bounds what one host holds (connections, and the bodies
 * {@link WholeBodies} keeps as they arrive), and leaves one host's flood no way to crowd out the rest.
 */
final class PerClientLimit extends Handler.Wrapper {

    /** A fifth of Jetty's threads: far above what a browser, a git client or a mirror asks at once. */
    static final int MAX_AT_ONCE = 50;
    private static final long WARNING_GAP = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(PerClientLimit.class);

    private final ClientAddress clients;
    /** Requests in hand per client; an entry goes when its count is back to nought. */
    private final ConcurrentHashMap<String, Integer> working = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_GAP);

    PerClientLimit(ClientAddress clients, Handler inner) {
        super(inner);
        this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> forwarded = request.getHeaders().getValuesList("X-Forwarded-For");
        String client = clients.of(Request.getRemoteAddr(request), forwarded);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                working.computeIfPresent(client, (k, v) -> v == 1 ? null : v - 1);
            }
        };
        if (working.merge(client, 1, Integer::sum) > MAX_AT_ONCE) {
            release.run();
            warn(client, forwarded);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(RequestId.HEADER, RequestId.next());
            Response.writeError(request, response, callback, 429,
                    "Too many requests from your address at once (at most " + MAX_AT_ONCE + "); try again in a few seconds.");
            return true;
        }
        boolean handled = false;
        try {
            handled = super.handle(request, response, new Callback() {
                @Override
                public void succeeded() {
                    release.run();
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable cause) {
                    release.run();
                    callback.failed(cause);
                }

                @Override
                public InvocationType getInvocationType() {
                    return callback.getInvocationType();
                }
            });
            return handled;
        } finally {
            if (!handled) {
                release.run(); // Jetty's contract: a handler that declines or throws will not complete the callback
            }
        }
    }

    /** Once a minute at most: an operator whose proxy is not named sees why visitors are refused. */
    private void warn(String client, List<String> forwarded) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_GAP && lastWarning.compareAndSet(last, now)) {
            LOG.warn("{} has more than {} requests in hand at once; the rest are refused with 429 (X-Forwarded-For {}:"
                    + " if that is a reverse proxy, name it with --trusted-proxy)", client, MAX_AT_ONCE,
                    forwarded.isEmpty() ? "absent" : "present");
        }
    }
}
