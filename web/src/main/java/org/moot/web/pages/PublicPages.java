package org.moot.web.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.moot.engine.access.Secrets;
import org.moot.schema.PageId;

/**
 * Pages as everyone who is not signed in sees them. Such a page is made only from the commit at
 * {@code main}'s tip and the page's id, so its bytes (plain and gzipped) are kept under those two
 * ids and served again. Its ETag is the commit's id (an ETag belongs to one URL), one per
 * encoding: a browser that has the page is answered {@code 304} without the page being read at
 * all. A new commit has a new id, so nothing here is ever invalidated or stale. Pages pushed out of
 * memory by size are kept on disk ({@link SpilledPages}) while their commit is the tip.
 */
final class PublicPages {

    /** May be kept by a browser, but must be checked again: main moves. */
    static final String CACHE_CONTROL = "no-cache";
    static final String HTML = "text/html; charset=utf-8";

    /** What to answer: {@code 304} (no body) or {@code 200} with the page's bytes, gzipped or not. */
    record Answer(int status, String etag, byte[] body, boolean gzipped) {}

    private record Key(ObjectId commit, PageId id) {}

    /** A page's bytes; {@code onDisk} when it came back from disk, so is not written there again. */
    private record Kept(byte[] plain, byte[] gzipped, boolean onDisk) {}

    /** Kept per process, so the pages of a new version of Moot never match an old ETag. */
    private static final String VERSION = Secrets.random(6);

    private final Cache<Key, Kept> pages;
    private final SpilledPages spilled;
    private final int[] readFromDisk = new int[4_096];

    /** {@code executor} runs the cache's upkeep, which hands pages pushed out of memory to {@code spilled}. */
    PublicPages(long maxBytes, SpilledPages spilled, Executor executor) {
        this.spilled = spilled;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Kept p) -> 128 + p.plain().length + p.gzipped().length)
                .executor(executor)
                .evictionListener((Key k, Kept p, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && !p.onDisk()) {
                        spilled.keep(k.commit(), k.id(), p.gzipped());
                    }
                })
                .build();
    }

    /**
     * The answer without rendering: {@code 304} when the browser's copy is current, the kept
     * bytes, or null when the page is not kept.
     */
    Answer kept(ObjectId commit, PageId id, String ifNoneMatch, String acceptEncoding) {
        boolean gzip = wantsGzip(acceptEncoding);
        String etag = etag(commit, gzip);
        if (matches(ifNoneMatch, etag)) {
            return new Answer(304, etag, new byte[0], gzip);
        }
        Key key = new Key(commit, id);
        Kept page = pages.getIfPresent(key);
        if (page != null) {
            return answer(page, etag, gzip);
        }
        byte[] gzipped = spilled.read(commit, id);
        if (gzipped == null) {
            return null;
        }
        byte[] plain = gunzip(gzipped);
        if (plain == null) {
            return null; // not whole: rendered again
        }
        page = new Kept(plain, gzipped, true);
        if (readAgain(key)) {
            pages.put(key, page);
        }
        return answer(page, etag, gzip);
    }

    /**
     * Whether this page was read from disk lately, as far as a small table of the last pages read
     * from disk remembers (by hash; races only make it forget). A page goes back to memory the
     * second time it is read from disk: on a large site most pages are asked for once in a while,
     * and putting each back pushed another out at every request.
     */
    private boolean readAgain(Key key) {
        int hash = key.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (readFromDisk.length - 1);
        if (readFromDisk[slot] == hash) {
            return true;
        }
        readFromDisk[slot] = hash;
        return false;
    }

    /** Keeps a page just rendered, and answers with it. */
    Answer keep(ObjectId commit, PageId id, String html, String acceptEncoding) {
        byte[] plain = html.getBytes(StandardCharsets.UTF_8);
        Kept page = new Kept(plain, gzip(plain), false);
        pages.put(new Key(commit, id), page);
        boolean gzip = wantsGzip(acceptEncoding);
        return answer(page, etag(commit, gzip), gzip);
    }

    private static boolean wantsGzip(String acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.contains("gzip");
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

    /** The page, or null if the bytes are not a whole gzip stream (a file damaged on disk). */
    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
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
