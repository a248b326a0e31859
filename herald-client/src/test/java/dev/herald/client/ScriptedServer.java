package dev.herald.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that answers each request with the next scripted answer,
 * for what a Mercure hub does not do on request (answer 204, go silent without closing). Records each
 * request's headers. Answers beyond the script are 503.
 */
final class ScriptedServer implements AutoCloseable {

    /** One scripted answer; it may keep the exchange open until the server closes. */
    interface Answer {
        void answer(HttpExchange exchange, CountDownLatch closing) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final List<String> requestUris = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    ScriptedServer(Answer... answers) {
        script.addAll(List.of(answers));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            requestUris.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
            Answer next = script.poll();
            try {
                if (next == null) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    next.answer(exchange, closing);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/mercure");
    }

    /** The request headers of each request so far, in order (names as the JDK server capitalizes them). */
    List<Map<String, List<String>>> requests() {
        return List.copyOf(requests);
    }

    /** The raw path and query of each request so far, in order. */
    List<String> requestUris() {
        return List.copyOf(requestUris);
    }

    static Answer status(int status, String contentType, String body) {
        return (exchange, closing) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    /** 200 with the given {@code Link} header values and a small HTML body. */
    static Answer page(String... links) {
        return (exchange, closing) -> {
            for (String link : links) {
                exchange.getResponseHeaders().add("Link", link);
            }
            byte[] body = "<html></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** A status with {@code Retry-After} and no body. */
    static Answer retryAfter(int status, String seconds) {
        return (exchange, closing) -> {
            exchange.getResponseHeaders().add("Retry-After", seconds);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    /** 200 text/event-stream with the given bytes, then the end of the stream. */
    static Answer stream(String body) {
        return status(200, "text/event-stream", body);
    }

    /** 200 text/event-stream with one extra response header and the given bytes, then the end of the stream. */
    static Answer streamWithHeader(String name, String value, String body) {
        return (exchange, closing) -> {
            exchange.getResponseHeaders().add(name, value);
            stream(body).answer(exchange, closing);
        };
    }

    /** 200 text/event-stream with the given bytes, then silence: the connection stays open. */
    static Answer streamThenSilence(String body) {
        return (exchange, closing) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
