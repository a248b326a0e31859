package dev.herald.server.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The web application a Mercure 1.0 subscriber's page comes from, on its own loopback port (another
 * origin than the hub's, the same site): its page response sets the access token cookie as draft-08's
 * "Cookie" section says ({@code Secure}, {@code HttpOnly}, {@code SameSite=Strict}, {@code Path} the
 * hub's path) and renders the hub's URL and the discovery cursor into the page
 * ({@code mercure08/books.html}).
 */
public final class SubscriberApp implements AutoCloseable {

    public static final String COOKIE = "__Secure-mercure_access_token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the page is rendered with; {@code lastEventId} may be empty (no cursor). */
    public record Page(String hubUrl, String accessToken, String lastEventId) {
        public Page {
            Objects.requireNonNull(hubUrl, "hubUrl");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(lastEventId, "lastEventId");
        }
    }

    private final HttpServer server;
    private final String template;
    private volatile Page page;

    private SubscriberApp(HttpServer server, String template) {
        this.server = server;
        this.template = template;
    }

    public static SubscriberApp start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        SubscriberApp app = new SubscriberApp(server, template());
        server.createContext("/", app::answer);
        server.start();
        return app;
    }

    /** The page served from now on. */
    public void serve(Page value) {
        page = Objects.requireNonNull(value, "page");
    }

    /** {@code localhost}, as a developer opens it: a secure context, so Chromium keeps {@code __Secure-} cookies. */
    public String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Page current = page;
        if (current == null || !exchange.getRequestURI().getPath().equals("/")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = template.replace("{{HUB}}", json(current.hubUrl()))
                .replace("{{LAST_EVENT_ID}}", json(current.lastEventId())).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Set-Cookie", COOKIE + "=" + current.accessToken()
                + "; Path=" + MercureClient.PATH + "; Secure; HttpOnly; SameSite=Strict");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A JavaScript string literal (JSON's is one): nothing rendered can break out of the script. */
    private static String json(String value) {
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String template() {
        try (InputStream in = SubscriberApp.class.getResourceAsStream("/mercure08/books.html")) {
            return new String(Objects.requireNonNull(in, "mercure08/books.html").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
