package org.moot.web.git;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGit's servlets log every failed fetch or push through the servlet context as an "Internal
 * error", with its stack trace, though most are a client's request refused as it should be: a want
 * no ref reaches, an object or a pack over the size limits, a client gone away.
 * Those become one line; anything else keeps its trace, as a failure of ours. What the git client
 * is told stays JGit's own.
 */
final class GitLog {

    private static final Logger LOG = LoggerFactory.getLogger(GitLog.class);
    private static final List<Class<? extends Throwable>> REFUSALS = List.of(
            org.eclipse.jgit.errors.PackProtocolException.class, // a want no ref reaches is one
            org.eclipse.jgit.errors.TooLargeObjectInPackException.class,
            org.eclipse.jgit.errors.TooLargePackException.class,
            // Jetty's EofException too: the client went away. A missing or corrupt object keeps its
            // trace: in a fetch it is our repository that is damaged.
            java.io.EOFException.class);

    private GitLog() {}

    /** {@code config} with a servlet context whose {@code log(message, throwable)} is {@link #log}. */
    static ServletConfig quieter(ServletConfig config) {
        ServletContext context = config.getServletContext();
        ServletContext quiet = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("log") && args != null && args.length == 2 && args[1] instanceof Throwable failure) {
                        log((String) args[0], failure);
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return config.getServletName();
            }

            @Override
            public ServletContext getServletContext() {
                return quiet;
            }

            @Override
            public String getInitParameter(String name) {
                return config.getInitParameter(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return config.getInitParameterNames();
            }
        };
    }

    static void log(String message, Throwable failure) {
        Optional<Throwable> refusal = refusal(failure);
        if (refusal.isPresent()) {
            LOG.info("refused {}: {}", message.replaceFirst("^Internal error during ", ""), refusal.get().toString());
        } else {
            LOG.warn(message, failure);
        }
    }

    /** The client's mistake among the failure and its causes, if it is one. */
    static Optional<Throwable> refusal(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) { // a cause chain may loop
            Throwable each = t;
            if (REFUSALS.stream().anyMatch(kind -> kind.isInstance(each))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
