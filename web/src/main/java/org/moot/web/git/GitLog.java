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
            org.eclipse.jetty.io.EofException.class); // the client went away (a plain EOFException may be our damaged pack)
    /** A client's words may be in a refusal's message: one line, and a short one. */
    private static final int MAX_MESSAGE_CHARS = 200;

    private GitLog() {}

    /** {@code config} with a servlet context whose {@code log(message, throwable)} is {@link #log}. */
    static ServletConfig quieter(ServletConfig config) {
        ServletContext context = config.getServletContext();
        ServletContext quiet = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "log":
                            if (args.length == 2) {
                                log((String) args[0], (Throwable) args[1]);
                                return null;
                            }
                            break;
                        default:
                            break;
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

    /** {@code failure} may be null: JGit logs some refused pushes with the cause they lack. */
    static void log(String message, Throwable failure) {
        Optional<Throwable> refusal = failure == null ? Optional.empty() : refusal(failure);
        if (failure == null || refusal.isPresent()) {
            String reason = refusal.map(Throwable::toString).orElse("no reason given");
            reason = reason.substring(0, Math.min(reason.length(), MAX_MESSAGE_CHARS)).replaceAll("\\p{Cntrl}", "?");
            LOG.info("refused {}: {}", message.replaceFirst("^Internal error during ", ""), reason);
        } else {
            LOG.warn(message, failure);
        }
    }

    /**
     * The failure, if it is a client's request refused. Only the failure itself counts (or the
     * cause of an unpack error): a want JGit refuses because the object is missing from our disk
     * is damage of ours, and so is anything ours that merely wraps one of these.
     */
    static Optional<Throwable> refusal(Throwable failure) {
        Throwable t = failure instanceof org.eclipse.jgit.errors.UnpackException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean ours = t instanceof org.eclipse.jgit.transport.WantNotValidException
                && t.getCause() instanceof org.eclipse.jgit.errors.MissingObjectException;
        return !ours && REFUSALS.stream().anyMatch(kind -> kind.isInstance(t)) ? Optional.of(t) : Optional.empty();
    }
}
