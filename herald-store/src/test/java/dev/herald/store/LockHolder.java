package dev.herald.store;

import dev.herald.store.internal.DirectoryLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link StoreOpenTest}: locks the directory given as argument like a running hub,
 * prints {@code locked}, and holds the lock until its standard input is closed.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]));
        try {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // holding the lock until the parent closes our input
            }
        } finally {
            lock.close();
        }
    }
}
