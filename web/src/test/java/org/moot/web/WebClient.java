package org.moot.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One visitor: keeps cookies like a browser, fills in forms with the page's CSRF token. */
final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final TestServer server;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String forwardedFor;

    WebClient(TestServer server) {
        this(server, null);
    }

    /** A visitor behind a reverse proxy: every request carries this {@code X-Forwarded-For}. */
    WebClient(TestServer server, String forwardedFor) {
        this.server = server;
        this.forwardedFor = forwardedFor;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.url(path))).GET());
    }

    /** Posts a form as-is (no CSRF token added). */
    HttpResponse<String> postRaw(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** Opens {@code formPage}, takes its CSRF token, and posts the form with it. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> form) {
        Matcher m = CSRF.matcher(get(formPage).body());
        if (!m.find()) {
            throw new AssertionError(formPage + " has no CSRF token");
        }
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrf", m.group(1));
        return postRaw(action, withToken);
    }

    /** Like {@link #submit}, with a body already URL-encoded: for bytes no browser would send. */
    HttpResponse<String> submitEncoded(String formPage, String action, String encodedBody) {
        Matcher m = CSRF.matcher(get(formPage).body());
        if (!m.find()) {
            throw new AssertionError(formPage + " has no CSRF token");
        }
        return send(HttpRequest.newBuilder(URI.create(server.url(action)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedBody + "&csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8))));
    }

    /** The value of a form field in a page: an input's value or a textarea's text. */
    static String field(String html, String name) {
        Matcher input = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (input.find()) {
            return unescape(input.group(1));
        }
        Matcher area = Pattern.compile("<textarea name=\"" + Pattern.quote(name) + "\"[^>]*>(.*?)</textarea>", Pattern.DOTALL).matcher(html);
        if (area.find()) {
            return unescape(area.group(1));
        }
        throw new AssertionError("no field " + name);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&#39;", "'")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }

    HttpResponse<String> signIn(String name, String password) {
        return submit("/login", "/login", Map.of("name", name, "password", password));
    }

    /** A GET with HTTP Basic, as scripts and git do. */
    HttpResponse<String> getWithToken(String path, String user, String token) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Basic " + basic).GET());
    }

    /** A POST of a plain-text body with HTTP Basic, as a script would send it. */
    HttpResponse<String> postTextWithToken(String path, String user, String token, String body) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Basic " + basic)
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PUTs a JSON body signed with a token, as a script does. */
    HttpResponse<String> putJsonWithToken(String path, String user, String token, Object body) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        try {
            return send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
