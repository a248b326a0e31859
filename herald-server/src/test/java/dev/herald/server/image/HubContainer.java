package dev.herald.server.image;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One container of the image under test with a named volume on {@code /data}, on the host's network
 * (these machines' engines run without a bridge) at a free port given as {@code HERALD_PORT}.
 * {@link #close()} removes the container and its volume.
 */
final class HubContainer implements AutoCloseable {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    /** A JVM starting in a container on a busy 2-core machine: seconds, rarely more than ten. */
    private static final Duration START = Duration.ofSeconds(60);

    private final Docker docker;
    private final String name;
    private final String volume;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HubContainer(Docker docker, String name, String volume, int port) {
        this.docker = docker;
        this.name = name;
        this.volume = volume;
        this.port = port;
    }

    /** Starts the image with a publisher key (it listens on 0.0.0.0, which needs one) and waits until it is ready. */
    static HubContainer start(Docker docker, String image, String jwtKey) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        HubContainer hub = new HubContainer(docker, "herald-image-test-" + id, "herald-image-test-" + id, freePort());
        docker.ok(COMMAND, "volume", "create", hub.volume);
        docker.ok(COMMAND, "run", "--detach", "--name", hub.name, "--network", "host",
                "--volume", hub.volume + ":/data",
                "--env", "HERALD_PORT=" + hub.port, "--env", "HERALD_JWT_KEY=" + jwtKey, image);
        hub.awaitReady();
        return hub;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpClient client() {
        return client;
    }

    /** {@code docker restart}: SIGTERM, then the same container (and volume) starts again. */
    void restart() {
        docker.ok(COMMAND, "restart", "--time", "30", name);
        awaitReady();
    }

    /** {@code docker stop}: the image's stop signal (SIGTERM), SIGKILL only after 30 s. */
    void stop() {
        docker.ok(COMMAND, "stop", "--time", "30", name);
    }

    /** A field of {@code docker inspect}, e.g. {@code {{.State.ExitCode}}}. */
    String inspect(String template) {
        return docker.ok(COMMAND, "inspect", "--format", template, name);
    }

    /** Runs a command inside the running container, as the image's user. */
    String exec(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "exec";
        args[1] = name;
        System.arraycopy(command, 0, args, 2, command.length);
        return docker.ok(COMMAND, args);
    }

    /** What the hub logged (stdout and stderr), line by line. */
    List<String> logs() {
        return docker.ok(COMMAND, "logs", name).lines().toList();
    }

    void awaitReady() {
        await("the hub in " + name + " to answer /readyz with 200").atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "true".equals(inspect("{{.State.Running}}")) ? readyStatus() == 200 : failStarting());
    }

    private boolean failStarting() {
        throw new AssertionError("the container " + name + " stopped while starting:\n" + String.join("\n", logs()));
    }

    private int readyStatus() {
        try {
            return client.send(HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() {
        docker.run(COMMAND, "rm", "--force", "--volumes", name);
        docker.run(COMMAND, "volume", "rm", "--force", volume);
    }
}
