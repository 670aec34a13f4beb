package org.moot.web;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.moot.engine.ContentCheck;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.engine.access.Secrets;
import org.moot.schema.Violation;

/** The {@code moot} command line. User mistakes get one clear sentence on stderr, never a stack trace. */
public final class Main {

    static final String USAGE = """
            usage: moot serve [--site DIR] [--port N] [--host H] [--trusted-proxy ADDR[,ADDR...]]
                   moot init DIR [--empty]
                   moot import SRC --site DIR
                   moot mirror URL --site DIR [--follow SECONDS] [--port N] [--host H]
                   moot check PATH
                   moot reindex [--site DIR]
                   moot user add NAME --role ROLE --site DIR
                   moot sortition verify PATH NUMBER""";

    /** A mistake the user can fix; its message is all they see. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given\n" + USAGE);
            }
            Args a = Args.parse(Arrays.copyOfRange(args, 1, args.length));
            return switch (args[0]) {
                case "serve" -> serve(a);
                case "init" -> init(a);
                case "mirror" -> mirror(a);
                case "import" -> importSite(a);
                case "check" -> check(a);
                case "user" -> user(a);
                case "reindex" -> reindex(a);
                case "sortition" -> sortition(a);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + USAGE);
            };
        } catch (UsageException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException
                 | org.moot.engine.git.NotFoundException | org.moot.engine.git.WriteFailedException e) {
            err.println("moot: " + e.getMessage());
            return 2;
        }
    }

    private int serve(Args a) {
        a.allowOnly("site", "port", "host", "trusted-proxy");
        Path dir = Path.of(a.option("site", "site"));
        SiteFolder folder = new SiteFolder(dir.toAbsolutePath().normalize());
        if (!folder.exists()) {
            create(folder.dir(), false);
        }
        return serve(folder, a);
    }

    /**
     * {@code moot mirror URL --site DIR}: copies a running site's content and history. With
     * {@code --follow SECONDS} the copy is a read-only mirror, served at once and kept up to date
     * (run again after a stop, it catches up from where it was); without, it is a fork to serve
     * with {@code moot serve}, whose admin password is printed.
     */
    private int mirror(Args a) {
        a.allowOnly("site", "follow", "port", "host", "trusted-proxy");
        String url = a.words("URL").get(0);
        SiteFolder folder = new SiteFolder(Path.of(a.option("site", "site")).toAbsolutePath().normalize());
        Optional<Duration> follow = a.option("follow", "").isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Math.max(1, a.intOption("follow", 60))));
        if (folder.exists() && follow.isPresent() && folder.mirror().isPresent()) {
            out.println(folder.dir() + " is already a mirror of " + folder.mirror().get().siteUrl() + "; catching up from there");
            return serve(folder, a);
        }
        String password = adminPassword();
        long started = System.nanoTime();
        Steps steps = new Steps();
        SiteFolder copy = SiteFolder.copy(folder.dir(), url, follow, password, steps);
        steps.finish();
        out.printf("Copied %s into %s in %.1f s%n", org.moot.engine.mirror.Upstream.gitUrl(url), copy.dir(),
                (System.nanoTime() - started) / 1e9);
        if (follow.isPresent()) {
            out.println("This is a read-only mirror: it fetches every " + follow.get().toSeconds() + " s and refuses writes.");
            return serve(copy, a);
        }
        out.println("This is an independent fork with all of the original's history. Serve it with: moot serve --site " + copy.dir());
        tellSignIn(password);
        return 0;
    }

    /** {@code moot import SRC --site DIR}: a site made of an existing Git repository of Markdown, with its history. */
    private int importSite(Args a) {
        a.allowOnly("site");
        String source = a.words("SRC").get(0);
        Path dir = Path.of(a.option("site", "site")).toAbsolutePath().normalize();
        String password = adminPassword();
        Steps steps = new Steps();
        var imported = SiteFolder.importFrom(dir, source, password, steps);
        steps.finish();
        out.println("Made " + dir + " from the " + imported.branch() + " branch of " + source + ": " + imported.renamed()
                + " files given new names, " + imported.leftOut() + " links or submodules left out.");
        tellSignIn(password);
        out.println("Serve it with: moot serve --site " + dir);
        return 0;
    }

    /** Each step of a long transfer as a progress line ({@link Progress}), summed up in one line when it ends. */
    private final class Steps implements org.moot.engine.git.TransferProgress {
        private Progress current;

        @Override
        public synchronized void step(String title, int total) {
            finish();
            current = new Progress(out, title, title.substring(title.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT), total);
        }

        @Override
        public synchronized void done(int count) {
            if (current != null) {
                current.done(count);
            }
        }

        synchronized void finish() {
            if (current != null) {
                current.finish();
                current = null;
            }
        }
    }

    private int serve(SiteFolder folder, Args a) {
        Server.Config config = new Server.Config(a.option("host", "127.0.0.1"), a.intOption("port", 8080))
                .withTrustedProxies(trustedProxies(a));
        CountDownLatch stopped = new CountDownLatch(1);
        try (Site site = Site.open(folder, Site.Config.DEFAULT);
             Server server = new Server(site, config).start()) {
            out.println("Moot is serving " + folder.dir() + site.mirror().map(m -> " (a read-only mirror of " + m.siteUrl() + ")").orElse("") + " at http://" + hostForUrl(config.host()) + ":" + server.port() + "/");
            site.warmUp();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e instanceof io.javalin.util.JavalinBindException) {
                throw new UsageException("port " + config.port() + " on " + config.host() + " is already in use; choose another with --port");
            }
            throw e;
        }
        return 0;
    }

    /**
     * {@code --trusted-proxy}, repeated or a comma list: the reverse proxies whose
     * {@code X-Forwarded-For} tells the client's address. Only IP addresses, checked here.
     */
    private static List<String> trustedProxies(Args a) {
        String given = a.option("trusted-proxy", "");
        List<String> proxies = Arrays.stream(given.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            new ClientAddress(proxies);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--trusted-proxy: " + e.getMessage());
        }
        return proxies;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private int init(Args a) {
        a.allowOnly("empty");
        create(Path.of(a.words("DIR").get(0)), a.flag("empty"));
        return 0;
    }

    /** Creates a site; the admin password is printed this once (or taken from MOOT_ADMIN_PASSWORD). */
    private void create(Path dir, boolean empty) {
        String password = adminPassword();
        SiteFolder site = SiteFolder.create(dir, empty, password);
        out.println("Created " + (empty ? "an empty site" : "a site with the demo content") + " in " + site.dir());
        tellSignIn(password);
    }

    /** A new site's admin password: MOOT_ADMIN_PASSWORD when set, else a random one (printed once by {@link #tellSignIn}). */
    private static String adminPassword() {
        String given = System.getenv("MOOT_ADMIN_PASSWORD");
        return given == null || given.isBlank() ? Secrets.random(12) : given;
    }

    private void tellSignIn(String password) {
        String given = System.getenv("MOOT_ADMIN_PASSWORD");
        out.println(given == null || given.isBlank()
                ? "Sign in as '" + SiteFolder.ADMIN + "' with the password " + password + " (shown only now)."
                : "Sign in as '" + SiteFolder.ADMIN + "' with the password from MOOT_ADMIN_PASSWORD.");
    }

    /** {@code moot user add NAME --role ROLE --site DIR}: prints exactly a password line and a token line. */
    private int user(Args a) {
        a.allowOnly("role", "site");
        List<String> words = a.words("add", "NAME");
        if (!words.get(0).equals("add")) {
            throw new UsageException("unknown command 'user " + words.get(0) + "'\n" + USAGE);
        }
        String name = words.get(1);
        String roleName = a.option("role", "member");
        Role role = Role.parse(roleName).orElseThrow(() -> new UsageException("unknown role '" + roleName
                + "'; roles are " + java.util.Arrays.stream(Role.values()).map(Role::id).collect(java.util.stream.Collectors.joining(", "))));
        SiteFolder folder = new SiteFolder(Path.of(a.option("site", "site")).toAbsolutePath().normalize());
        folder.mirror().ifPresent(m -> {
            // Its roles are the upstream's: a local change would end the following.
            throw new UsageException(folder.dir() + " is a read-only mirror of " + m.siteUrl() + "; add the account there");
        });
        try (Site site = Site.open(folder, Site.Config.COMMAND)) {
            String password = Secrets.random(12);
            site.access().accounts().create(name, name, "", password, false);
            if (role != Role.READER) {
                site.access().roles().grant(Access.site(), name, role, "Add " + name + " as " + role.id() + " (moot user add)");
            }
            String token = site.access().accounts().createToken(name, "moot user add").secret();
            out.println("password: " + password);
            out.println("token: " + token);
        }
        return 0;
    }

    /** {@code moot reindex}: rebuilds the search index from content.git, showing how far it has got. */
    private int reindex(Args a) {
        a.allowOnly("site");
        SiteFolder folder = new SiteFolder(Path.of(a.option("site", "site")).toAbsolutePath().normalize());
        try (Site site = Site.open(folder, Site.Config.DEFAULT)) {
            Progress progress = new Progress(err, "pages", site.pageCount());
            site.reindex(progress::done);
            progress.finish("indexed");
        }
        return 0;
    }

    /**
     * {@code moot sortition verify PATH NUMBER}: re-runs draw NUMBER from the public record in PATH
     * (a clone, a bare repository or a site folder) and prints the council it gives, then either
     * that the record holds or each place it differs (exit 1).
     */
    private int sortition(Args a) {
        a.allowOnly();
        List<String> words = a.words("verify", "PATH", "NUMBER");
        if (!words.get(0).equals("verify") || !words.get(2).matches("[1-9][0-9]{0,8}")) {
            throw new UsageException("expected: moot sortition verify PATH NUMBER (the draw's number in /governance)");
        }
        Path path = Path.of(words.get(1)).toAbsolutePath().normalize();
        SiteFolder site = new SiteFolder(path);
        Path gitDir = site.exists() ? site.content() : Files.isDirectory(path.resolve(".git")) ? path.resolve(".git") : path;
        if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
            throw new UsageException(path + " is not a clone of a Moot site, nor a site folder");
        }
        try (org.moot.engine.git.Repo repo = org.moot.engine.git.Repo.open(gitDir)) {
            org.moot.engine.govern.Sortition.Verification check = org.moot.engine.govern.Sortition.verify(repo, Integer.parseInt(words.get(2)));
            out.println("council drawn: " + String.join(", ", check.council()));
            if (check.holds()) {
                out.println("the record holds: the same seed and volunteers give the same council");
                return 0;
            }
            check.differences().forEach(d -> out.println("differs: " + d));
            return 1;
        }
    }

    private int check(Args a) {
        a.allowOnly();
        Path path = Path.of(a.words("PATH").get(0));
        List<Violation> problems = ContentCheck.check(path);
        problems.forEach(out::println);
        if (!problems.isEmpty()) {
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
            return 1;
        }
        return 0;
    }
}
