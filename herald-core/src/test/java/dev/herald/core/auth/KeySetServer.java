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
 * An issuer's JWKS endpoint on a real loopback HTTP server, whose key set a test replaces (rotation)
 * and whose fetches it counts. Shared with herald-server's tests through the test-jar.
 */
public final class KeySetServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> keySet = new AtomicReference<>("{\"keys\":[]}");
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
            byte[] body = keys.keySet.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return keys;
    }

    /** Serves this key set (JSON) from now on. */
    public void serve(String jwkSet) {
        keySet.set(jwkSet);
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
