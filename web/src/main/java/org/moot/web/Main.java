package org.moot.web;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.moot.engine.ContentCheck;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.schema.Violation;

/** The {@code moot} command line. User mistakes get one clear sentence on stderr, never a stack trace. */
public final class Main {

    static final String USAGE = """
            usage: moot serve [--site DIR] [--port N] [--host H]
                   moot init DIR [--empty]
                   moot check PATH""";

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
                case "check" -> check(a);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + USAGE);
            };
        } catch (UsageException | IllegalStateException | org.moot.engine.git.NotFoundException e) {
            err.println("moot: " + e.getMessage());
            return 2;
        }
    }

    private int serve(Args a) {
        a.allowOnly("site", "port", "host");
        Path dir = Path.of(a.option("site", "site"));
        SiteFolder folder = new SiteFolder(dir.toAbsolutePath().normalize());
        if (!folder.exists()) {
            SiteFolder.create(folder.dir(), false);
            out.println("Created a new site with the demo content in " + folder.dir());
        }
        Server.Config config = new Server.Config(a.option("host", "127.0.0.1"), a.intOption("port", 8080));
        CountDownLatch stopped = new CountDownLatch(1);
        try (Site site = Site.open(folder, Site.Config.DEFAULT);
             Server server = new Server(site, config).start()) {
            out.println("Moot is serving " + folder.dir() + " at http://" + hostForUrl(config.host()) + ":" + server.port() + "/");
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

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private int init(Args a) {
        a.allowOnly("empty");
        Path dir = Path.of(a.single("DIR"));
        SiteFolder site = SiteFolder.create(dir, a.flag("empty"));
        out.println("Created " + (a.flag("empty") ? "an empty site" : "a site with the demo content") + " in " + site.dir());
        return 0;
    }

    private int check(Args a) {
        a.allowOnly();
        Path path = Path.of(a.single("PATH"));
        List<Violation> problems = ContentCheck.check(path);
        problems.forEach(out::println);
        if (!problems.isEmpty()) {
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
            return 1;
        }
        return 0;
    }

    /** {@code --name value} options, {@code --flag} flags, and positional words. */
    record Args(Map<String, String> options, List<String> positional) {

        static Args parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    String name = args[i].substring(2);
                    boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                    options.put(name, name.equals("empty") || !hasValue ? "" : args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            return new Args(options, positional);
        }

        void allowOnly(String... names) {
            for (String name : options.keySet()) {
                if (!List.of(names).contains(name)) {
                    throw new UsageException("unknown option --" + name + "\n" + USAGE);
                }
            }
        }

        String option(String name, String fallback) {
            String value = options.get(name);
            if (value != null && value.isEmpty()) {
                throw new UsageException("--" + name + " needs a value");
            }
            return value == null ? fallback : value;
        }

        int intOption(String name, int fallback) {
            String value = option(name, String.valueOf(fallback));
            try {
                int n = Integer.parseInt(value);
                if (n < 0 || n > 65535) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a port number, not '" + value + "'");
            }
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        String single(String what) {
            if (positional.size() != 1) {
                throw new UsageException("expected one " + what + "\n" + USAGE);
            }
            return positional.get(0);
        }
    }
}
