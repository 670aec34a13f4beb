package org.moot.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.moot.web.git.GitEndpoint;

/**
 * Reads a request's body whole, as it arrives, before a thread is given to the request: the
 * routes read bodies with blocking calls, and a request waiting for its body held one of Jetty's
 * threads, so a few hosts each sending many bodies a byte at a time could take them all. Here a
 * slow sender holds a connection and the bytes it has sent, no thread; the bytes held for all
 * requests together are bounded ({@link #FIRST_BLOCKS}, {@link #LARGER}: more is answered 503), and a body must arrive
 * within {@link #DEADLINE_SECONDS} (else 408). A push is left to stream: its pack may be far
 * larger than any form, and only a member signed in with a token gets to send one.
 */
final class WholeBodies extends Handler.Wrapper {

    /** Bodies are kept in blocks taken as bytes arrive, growing from the smallest to the largest: what is held is about what was sent. */
    static final int SMALLEST_BLOCK = 4 << 10;
    static final int BLOCK = 64 << 10;
    /**
     * Bytes held at once for all bodies' first blocks (a form, a comment: 16,000 of them), and
     * apart, for the rest of larger bodies (sixteen of the largest read): a flood of large bodies
     * cannot crowd out everyone's forms. Counted by the blocks' size, as held.
     */
    static final long FIRST_BLOCKS = 64L << 20;
    static final long LARGER = 256L << 20;
    /** Time for a whole body to arrive: a page of 4 MB takes 80 s at 50 KB/s. */
    static final long DEADLINE_SECONDS = 120;

    private final long maxBytes;
    private final AtomicLong firstBlocks = new AtomicLong();
    private final AtomicLong larger = new AtomicLong();

    WholeBodies(long maxBytes, Handler inner) {
        super(inner);
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean hasBody = length > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        String path = request.getHttpURI().getPath();
        if (!hasBody || path.equals(GitEndpoint.RECEIVE_PACK)) {
            return super.handle(request, response, callback);
        }
        if (length > maxBytes) {
            if (path.startsWith(GitEndpoint.PATH)) {
                refuse(request, response, callback, 413, "A git request of at most " + maxBytes + " bytes is read.");
                return true;
            }
            return super.handle(request, response, callback); // the routes refuse it unread, with their own message
        }
        new Arriving(request, response, callback).start();
        return true;
    }

    private static void refuse(Request request, Response response, Callback callback, int status, String why) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(RequestId.HEADER, RequestId.next());
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        }
        Response.writeError(request, response, callback, status, why);
    }

    /** One body being read: takes what has come, asks to be called again when more comes, and hands the whole on. */
    private final class Arriving implements Runnable {
        private final Request request;
        private final Response response;
        /** The request's own callback, which gives back the bytes held once the answer is done. */
        private final Callback callback;
        /** The body so far, all blocks full but the last; guarded by this. */
        private final List<byte[]> blocks = new ArrayList<>();
        /** Bytes in the last block, and in all; guarded by this. */
        private int filled;
        private long size;
        /** Bytes of blocks counted in {@link #firstBlocks} and {@link #larger}; guarded by this. */
        private long chargedFirst;
        private long chargedLarger;
        /** Once answered or handed on, nothing more is read here; guarded by this. */
        private boolean settled;
        private Scheduler.Task deadline;

        Arriving(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = new Callback() {
                @Override
                public void succeeded() {
                    giveBack();
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable cause) {
                    giveBack();
                    callback.failed(cause);
                }

                @Override
                public InvocationType getInvocationType() {
                    return callback.getInvocationType();
                }
            };
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::late, DEADLINE_SECONDS, TimeUnit.SECONDS);
            run();
        }

        /** Runs on a thread of Jetty's for as long as bytes are there to read, and no longer. */
        @Override
        public void run() {
            boolean whole;
            synchronized (this) {
                while (true) {
                    if (settled) {
                        return;
                    }
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) { // the client went, or stopped sending for the idle timeout
                        settle();
                        if (chunk.isLast()) {
                            callback.failed(chunk.getFailure());
                        } else {
                            refuse(request, response, callback, 408, "The request's body stopped arriving.");
                        }
                        return;
                    }
                    boolean last = chunk.isLast();
                    boolean kept = keep(chunk.getByteBuffer());
                    chunk.release();
                    if (!kept) {
                        settle();
                        refuse(request, response, callback, 503, "Moot is receiving more than it holds at once; please try again in a few seconds.");
                        return;
                    }
                    if (size > maxBytes && request.getHttpURI().getPath().startsWith(GitEndpoint.PATH)) {
                        settle();
                        refuse(request, response, callback, 413, "A git request of at most " + maxBytes + " bytes is read.");
                        return;
                    }
                    if (last || size > maxBytes) { // too large: what came is handed on with the rest unread, and the routes refuse it
                        settle();
                        whole = last;
                        break;
                    }
                }
            }
            handOn(whole);
        }

        private void late() {
            synchronized (this) {
                if (settled) {
                    return;
                }
                settle();
            }
            refuse(request, response, callback, 408, "The request's body did not arrive within " + DEADLINE_SECONDS + " s.");
        }

        private void settle() {
            settled = true;
            deadline.cancel();
        }

        /** Copies the bytes into the body's blocks; false when no more may be held now. */
        private boolean keep(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                if (blocks.isEmpty() || filled == blocks.get(blocks.size() - 1).length) {
                    // Each block as large as what came before it (from 4 KiB to 64 KiB), and no larger than
                    // what is still to come when the body says its length: a body held a byte at a time takes 4 KiB.
                    long length = request.getLength();
                    int capacity = (int) Math.min(Math.max(SMALLEST_BLOCK, Math.min(size, BLOCK)),
                            length > size ? length - size : Long.MAX_VALUE);
                    boolean first = blocks.isEmpty();
                    AtomicLong budget = first ? firstBlocks : larger;
                    if (budget.addAndGet(capacity) > (first ? FIRST_BLOCKS : LARGER)) {
                        budget.addAndGet(-capacity);
                        return false;
                    }
                    if (first) {
                        chargedFirst += capacity;
                    } else {
                        chargedLarger += capacity;
                    }
                    blocks.add(new byte[capacity]);
                    filled = 0;
                }
                byte[] block = blocks.get(blocks.size() - 1);
                int n = Math.min(bytes.remaining(), block.length - filled);
                bytes.get(block, filled, n);
                filled += n;
                size += n;
            }
            return true;
        }

        private synchronized void giveBack() {
            firstBlocks.addAndGet(-chargedFirst);
            larger.addAndGet(-chargedLarger);
            chargedFirst = 0;
            chargedLarger = 0;
        }

        /** Hands the request on with what came, then ({@code whole} false) the rest as it comes. */
        private void handOn(boolean whole) {
            List<ByteBuffer> body;
            synchronized (this) {
                body = new ArrayList<>();
                for (int i = 0; i < blocks.size(); i++) {
                    body.add(ByteBuffer.wrap(blocks.get(i), 0, i == blocks.size() - 1 ? filled : blocks.get(i).length));
                }
            }
            Request read = new Request.Wrapper(request) {
                private int next;

                @Override
                public synchronized Content.Chunk read() {
                    if (next < body.size()) {
                        next++;
                        return Content.Chunk.from(body.get(next - 1), whole && next == body.size());
                    }
                    return whole ? Content.Chunk.EOF : super.read();
                }

                @Override
                public synchronized void demand(Runnable demandCallback) {
                    if (next < body.size() || whole) {
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
            } catch (Exception e) {
                Response.writeError(request, response, callback, e);
            }
        }
    }
}
