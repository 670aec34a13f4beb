package org.moot.web.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Secrets;
import org.moot.schema.PageId;

/**
 * Pages as everyone who is not signed in sees them. Such a page is made only from the tree of
 * {@code main} and the page's id, so its bytes are kept under those two ids and served again. Its
 * ETag is the tree's id (an ETag belongs to one URL): a browser that has the page is answered
 * {@code 304} without the page being read at all. A new commit is a new tree, so nothing here is
 * ever invalidated or stale.
 */
final class PublicPages {

    private record Key(ObjectId tree, PageId id) {}

    /** Kept per process, so the pages of a new version of Moot never match an old ETag. */
    private static final String VERSION = Secrets.random(6);

    private final Cache<Key, byte[]> bytes;

    PublicPages(long maxBytes) {
        this.bytes = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, byte[] b) -> 96 + b.length)
                .build();
    }

    /** Whether a request is answered by a shared page: not signed in, and nothing asked beyond the page. */
    static boolean applies(Context ctx, boolean anonymous) {
        return anonymous && ctx.queryString() == null;
    }

    /**
     * Answers with the page's kept bytes, or {@code 304} when the browser's copy matches; otherwise
     * {@code render} makes the page (null when it is not a page to keep: a redirect, a missing page).
     */
    void answer(Context ctx, ObjectId tree, PageId id, Supplier<String> render) {
        String etag = '"' + VERSION + '-' + tree.name() + '"';
        ctx.header("Cache-Control", "no-cache"); // may be kept, but must be checked again: main moves
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.header("ETag", etag).status(HttpStatus.NOT_MODIFIED);
            return;
        }
        Key key = new Key(tree, id);
        byte[] page = bytes.getIfPresent(key);
        if (page == null) {
            String html = render.get();
            if (html == null) {
                return; // answered by the renderer itself
            }
            page = html.getBytes(StandardCharsets.UTF_8);
            bytes.put(key, page);
        }
        ctx.header("ETag", etag).contentType("text/html; charset=utf-8").result(page);
    }
}
