package dev.herald.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system of the test's own: a tmpfs mounted on a directory, so a test can fill it
 * until the kernel answers ENOSPC (a full disk, not a simulated one) and then give space back while
 * the code under test keeps running ({@link #resize}). Mounting needs root (CAP_SYS_ADMIN); without it
 * the test is skipped, with a message saying so, rather than failed.
 */
public final class Tmpfs implements AutoCloseable {

    private static final long COMMAND_SECONDS = 10;

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (an empty directory), or skips the
     * calling test when this process may not mount file systems.
     */
    public static Tmpfs mount(Path mountPoint, int megabytes) {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "a tmpfs needs Linux: full-disk test skipped");
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                mountPoint.toString());
        assumeTrue(failure == null, "cannot mount a tmpfs (needs root): full-disk test skipped (" + failure + ")");
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Grows (or shrinks) the mounted file system in place; what is on it stays, open files included. */
    public void resize(int megabytes) {
        String failure = run("mount", "-o", "remount,size=" + megabytes + "m", mountPoint.toString());
        if (failure != null) {
            throw new IllegalStateException("cannot resize the tmpfs on " + mountPoint + ": " + failure);
        }
    }

    /** Unmounts it, lazily: a file still open by a process being stopped must not fail the test's cleanup. */
    @Override
    public void close() {
        String failure = run("umount", "-l", mountPoint.toString());
        if (failure != null) {
            throw new IllegalStateException("cannot unmount the tmpfs on " + mountPoint + ": " + failure);
        }
    }

    /** Runs the command; null when it succeeded, else what it said. */
    private static String run(String... command) {
        try {
            Path output = Files.createTempFile("herald-tmpfs", ".out");
            try {
                Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return String.join(" ", command) + " took over " + COMMAND_SECONDS + " s";
                }
                return process.exitValue() == 0 ? null
                        : Files.readString(output, StandardCharsets.UTF_8).strip() + " (exit " + process.exitValue() + ")";
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
