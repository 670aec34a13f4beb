package org.moot.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty answers some requests itself before any route runs (a {@code %00} in the path, a URI too
 * long to read): these error handlers give those answers the same security headers as our own.
 */
final class JettyErrors {

    private JettyErrors() {
    }

    /** The server's: messages too malformed to reach the servlet, and anything outside it. */
    static final class ForServer extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            SecurityHeaders.addTo(response.getHeaders()::put);
            return super.handle(request, response, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            SecurityHeaders.addTo(fields::put);
            return super.badMessageError(status, reason, fields);
        }
    }

    /** The servlet context's: requests the servlet layer refuses before Javalin sees them. */
    static final class ForServlets extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            SecurityHeaders.addTo(response.getHeaders()::put);
            return super.handle(request, response, callback);
        }
    }
}
