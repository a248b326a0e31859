package dev.herald.server.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, run the way an operator runs it: one process per command, its
 * output kept in a file (a build prints thousands of lines), a time limit on every command.
 */
final class Docker {

    /** What a command said and how it ended. */
    record Result(List<String> command, int exitCode, String output) {

        /** The output of a command that must succeed; fails the test with what it printed otherwise. */
        String orFail() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + tail());
            }
            return output.strip();
        }

        /** The last lines: where a failed build says why. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private final Path workDirectory;

    Docker(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** Runs {@code docker ARGS...}; a command still running after {@code limit} is killed and fails the test. */
    Result run(Duration limit, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(workDirectory, "docker-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(command, process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs a command that must succeed and returns its output, stripped. */
    String ok(Duration limit, String... args) {
        return run(limit, args).orFail();
    }
}
