package org.moot.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.moot.engine.Site;
import org.moot.web.account.AccountRoutes;
import org.moot.web.admin.AdminRoutes;
import org.moot.web.api.EditApi;
import org.moot.web.api.PageApi;
import org.moot.web.auth.Auth;
import org.moot.web.auth.LoginThrottle;
import org.moot.web.auth.Sessions;
import org.moot.web.edit.EditRoutes;
import org.moot.web.git.GitEndpoint;
import org.moot.web.history.HistoryRoutes;
import org.moot.web.pages.PageRoutes;
import org.moot.web.review.ProposalRoutes;
import org.moot.web.search.SearchRoutes;
import org.moot.web.watch.WatchRoutes;

/** The HTTP server of one site: wires the thin route classes onto Javalin. */
public final class Server implements AutoCloseable {

    /**
     * Where to listen (port 0 picks a free port), which reverse proxies to believe about the
     * client's address, routes added after the site's own (a test's route that fails on purpose),
     * and how often governance's time-driven steps run (zero: never, as in most tests).
     */
    public record Config(String host, int port, List<String> trustedProxies, Consumer<RoutesConfig> extraRoutes,
                         java.time.Duration governanceEvery) {
        public Config {
            trustedProxies = List.copyOf(trustedProxies);
        }

        public Config(String host, int port) {
            this(host, port, List.of(), routes -> { }, java.time.Duration.ofMinutes(1));
        }

        public Config withTrustedProxies(List<String> proxies) {
            return new Config(host, port, proxies, extraRoutes, governanceEvery);
        }

        public Config withRoutes(Consumer<RoutesConfig> routes) {
            return new Config(host, port, trustedProxies, routes, governanceEvery);
        }

        public Config withGovernanceEvery(java.time.Duration every) {
            return new Config(host, port, trustedProxies, extraRoutes, every);
        }
    }

    /**
     * Requests worked on at once: a few per core. More would only share the same cores, and a
     * write holding its turn at main would wait behind every read (bench/load.sh: 16 at once instead
     * of Jetty's 200 cut the slowest write from 5.5 s to 3.7 s, and reads waited longer). A
     * request takes its permit only once its body is read, so a slow sender holds a connection and
     * the bytes it sent (WholeBodies), neither a thread nor a share of the work; and one address at most 50 requests (PerClientLimit).
     */
    private final java.util.concurrent.Semaphore work =
            new java.util.concurrent.Semaphore(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), true);
    /** Bytes a second below which an answer is given up: a client that stops reading may not hold a thread for long. */
    static final long MIN_DATA_RATE = 1024;

    /**
     * The largest request body read: a page of {@link org.moot.engine.git.Repo#MAX_FILE_BYTES}
     * (whose own limit the change check enforces, with its file named) still fits once a form or
     * JSON has escaped it.
     */
    static final long MAX_REQUEST_BYTES = 4L * org.moot.engine.git.Repo.MAX_FILE_BYTES;

    private final Javalin app;
    private final Site site;
    private final Config config;
    private java.util.Optional<org.moot.engine.mirror.Follower> follower = java.util.Optional.empty();
    private java.util.Optional<org.moot.web.governance.GovernanceSchedule> schedule = java.util.Optional.empty();

    public Server(Site site, Config config) {
        this.site = site;
        this.config = config;
        Templates templates = new Templates();
        Sessions sessions = new Sessions();
        Frame frame = new Frame(site, sessions);
        Auth auth = new Auth(site, sessions, new LoginThrottle(Clock.systemUTC()));
        ErrorPages errors = new ErrorPages(templates, frame);
        byte[] css = resource("/static/moot.css");
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        PageRoutes pageRoutes = new PageRoutes(site, templates, frame);
        app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jetty.host = config.host();
            javalin.jetty.port = config.port();
            // Not for requests: Jetty measures their rate from the start, so a small body read late
            // by a busy server (a git fetch's wants) looked slow and was cut off under load.
            javalin.jetty.modifyHttpConfiguration(http -> http.setMinResponseDataRate(MIN_DATA_RATE));
            javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalin.contextResolver.ip = ctx -> clients.of(ctx.req().getRemoteAddr(), java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
            javalin.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrors.ForServer());
                // Javalin puts its servlet inside the innermost wrapper
                server.setHandler(new PerClientLimit(clients, new WholeBodies(MAX_REQUEST_BYTES, pageRoutes.front())));
            });
            GitEndpoint git = new GitEndpoint(site, auth,
                    request -> clients.of(request.getRemoteAddr(), java.util.Collections.list(request.getHeaders("X-Forwarded-For"))));
            javalin.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JettyErrors.ForServlets());
                git.install(context);
            });
            // Javalin's exception handlers take Exceptions only; an Error from a route joins them as one.
            // Every handler works under a permit (see work).
            javalin.router.handlerWrapper(endpoint -> ctx -> {
                ctx.bodyAsBytes(); // read (and kept) before the permit: see work
                work.acquireUninterruptibly();
                try {
                    endpoint.handler.handle(ctx);
                } catch (Error e) {
                    throw new ErrorPages.Unexpected(e);
                } finally {
                    work.release();
                }
            });
            javalin.router.javaLangErrorHandler(errors::fatal);
            javalin.routes.before(Server::everyAnswer);
            site.mirror().ifPresent(m -> javalin.routes.before(new ReadOnlyMirror(m, templates, frame)::before));
            javalin.routes.before(auth::before);
            javalin.routes.get("/static/moot.css", ctx -> ctx.contentType("text/css; charset=utf-8")
                    .header("Cache-Control", "public, max-age=3600").result(css));
            pageRoutes.register(javalin.routes);
            new AccountRoutes(site, templates, frame, sessions, auth).register(javalin.routes);
            new AdminRoutes(site, templates, frame).register(javalin.routes);
            EditRoutes editor = new EditRoutes(site, templates, frame);
            editor.register(javalin.routes);
            new ProposalRoutes(site, templates, frame, editor).register(javalin.routes);
            new HistoryRoutes(site, templates, frame).register(javalin.routes);
            new SearchRoutes(site, templates, frame).register(javalin.routes);
            new WatchRoutes(site, templates, frame).register(javalin.routes);
            new org.moot.web.talk.TalkRoutes(site, templates, frame).register(javalin.routes);
            new org.moot.web.facts.FactsRoutes(site, templates, frame).register(javalin.routes);
            new org.moot.web.governance.GovernanceRoutes(site, templates, frame).register(javalin.routes);
            new org.moot.web.briefing.BriefingRoutes(site, templates, frame).register(javalin.routes);
            EditApi editApi = new EditApi(site);
            editApi.registerHistory(javalin.routes);
            new org.moot.web.argue.ArgumentRoutes(site).register(javalin.routes);
            new PageApi(site).register(javalin.routes);
            new org.moot.web.api.GovernanceApi(site).register(javalin.routes);
            editApi.register(javalin.routes);
            config.extraRoutes().accept(javalin.routes);
            javalin.routes.exception(Exception.class, errors::handle);
            javalin.routes.exception(io.javalin.http.HttpResponseException.class, errors::handle); // Javalin's own, e.g. 413
            // Registered last, so it answers only what no route above matched.
            javalin.routes.get("/<path>", ctx -> errors.show(ctx, HttpStatus.NOT_FOUND,
                    "There is nothing at " + ctx.path() + "."));
        });
    }

    private static void everyAnswer(Context ctx) {
        RequestId.assign(ctx);
        SecurityHeaders.addTo(ctx::header);
    }

    public Server start() {
        app.start();
        follower = site.startFollowing(); // a mirror follows its upstream while it serves
        if (follower.isEmpty() && site.mirror().isEmpty() && !config.governanceEvery().isZero()) {
            schedule = java.util.Optional.of(new org.moot.web.governance.GovernanceSchedule(site.governance(), config.governanceEvery()));
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        follower.ifPresent(org.moot.engine.mirror.Follower::close);
        schedule.ifPresent(org.moot.web.governance.GovernanceSchedule::close);
        app.stop();
    }

    private static byte[] resource(String path) {
        try (InputStream in = Server.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
