package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.ServerOptions;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client commands as an operator runs them: a JVM started the way {@code ./herald} starts one
 * (same main class), its exit code and what it printed.
 */
class ClientCommandsProcessTest {

    /** What one run of the command printed and how it ended. */
    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void aTokenMintedByOneCommandPublishesAndTheSubscriberPrintsTheUpdate() throws Exception {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .activeSubscriptions(false).build())) {
            String url = "http://127.0.0.1:" + hub.port();

            Run token = herald("token", "--key", Tokens.SECRET, "--publish", "*");
            assertThat(token.exitCode()).as(token.err()).isZero();

            Run publish = herald("publish", "--url", url, "--token", token.out().strip(), "--topic", "t", "--data", "hello");
            assertThat(publish.exitCode()).as(publish.err()).isZero();
            String id = publish.out().strip();

            Run subscribe = herald("subscribe", "--url", url, "--topic", "t", "--last-event-id", "earliest", "--count", "1");
            assertThat(subscribe.exitCode()).as(subscribe.err()).isZero();
            assertThat(subscribe.out()).isEqualTo("{\"id\":\"" + id + "\",\"type\":\"message\",\"data\":\"hello\"}\n");
        }
    }

    @Test
    void aRefusedPublishExitsWithOneAndSaysWhy() throws Exception {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .activeSubscriptions(false).build())) {
            Run publish = herald("publish", "--url", "http://127.0.0.1:" + hub.port(), "--topic", "t", "--data", "x");

            assertThat(publish.exitCode()).isEqualTo(1);
            assertThat(publish.out()).isEmpty();
            assertThat(publish.err()).startsWith("herald publish: the hub refused the publish: 401");
        }
    }

    private static Run herald(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HeraldCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("herald " + String.join(" ", args) + " did not exit within 30 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
