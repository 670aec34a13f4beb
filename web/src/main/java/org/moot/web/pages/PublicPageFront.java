package org.moot.web.pages;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.moot.engine.Site;
import org.moot.schema.PageId;
import org.moot.web.RequestId;
import org.moot.web.SecurityHeaders;

/**
 * Answers a visitor's view of a page that is already kept, in Jetty, in front of the servlet and
 * Javalin's routes: most of the cost of a kept page was that machinery, not the page. It reads
 * {@code main} first, so a visitor never gets a page older than the tip. Everything it does not
 * answer (a session, a query, a page not yet kept) goes on to the routes unchanged.
 */
public final class PublicPageFront extends Handler.Wrapper {

    private static final Pattern PAGE = Pattern.compile("/wiki/[a-z0-9][a-z0-9/-]{0,254}");

    private final Site site;
    private final PublicPages pages;

    PublicPageFront(Site site, PublicPages pages) {
        this.site = site;
        this.pages = pages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        PageId id = shared(request);
        PublicPages.Answer answer = null;
        if (id != null) {
            try {
                answer = pages.kept(site.tip().commit(), id, request.getHeaders().get(HttpHeader.IF_NONE_MATCH),
                        request.getHeaders().get(HttpHeader.ACCEPT_ENCODING));
            } catch (RuntimeException e) {
                answer = null; // the routes meet the same failure and answer it properly: logged, with a request id
            }
        }
        if (answer == null) {
            return super.handle(request, response, callback);
        }
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.addTo(headers::put);
        headers.put(RequestId.HEADER, RequestId.next());
        headers.put(HttpHeader.CACHE_CONTROL, PublicPages.CACHE_CONTROL);
        headers.put(HttpHeader.ETAG, answer.etag());
        headers.put(HttpHeader.VARY, "Accept-Encoding");
        if (answer.status() == 200) {
            headers.put(HttpHeader.CONTENT_TYPE, PublicPages.HTML);
            if (answer.gzipped()) {
                headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
            }
            headers.put(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, answer.body().length));
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        } else {
            response.write(true, null, callback);
        }
        return true;
    }

    /** The page a request asks for, if it is a plain view by someone with no session; else null. */
    private static PageId shared(Request request) {
        if (!"GET".equals(request.getMethod()) || request.getHttpURI().getQuery() != null
                || request.getHeaders().contains(HttpHeader.COOKIE)) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if ("/".equals(path)) {
            return PageId.HOME;
        }
        if (path == null || !PAGE.matcher(path).matches() || path.endsWith("/")) {
            return null;
        }
        try {
            return PageId.of(path.substring("/wiki/".length()));
        } catch (IllegalArgumentException e) {
            return null; // the route answers it, with its reason
        }
    }
}
