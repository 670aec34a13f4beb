package org.moot.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.WriteFailedException;
import org.moot.schema.InvalidPageIdException;
import org.moot.web.auth.Auth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One table from failure to HTTP status, answered as a page or as JSON under {@code /api/}. */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    /** The page model of error.jte; {@code requestId} names the log entry of an unexpected failure. */
    public record ErrorModel(Chrome chrome, int status, String message, String requestId) {}

    /**
     * An {@link Error} (a stack overflow, say) thrown by a route, carried as an exception so that it
     * meets the same handler, with the request at hand, as every other failure.
     */
    static final class Unexpected extends RuntimeException {
        Unexpected(Error error) {
            super(error);
        }
    }

    private static final String UNEXPECTED = "Something went wrong on our side; the error has been logged.";

    private final Templates templates;
    private final Frame frame;

    public ErrorPages(Templates templates, Frame frame) {
        this.templates = templates;
        this.frame = frame;
    }

    public static HttpStatus status(Exception e) {
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // The client went away, or read too slowly (below Server.MIN_DATA_RATE): theirs, not a failure of ours.
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return HttpStatus.BAD_REQUEST;
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return HttpStatus.REQUEST_TIMEOUT;
            }
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return HttpStatus.forStatus(h.getCode());
            }
        }
        if (e instanceof io.javalin.http.HttpResponseException h) {
            return HttpStatus.forStatus(h.getStatus());
        }
        if (e instanceof InvalidPageIdException || e instanceof Accounts.Refused
                || e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof org.moot.engine.edit.Proposals.ChangedSinceReviewed) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof Auth.Unauthorized) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (e instanceof Access.Forbidden) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof Auth.SlowDown) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (e instanceof WriteFailedException || e instanceof org.moot.engine.graph.SiteGraphs.Busy) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    public void handle(Exception e, Context ctx) {
        if (e instanceof Auth.SignInFirst signIn) {
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(signIn.next(), java.nio.charset.StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            return;
        }
        HttpStatus status = status(e);
        String message = e.getMessage();
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            Throwable failure = e instanceof Unexpected ? e.getCause() : e;
            LOG.error("{} {} failed (request {})", ctx.method(), ctx.path(), RequestId.of(ctx), failure);
            message = UNEXPECTED;
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            if (e instanceof WriteFailedException) {
                // Nothing was lost and the message names the cause (a lock, git refusing); the operator may need to act.
                LOG.warn("{} {} could not write (request {}): {}", ctx.method(), ctx.path(), RequestId.of(ctx), message);
            }
            ctx.header("Retry-After", "5");
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            Auth.challenge(ctx);
        }
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            message = "This request is larger than the " + Server.MAX_REQUEST_BYTES + " bytes Moot reads; a page may have at most "
                    + org.moot.engine.git.Repo.MAX_FILE_BYTES + " bytes.";
        }
        show(ctx, status, message);
    }

    public void show(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.json(Map.of("error", message, "errors", List.of(), "requestId", RequestId.of(ctx)));
        } else {
            try {
                templates.render(ctx, "error.jte", new ErrorModel(frame.chrome(ctx, status.getMessage()), status.getCode(), message,
                        RequestId.of(ctx)));
            } catch (RuntimeException | StackOverflowError broken) {
                LOG.error("the error page itself failed (request {})", RequestId.of(ctx), broken);
                ctx.contentType("text/plain; charset=utf-8").result(message + " Request " + RequestId.of(ctx) + ".\n");
            }
        }
    }

    /**
     * The last resort, for an {@link Error} thrown where no route's handler could catch it (in an
     * error handler itself): logged once, answered in plain words with the request id.
     */
    public void fatal(HttpServletResponse res, Error error) {
        String id = java.util.Objects.requireNonNullElse(res.getHeader(RequestId.HEADER), "none");
        LOG.error("a request failed outside its route (request {})", id, error);
        res.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
        try {
            res.setContentType("text/plain; charset=utf-8");
            res.getWriter().write(UNEXPECTED + " Request " + id + ".\n");
        } catch (java.io.IOException | IllegalStateException e) {
            // The answer had already begun; its status and the log entry are all we can give.
        }
    }
}
