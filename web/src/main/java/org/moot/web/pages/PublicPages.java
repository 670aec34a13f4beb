package org.moot.web.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
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

    /** May be kept by a browser, but must be checked again: main moves. */
    static final String CACHE_CONTROL = "no-cache";
    static final String HTML = "text/html; charset=utf-8";

    /** What to answer: {@code 304} (no body) or {@code 200} with the page's bytes. */
    record Answer(int status, String etag, byte[] body) {}

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

    /** The answer without rendering: {@code 304} when the browser's copy is current, the kept bytes, or null. */
    Answer kept(ObjectId tree, PageId id, String ifNoneMatch) {
        String etag = etag(tree);
        if (etag.equals(ifNoneMatch)) {
            return new Answer(304, etag, new byte[0]);
        }
        byte[] page = bytes.getIfPresent(new Key(tree, id));
        return page == null ? null : new Answer(200, etag, page);
    }

    /** Keeps a page just rendered, and answers with it. */
    Answer keep(ObjectId tree, PageId id, String html) {
        byte[] page = html.getBytes(StandardCharsets.UTF_8);
        bytes.put(new Key(tree, id), page);
        return new Answer(200, etag(tree), page);
    }

    private static String etag(ObjectId tree) {
        return '"' + VERSION + '-' + tree.name() + '"';
    }
}
