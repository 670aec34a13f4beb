package org.moot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;

/** A real Moot server on a free loopback port, serving a fresh demo site in a temporary folder. */
final class TestServer implements AutoCloseable {

    static final String ADMIN_PASSWORD = "correct horse battery";

    final SiteFolder folder;
    final Site site;
    final Server server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    TestServer(Path tmp) {
        this(tmp, config -> config);
    }

    /**
     * A server whose configuration the test adjusts: trusted proxies, a route of its own, governance's
     * schedule (off unless a test turns it on: its steps would move main under other tests).
     */
    TestServer(Path tmp, java.util.function.UnaryOperator<Server.Config> configure) {
        this(tmp, Site.Config.DEFAULT, configure);
    }

    /** A server whose site runs on a configuration of the test's own: a clock it moves. */
    TestServer(Path tmp, Site.Config siteConfig, java.util.function.UnaryOperator<Server.Config> configure) {
        folder = SiteFolder.create(tmp.resolve("site"), false, ADMIN_PASSWORD);
        site = Site.open(folder, siteConfig);
        server = new Server(site, configure.apply(new Server.Config("127.0.0.1", 0).withGovernanceEvery(java.time.Duration.ZERO))).start();
    }

    /** A server on an existing site folder (a mirror, a fork, a site restarted), on {@code port} (0: any free one). */
    TestServer(SiteFolder folder, int port) {
        this.folder = folder;
        site = Site.open(folder, Site.Config.DEFAULT);
        server = new Server(site, new Server.Config("127.0.0.1", port).withGovernanceEvery(java.time.Duration.ZERO)).start();
    }

    /** {@code moot user add NAME --role ROLE} on this site, as a script would run it: returns its password and token. */
    List<String> userAdd(String name, String role) {
        return userAdd(folder, name, role);
    }

    static List<String> userAdd(SiteFolder folder, String name, String role) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = new Main(new java.io.PrintStream(out, true), System.err).run(new String[] {
            "user", "add", name, "--role", role, "--site", folder.dir().toString()});
        if (exit != 0) {
            throw new IllegalStateException("moot user add failed");
        }
        return out.toString().lines().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
    }

    /** A member registered with these roles (granted by the admin), signed in like a browser. */
    WebClient signedIn(String name, String displayName, java.util.Set<org.moot.engine.access.Role> roles) {
        String password = "a long enough secret";
        var access = site.access();
        access.register(name, displayName, "", password, null, null);
        access.setRoles(access.login("admin", ADMIN_PASSWORD).orElseThrow(), name, roles, "Roles for the test");
        WebClient client = new WebClient(this);
        client.signIn(name, password);
        return client;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String path) {
        try {
            return new ObjectMapper().readTree(get(path).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        site.close();
    }
}
