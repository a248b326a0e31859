package dev.herald.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a hub that forwards each connection's request and, for the first
 * {@code answersToCut} connections, drops the hub's answer: once its first byte arrives (the hub has
 * decided, so a publish is stored) both sockets are closed, and the client sees its connection cut
 * without an answer. Later connections pass through both ways. For "the answer was lost after the store".
 */
public final class AnswerCuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final int answersToCut;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private AnswerCuttingProxy(URI target, int answersToCut) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.answersToCut = answersToCut;
        threads.execute(this::accept);
    }

    public static AnswerCuttingProxy start(URI target, int answersToCut) throws IOException {
        return new AnswerCuttingProxy(target, answersToCut);
    }

    /** The URI through the proxy: the target's path and query on the proxy's port. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort()).resolve(pathAndQuery);
    }

    /** How many answers were dropped so far. */
    public int answersCut() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                boolean cutThis = connections.getAndIncrement() < answersToCut;
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> {
                    if (cutThis) {
                        dropAnswer(upstream, client);
                    } else {
                        pump(upstream, client);
                    }
                });
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void dropAnswer(Socket upstream, Socket client) {
        try {
            if (upstream.getInputStream().read() >= 0) {
                cut.incrementAndGet();
            }
        } catch (IOException e) {
            // The hub closed first: nothing to drop.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the other follows below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket releases it whatever it reports.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
