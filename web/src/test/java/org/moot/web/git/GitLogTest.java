package org.moot.web.git;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.WantNotValidException;
import org.junit.jupiter.api.Test;

class GitLogTest {

    @Test
    void aClientsRefusedRequestIsToldApartFromAFailureOfOurs() {
        WantNotValidException want = new WantNotValidException(ObjectId.zeroId());
        assertThat(GitLog.refusal(want)).contains(want);
        TooLargeObjectInPackException large = new TooLargeObjectInPackException(5_242_880, 4_194_304);
        assertThat(GitLog.refusal(new UnpackException(large))).contains(large);
        EofException gone = new EofException("reset by peer");
        assertThat(GitLog.refusal(gone)).contains(gone);
        // Ours: a damaged pack on our disk, an advertised tip missing from it, a full disk, a bug.
        assertThat(GitLog.refusal(new EOFException("Short compressed stream at 12"))).isEmpty();
        assertThat(GitLog.refusal(new WantNotValidException(ObjectId.zeroId(),
                new MissingObjectException(ObjectId.zeroId(), Constants.OBJ_COMMIT)))).isEmpty();
        assertThat(GitLog.refusal(new IOException("No space left on device"))).isEmpty();
        assertThat(GitLog.refusal(new IllegalStateException(want))).isEmpty();
    }

    @Test
    void jgitsServletsLogThroughAContextThatKeepsRefusalsFromTheRealOne() {
        List<String> reached = new ArrayList<>();
        ServletContext real = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    reached.add(method.getName() + (args == null ? "" : "/" + args.length));
                    return method.getName().equals("getAttribute") ? "value" : null;
                });
        ServletContext quiet = GitLog.quieter(new ServletConfig() {
            @Override
            public String getServletName() {
                return "git";
            }

            @Override
            public ServletContext getServletContext() {
                return real;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        }).getServletContext();
        quiet.log("Internal error during upload-pack from x", new WantNotValidException(ObjectId.zeroId()));
        quiet.log("Internal error during receive-pack to x", null);
        assertThat(reached).isEmpty();
        quiet.log("a plain line");
        assertThat(quiet.getAttribute("name")).isEqualTo("value");
        assertThat(reached).containsExactly("log/1", "getAttribute/1");
        assertThat(quiet).isEqualTo(quiet).hasSameHashCodeAs(quiet);
    }
}
