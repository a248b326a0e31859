package dev.herald.core.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An issuer's JWKS endpoint on a real loopback HTTP server, whose key set a test replaces (rotation) or
 * breaks (an error status, an answer that is not a key set, or the server stopped), and whose fetches it
 * counts. Shared with herald-server's tests through the test-jar.
 */
public final class KeySetServer implements AutoCloseable {

    private final HttpServer server;
    /** What each fetch is answered: a status and a body. */
    private record Answer(int status, String body) {
    }

    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{\"keys\":[]}"));
    private final AtomicInteger fetches = new AtomicInteger();

    private KeySetServer(HttpServer server) {
        this.server = server;
    }

    public static KeySetServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        KeySetServer keys = new KeySetServer(server);
        server.createContext("/jwks.json", exchange -> {
            keys.fetches.incrementAndGet();
            Answer now = keys.answer.get();
            byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(now.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return keys;
    }

    /** Serves this key set (JSON) from now on. */
    public void serve(String jwkSet) {
        answer.set(new Answer(200, jwkSet));
    }

    /** Answers every fetch with this status and body from now on (a 503, or a 200 that is no key set). */
    public void answer(int status, String body) {
        answer.set(new Answer(status, body));
    }

    /** How many times the key set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
