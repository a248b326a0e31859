package dev.herald.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts a batch of rows with few statement executions: the batch is cut into chunks of power-of-two
 * sizes (its binary digits: 23 rows are 16 + 4 + 2 + 1), each inserted by one multi-row statement
 * prepared once for the writer's life. Per executed statement the driver makes several native calls
 * and SQLite prepares a B-tree insertion, so one statement for 16 rows costs much less than 16
 * statements, and a group commit of n rows under 128 takes at most 7 statements.
 */
final class Inserts implements AutoCloseable {

    /** Rows per statement, largest first. */
    private static final int[] CHUNK_SIZES = {64, 32, 16, 8, 4, 2, 1};

    private final Connection connection;
    private final PreparedStatement[] statements = new PreparedStatement[CHUNK_SIZES.length];

    Inserts(Connection connection) {
        this.connection = connection;
    }

    /** Inserts the rows in order; the caller commits. */
    void insert(List<NewRow> rows) throws SQLException {
        int next = 0;
        for (int chunk = 0; chunk < CHUNK_SIZES.length; chunk++) {
            int size = CHUNK_SIZES[chunk];
            while (rows.size() - next >= size) {
                PreparedStatement insert = statement(chunk);
                for (int row = 0; row < size; row++) {
                    Rows.bindInsert(insert, row, rows.get(next + row));
                }
                insert.executeUpdate();
                next += size;
            }
        }
    }

    /** Closes the prepared statements; the next insert prepares them again (after a failure, say). */
    @Override
    public void close() {
        for (int chunk = 0; chunk < statements.length; chunk++) {
            if (statements[chunk] != null) {
                try {
                    statements[chunk].close();
                } catch (SQLException e) {
                    // Finalizing a statement releases it whatever SQLite reports.
                }
                statements[chunk] = null;
            }
        }
    }

    private PreparedStatement statement(int chunk) throws SQLException {
        if (statements[chunk] == null) {
            statements[chunk] = connection.prepareStatement(Sql.insert(CHUNK_SIZES[chunk]));
        }
        return statements[chunk];
    }
}
