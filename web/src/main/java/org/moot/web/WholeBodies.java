package org.moot.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's body whole, as it arrives, before a thread is given to the request: the
 * routes read bodies with blocking calls, and a request waiting for its body held one of Jetty's
 * threads, so a few hosts each sending many bodies a byte at a time could take them all. Here a
 * slow sender holds a connection and the bytes it has sent, no thread. A push is left to stream
 * (its pack may be far larger than any form, and only members may send one).
 */
final class WholeBodies extends Handler.Wrapper {

    private final long maxBytes;

    WholeBodies(long maxBytes, Handler inner) {
        super(inner);
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean hasBody = length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        // A body said to be too large goes on at once: the routes refuse it, with their own message, unread.
        if (!hasBody || length > maxBytes || request.getHttpURI().getPath().endsWith("/git-receive-pack")) {
            return super.handle(request, response, callback);
        }
        new Arriving(request, response, callback).run();
        return true;
    }

    /** One body being read: takes what has come, asks to be called again when more comes, and hands the whole on. */
    private final class Arriving implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Arriving(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Runs on a thread of Jetty's for as long as bytes are there to read, and no longer. */
        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) { // the client went, or stopped sending for the idle timeout
                    callback.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                byte[] part = new byte[bytes.remaining()];
                bytes.get(part);
                boolean last = chunk.isLast();
                chunk.release();
                body.writeBytes(part);
                if (last || body.size() > maxBytes) { // too large: what came is handed on with the rest unread, and refused
                    handOn(last);
                    return;
                }
            }
        }

        /** Hands the request on with what came first, then ({@code whole} false) the rest as it comes. */
        private void handOn(boolean whole) {
            Request read = new Request.Wrapper(request) {
                private boolean given;

                @Override
                public Content.Chunk read() {
                    if (!given) {
                        given = true;
                        return Content.Chunk.from(ByteBuffer.wrap(body.toByteArray()), whole);
                    }
                    return whole ? Content.Chunk.EOF : super.read();
                }

                @Override
                public void demand(Runnable demandCallback) {
                    if (!given || whole) {
                        demandCallback.run(); // there is something to read now
                    } else {
                        super.demand(demandCallback);
                    }
                }
            };
            try {
                if (!WholeBodies.this.getHandler().handle(read, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        }
    }
}
