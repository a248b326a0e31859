package dev.herald.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * One reader's connection and the statements it has prepared. Reads run the same few SQL texts over
 * and over (a page, the head, a position's age), and preparing one costs SQLite a parse and a plan:
 * about 0.15 µs per replayed update at 512 a page, a fifth of reading the rows (docs/performance.md).
 * A statement is prepared once and run again with new parameters; its result set is always closed
 * after use, which resets it. Used by one thread at a time.
 */
final class ReaderConnection implements AutoCloseable {

    /** SQLite's own default for {@code SQLITE_LIMIT_LENGTH}. */
    private static final int SQLITE_DEFAULT_LENGTH = 1_000_000_000;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    ReaderConnection(Connection connection) {
        this.connection = connection;
    }

    /** The statement for this SQL, prepared on first use; the caller closes its result sets, not it. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes and forgets the statement for this SQL (one that failed mid-step is not run again). */
    void forget(String sql) {
        PreparedStatement statement = statements.remove(sql);
        if (statement != null) {
            closeQuietly(statement);
        }
    }

    /** Sets the longest string or blob SQLite may build on this connection, until {@link #unlimitLength}. */
    void limitLength(int bytes) throws SQLException {
        connection.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, bytes);
    }

    /** Back to SQLite's default length limit. */
    void unlimitLength() throws SQLException {
        limitLength(SQLITE_DEFAULT_LENGTH);
    }

    /** Ends the read's snapshot, so checkpoints can recycle the log behind it. */
    void endSnapshot() throws SQLException {
        connection.commit();
    }

    /**
     * Ends a failed read's snapshot and forgets the prepared statements: a statement that failed
     * mid-step is not trusted to run again.
     */
    void abandonSnapshot() {
        closeStatements();
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The next read begins a fresh transaction on this connection either way.
        }
    }

    @Override
    public void close() {
        closeStatements();
        Database.closeQuietly(connection);
    }

    private void closeStatements() {
        statements.values().forEach(ReaderConnection::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Closing finalizes SQLite's statement whatever it reports.
        }
    }
}
