package dev.herald.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a Redis, which can freeze the connections that sent one command
 * ({@code XREAD}: a node's stream reader): their bytes stop in both directions, as on a connection a
 * failover or a NAT silently dropped, while every other connection of the same node goes on. It is how a
 * test stops one node's reader from outside while Redis stays reachable for everyone, that node's
 * appends included. Two threads per connection, plain blocking sockets.
 */
public final class FreezingProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final int redisPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    /** Guards {@link #frozenCommand}; pumps of a frozen connection wait on it. */
    private final Object gate = new Object();
    private byte[] frozenCommand;
    private volatile boolean closed;

    private FreezingProxy(ServerSocket listener, int redisPort) {
        this.listener = listener;
        this.redisPort = redisPort;
        Thread acceptor = new Thread(this::accept, "freezing-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of 127.0.0.1 and forwards to the Redis on {@code redisPort} there. */
    public static FreezingProxy to(int redisPort) {
        try {
            return new FreezingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), redisPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen", e);
        }
    }

    /** The proxy as a Redis URI. */
    public String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * From now on, nothing moves on a connection that has sent {@code command} (in capitals, as clients
     * send command names), in either direction, until {@link #thaw}.
     */
    public void freezeConnectionsThatSent(String command) {
        synchronized (gate) {
            frozenCommand = ("\r\n" + command + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Everything moves again, what was held first. */
    public void thaw() {
        synchronized (gate) {
            frozenCommand = null;
            gate.notifyAll();
        }
    }

    /** How many connections the current freeze holds: 0 when none sent the command (or nothing is frozen). */
    public long frozenConnections() {
        synchronized (gate) {
            return links.stream().filter(link -> !link.client.isClosed() && isFrozen(link)).count();
        }
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        closeQuietly(listener);
        for (Link link : links) {
            closeQuietly(link.client);
            closeQuietly(link.redis);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket redis = new Socket();
                redis.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort));
                Link link = new Link(client, redis);
                links.add(link);
                pump(link, client, redis, true);
                pump(link, redis, client, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the proxy failed", e);
                }
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (fromClient) {
                        link.remember(buffer, read);
                    }
                    awaitThawed(link);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed: so does this one (the try closed both streams).
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "freezing-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitThawed(Link link) {
        synchronized (gate) {
            while (isFrozen(link) && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Under {@link #gate}. */
    private boolean isFrozen(Link link) {
        return frozenCommand != null && link.sent(frozenCommand);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing what is already closed, or broken: nothing to do.
        }
    }

    /** One client connection and the proxy's connection to Redis for it, with the client's bytes so far. */
    private static final class Link {

        /** Commands a node sends are few and short: the first 64 KiB are all a test needs to look at. */
        private static final int REMEMBERED = 64 * 1024;

        final Socket client;
        final Socket redis;
        private final byte[] sent = new byte[REMEMBERED];
        private int length;

        Link(Socket client, Socket redis) {
            this.client = client;
            this.redis = redis;
        }

        synchronized void remember(byte[] bytes, int count) {
            int taken = Math.min(count, REMEMBERED - length);
            System.arraycopy(bytes, 0, sent, length, taken);
            length += taken;
        }

        synchronized boolean sent(byte[] pattern) {
            outer:
            for (int start = 0; start + pattern.length <= length; start++) {
                for (int i = 0; i < pattern.length; i++) {
                    if (sent[start + i] != pattern[i]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
