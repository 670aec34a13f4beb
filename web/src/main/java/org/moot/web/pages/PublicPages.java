package org.moot.web.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Secrets;
import org.moot.schema.PageId;

/**
 * Pages as everyone who is not signed in sees them. Such a page is made only from the commit at
 * {@code main}'s tip and the page's id, so its bytes (plain and gzipped) are kept under those two
 * ids and served again. Its ETag is the commit's id (an ETag belongs to one URL), one per
 * encoding: a browser that has the page is answered {@code 304} without the page being read at
 * all. A new commit has a new id, so nothing here is ever invalidated or stale.
 */
final class PublicPages {

    /** May be kept by a browser, but must be checked again: main moves. */
    static final String CACHE_CONTROL = "no-cache";
    static final String HTML = "text/html; charset=utf-8";

    /** What to answer: {@code 304} (no body) or {@code 200} with the page's bytes, gzipped or not. */
    record Answer(int status, String etag, byte[] body, boolean gzipped) {}

    private record Key(ObjectId commit, PageId id) {}

    private record Kept(byte[] plain, byte[] gzipped) {}

    /** Kept per process, so the pages of a new version of Moot never match an old ETag. */
    private static final String VERSION = Secrets.random(6);

    private final Cache<Key, Kept> pages;

    PublicPages(long maxBytes) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Kept p) -> 128 + p.plain().length + p.gzipped().length)
                .build();
    }

    /**
     * The answer without rendering: {@code 304} when the browser's copy is current, the kept
     * bytes, or null when the page is not kept.
     */
    Answer kept(ObjectId commit, PageId id, String ifNoneMatch, String acceptEncoding) {
        boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
        String etag = etag(commit, gzip);
        if (matches(ifNoneMatch, etag)) {
            return new Answer(304, etag, new byte[0], gzip);
        }
        Kept page = pages.getIfPresent(new Key(commit, id));
        return page == null ? null : answer(page, etag, gzip);
    }

    /** Keeps a page just rendered, and answers with it. */
    Answer keep(ObjectId commit, PageId id, String html, String acceptEncoding) {
        byte[] plain = html.getBytes(StandardCharsets.UTF_8);
        Kept page = new Kept(plain, gzip(plain));
        pages.put(new Key(commit, id), page);
        boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
        return answer(page, etag(commit, gzip), gzip);
    }

    private static Answer answer(Kept page, String etag, boolean gzip) {
        return new Answer(200, etag, gzip ? page.gzipped() : page.plain(), gzip);
    }

    /** {@code If-None-Match} as RFC 9110 reads it for a GET: a list of tags, each weak or strong. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if ((t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String etag(ObjectId commit, boolean gzip) {
        return '"' + VERSION + '-' + commit.name() + (gzip ? "-gz\"" : "\"");
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
