package dev.herald.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /usr/bin/redis-cli} against a server on 127.0.0.1, for the test helpers that set up and
 * inspect clusters and Sentinels: plain text in, plain text out, each call bounded.
 */
final class RedisCli {

    static final String BINARY = "/usr/bin/redis-cli";
    /** A redis-cli call answers in milliseconds; forming a cluster waits for the nodes to agree. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RedisCli() {
    }

    /** {@code redis-cli -p port args...}: its output, or an AssertionError when it fails or hangs. */
    static String call(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY, "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    /** {@code redis-cli args...}, for commands that name their servers themselves ({@code --cluster}). */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close(); // --cluster create asks on stdin without --cluster-yes
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + BINARY, e);
        }
    }

    /** The value of {@code field:value} in INFO-style output, or null. */
    static String field(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }
}
