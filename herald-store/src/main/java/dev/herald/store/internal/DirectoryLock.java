package dev.herald.store.internal;

import dev.herald.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of a store directory by one open store, held from open to close through an OS lock
 * on {@code <dir>/herald.lock}. Two writers on one SQLite file would each keep their own position
 * counter and interleave history; the lock turns that into a clear error at start. The OS releases
 * the lock when the process dies, so a crash never leaves a stale lock behind. The file holds the
 * owner's pid, for the error message only.
 */
public final class DirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "herald.lock";

    /**
     * Directories locked by this JVM, by real path. The OS lock belongs to the process, so it cannot
     * refuse a second store in the same JVM by itself, and probing it from a second channel would be
     * harmful: on Linux, closing any channel on the file drops every lock the process holds on it. So
     * the same-process case is decided here, before a second channel is ever opened. The one mutable
     * static of the module: it mirrors a process-wide resource.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory when missing and locks it, or says who holds it. */
    public static DirectoryLock acquire(Path directory) {
        Path key = realDirectory(directory);
        if (!HELD_IN_THIS_JVM.add(key)) {
            throw new StoreException("store directory " + key + " is already open in this process");
        }
        Path file = key.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StoreException("store directory " + key + " is in use by another process"
                        + owner(file) + " (lock file " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new DirectoryLock(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(key);
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("cannot lock store directory " + key + ": " + e, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Releases the lock; the file stays (deleting it would race with a hub that just opened it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock all the same.
        } finally {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(directory);
        }
    }

    private static Path realDirectory(Path directory) {
        try {
            return Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + directory + ": " + e, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held through another channel of this JVM, outside of DirectoryLock
        }
    }

    private static String owner(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release: the lock goes with the descriptor.
        }
    }
}
