package dev.herald.store.internal;

import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Binds a {@link StoredUpdate} to {@link Sql#insert} and reads one back ({@link Sql#ROW_COLUMNS}). */
final class Rows {

    private Rows() {
    }

    /** Binds the row as the {@code index}-th (from 0) of an {@link Sql#insert} statement. */
    static void bindInsert(PreparedStatement insert, int index, NewRow row) throws SQLException {
        StoredUpdate stored = row.stored();
        Update update = stored.update();
        int first = index * Sql.INSERT_PARAMETERS;
        insert.setLong(first + 1, stored.position().sequence());
        insert.setString(first + 2, update.id());
        insert.setInt(first + 3, row.suppliedId() ? 1 : 0);
        insert.setString(first + 4, TopicsCodec.encode(update.topics()));
        insert.setBytes(first + 5, UpdateRecord.encode(stored));
        insert.setLong(first + 6, row.createdAtMillis());
        if (row.idempotency() == null) {
            insert.setNull(first + 7, Types.VARCHAR);
        } else {
            insert.setString(first + 7, row.idempotency());
        }
    }

    /** The update on the current row ({@link Sql#ROW_COLUMNS}); a corrupt row is a {@link SQLException}. */
    static StoredUpdate read(ResultSet row) throws SQLException {
        try {
            return UpdateRecord.decode(row.getBytes(1));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("corrupt update record: " + e.getMessage(), e);
        }
    }
}
