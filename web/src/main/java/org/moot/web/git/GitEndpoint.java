package org.moot.web.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.moot.engine.Site;
import org.moot.engine.access.User;
import org.moot.engine.git.Repo;
import org.moot.web.RequestId;
import org.moot.web.auth.Auth;

/**
 * Git's smart HTTP protocol at {@code /git/content.git}: anyone may clone and fetch; a push needs
 * a user name and access token (HTTP Basic, asked for with a 401 as git expects) and is decided
 * by the site's push hook, which checks it as the web editor's changes are checked.
 */
public final class GitEndpoint {

    public static final String PATH = "/git/";
    static final String REPOSITORY = "content.git";
    /** Where pushes are sent: bodies to it stream (see WholeBodies). */
    public static final String RECEIVE_PACK = PATH + REPOSITORY + "/git-receive-pack";
    private static final String USER = "moot.git.user";
    /**
     * Far more than a push of policy text brings (a change may hold 64 MB of files), small enough
     * that refused pushes, whose packs JGit stores before the hook runs, cannot quickly fill a disk.
     * A whole history is brought in with {@code moot import}, not pushed.
     */
    private static final long MAX_PACK_BYTES = 256L << 20;

    private final Site site;
    private final Auth auth;
    private final Function<HttpServletRequest, String> address;

    public GitEndpoint(Site site, Auth auth, Function<HttpServletRequest, String> address) {
        this.site = site;
        this.auth = auth;
        this.address = address;
    }

    /** Adds the servlet and the filter that signs pushers in (Javalin's own handlers never see servlet paths). */
    public void install(ServletContextHandler context) {
        GitServlet git = new GitServlet() {
            @Override
            public void init(jakarta.servlet.ServletConfig config) throws ServletException {
                super.init(GitLog.quieter(config)); // JGit's servlets log through the context they are given
            }
        };
        git.setRepositoryResolver((request, name) -> {
            if (!name.equals(REPOSITORY)) {
                throw new RepositoryNotFoundException(name);
            }
            return site.gitTransport();
        });
        git.setUploadPackFactory((request, repository) -> {
            org.eclipse.jgit.transport.UploadPack upload =
                    new org.eclipse.jgit.http.server.resolver.DefaultUploadPackFactory().create(request, repository);
            // A fetch over HTTP asks, in a second request, for what the first one advertised; by
            // then an edit branch may have been published (it is on main) or declined (it is kept
            // under refs/archive/). Anything any ref reaches may be asked for, and nothing else:
            // not the objects of a refused push or a refused edit, which no ref holds.
            upload.setRequestPolicy(org.eclipse.jgit.transport.UploadPack.RequestPolicy.REACHABLE_COMMIT_TIP);
            return upload;
        });
        git.setReceivePackFactory((request, repository) -> {
            User user = (User) request.getAttribute(USER);
            if (user == null || user.isAnonymous()) {
                throw new ServiceNotAuthorizedException();
            }
            if (!user.isMember() || site.mirror().isPresent()) {
                // Refused before a byte of the pack is stored: only members' pushes are worth reading.
                throw new org.eclipse.jgit.transport.resolver.ServiceNotEnabledException();
            }
            ReceivePack receive = new ReceivePack(repository) {
                {
                    // Checks the pushed objects against the commits they build on first, not against
                    // the whole tree of every ref: at 100,000 pages the full check read most of the pack.
                    connectivityChecker = new org.eclipse.jgit.internal.transport.connectivity.IterativeConnectivityChecker(
                            new org.eclipse.jgit.internal.transport.connectivity.FullConnectivityChecker());
                }
            };
            receive.setAtomic(true);
            receive.setAllowNonFastForwards(false);
            receive.setAllowDeletes(false);
            receive.setCheckReceivedObjects(true);
            receive.setMaxObjectSizeLimit(Repo.MAX_FILE_BYTES);
            receive.setMaxPackSizeLimit(MAX_PACK_BYTES);
            receive.setPreReceiveHook(site.pushHook(user, siteUrl(site, request)));
            return receive;
        });
        context.addServlet(new ServletHolder(git), PATH + "*");
        context.addFilter(new FilterHolder(new SignIn()), PATH + "*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    }

    /** Where the site is: proposals' addresses are told to the pusher in these terms. */
    private static String siteUrl(Site site, HttpServletRequest request) {
        return org.moot.web.SiteUrl.of(site.pages().settings(site.tip()).url(), request.getScheme(), request.getHeader("Host"),
                request.getServerName() + ":" + request.getServerPort());
    }

    /** Pushes sign in with a token; anything else is served to anyone. */
    private final class SignIn implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader(RequestId.HEADER, RequestId.next());
            if (isPush(request) && site.mirror().isPresent()) {
                refuse(response, 403, "this site is a read-only mirror; push to " + site.mirror().get().gitUrl());
                return;
            }
            if (isPush(request)) {
                User user;
                try {
                    user = auth.basic(Optional.ofNullable(request.getHeader("Authorization")), address.apply(request));
                } catch (Auth.SlowDown e) {
                    refuse(response, 429, e.getMessage());
                    return;
                } catch (Auth.Unauthorized e) {
                    challenge(response, e.getMessage());
                    return;
                }
                if (user.isAnonymous()) {
                    challenge(response, "pushing needs your user name and an access token (made on your page, /members/<name>)");
                    return;
                }
                request.setAttribute(USER, user);
            }
            chain.doFilter(req, res);
        }

        private static boolean isPush(HttpServletRequest request) {
            return request.getRequestURI().endsWith("/git-receive-pack")
                    || "git-receive-pack".equals(request.getParameter("service"));
        }

        private static void challenge(HttpServletResponse response, String why) throws IOException {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Moot\", charset=\"UTF-8\"");
            refuse(response, 401, why);
        }

        private static void refuse(HttpServletResponse response, int status, String why) throws IOException {
            response.setStatus(status);
            response.setContentType("text/plain; charset=utf-8");
            response.getOutputStream().write((why + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
