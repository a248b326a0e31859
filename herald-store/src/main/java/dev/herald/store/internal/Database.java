package dev.herald.store.internal;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.internal.IdempotencyIndex;
import dev.herald.store.Durability;
import dev.herald.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file of a store: how its connections are opened and configured, its schema and version,
 * and what it holds at start. Failures at open become one-line {@link StoreException}s naming the file.
 *
 * <p>Every connection runs in WAL mode, where readers read a snapshot and never block the one writer,
 * nor it them. Each connection is used by one thread at a time.
 */
public final class Database {

    public static final String FILE_NAME = "herald.db";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Waits this long for a lock (only a checkpoint or recovery takes one a reader must wait for). */
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;

    public Database(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Opens the writer's connection: creates the schema in a new file, checks the version of an existing
     * one, and sets {@code synchronous} for the durability asked. Manual commit from here on.
     */
    public Connection openWriter(Durability durability) {
        Connection connection = connect();
        try {
            try (Statement statement = connection.createStatement()) {
                // FULL: the WAL is fsync'ed at every commit. NORMAL: only at checkpoints (see Durability).
                statement.execute("PRAGMA synchronous = " + (durability == Durability.ALWAYS ? "FULL" : "NORMAL"));
            }
            migrate(connection);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw failure("open", e);
        }
    }

    /** Opens a reader's connection: refuses writes; manual commit, so each read is one snapshot. */
    public Connection openReader() {
        Connection connection = connect();
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = 1");
            }
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("open", e);
        }
    }

    /** What the writer needs to go on where the last run stopped; read on the writer's connection. */
    public StoreState readState(Connection writer) {
        try {
            long head = queryLong(writer, Sql.HEAD, -1, 0);
            long oldest = queryLong(writer, Sql.OLDEST, -1, head + 1);
            long newestCreatedAt = queryLong(writer, Sql.CREATED_AT, head, 0);
            writer.commit();
            return new StoreState(head, oldest, newestCreatedAt);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * The idempotency keys of the retained rows acknowledged within the window, oldest first, at most
     * {@code maxKeys} of the newest: what the writer remembered before the restart, as far as history
     * still holds it. Read on the writer's connection at open.
     */
    public IdempotencyIndex readKeys(Connection writer, IdempotencyOptions options, RetentionWindow window,
            StoreState state) {
        IdempotencyIndex index = new IdempotencyIndex(options);
        long since = Math.max(window.oldestCreatedAt(), window.clock().millis() - options.window().toMillis());
        List<String[]> newestFirst = new ArrayList<>();
        try (PreparedStatement select = writer.prepareStatement(Sql.IDEMPOTENCY_KEYS)) {
            select.setLong(1, since);
            select.setLong(2, window.firstPosition(state.head()));
            select.setInt(3, options.maxKeys());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    newestFirst.add(new String[] {rows.getString(1), rows.getString(2), Long.toString(rows.getLong(3))});
                }
            }
            writer.commit();
        } catch (SQLException e) {
            throw failure("read", e);
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            String[] row = newestFirst.get(i);
            int space = row[0].indexOf(' ');
            index.remember(row[0].substring(0, space),
                    new IdempotencyIndex.Entry(row[0].substring(space + 1), row[1], Long.parseLong(row[2])));
        }
        return index;
    }

    /** A one-line message naming the file; corruption is told apart from other failures. */
    public StoreException failure(String doing, Exception e) {
        if (e instanceof StoreException storeException) {
            return storeException;
        }
        if (e instanceof SQLiteException sqlite && isCorruption(sqlite.getResultCode())) {
            return new StoreException("store database " + file + " is corrupt or not a SQLite database ("
                    + sqlite.getResultCode().name() + ")", e);
        }
        return new StoreException("cannot " + doing + " store database " + file + ": " + e.getMessage(), e);
    }

    private Connection connect() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Positions are assigned by the writer, never read back: without this the driver runs a second
        // query (SELECT last_insert_rowid()) after every insert.
        config.setGetGeneratedKeys(false);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    /**
     * Creates the schema in an empty file; accepts the current version; migrates versions 1, 2 and 3 (one
     * transaction: a crash leaves the old version whole); refuses anything else.
     */
    private void migrate(Connection connection) throws SQLException {
        long version = queryLong(connection, Sql.SCHEMA_VERSION_QUERY, -1, 0);
        if (version == Sql.SCHEMA_VERSION) {
            return;
        }
        if (version == 3) {
            execute(connection, Sql.MIGRATE_3_TO_4);
            LOG.info("Migrated store database {} from schema version 3 to {} (a column for idempotency keys)", file,
                    Sql.SCHEMA_VERSION);
            return;
        }
        if (version == 1 || version == 2) {
            LOG.info("Migrating store database {} from schema version {} to {} (rewrites every row once)", file,
                    version, Sql.SCHEMA_VERSION);
            long started = System.nanoTime();
            execute(connection, version == 1 ? Sql.MIGRATE_1_TO_4 : Sql.MIGRATE_2_TO_4);
            LOG.info("Migrated store database {} to schema version {} in {} ms", file, Sql.SCHEMA_VERSION,
                    (System.nanoTime() - started) / 1_000_000);
            return;
        }
        if (version > Sql.SCHEMA_VERSION) {
            throw new StoreException("store database " + file + " has schema version " + version
                    + ", newer than this Herald's " + Sql.SCHEMA_VERSION + ": upgrade Herald");
        }
        if (queryLong(connection, Sql.COUNT_SCHEMA_OBJECTS, -1, 0) > 0) {
            throw new StoreException("store database " + file + " holds tables but no Herald schema version:"
                    + " not a Herald store");
        }
        execute(connection, Sql.CREATE_SCHEMA);
    }

    /** Runs the statements in one transaction. */
    private static void execute(Connection connection, String[] statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The first column of the only row, or {@code absent} when there is no row or it is NULL. */
    private static long queryLong(Connection connection, String sql, long parameter, long absent)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter >= 0) {
                statement.setLong(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return absent;
                }
                long value = row.getLong(1);
                return row.wasNull() ? absent : value;
            }
        }
    }

    /** Extended codes (SQLITE_CORRUPT_INDEX, ...) carry the primary code in their low byte. */
    private static boolean isCorruption(SQLiteErrorCode code) {
        int primary = code.code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
    }

    public static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing releases SQLite's handles whatever it reports; nothing else to do with the error.
        }
    }
}
