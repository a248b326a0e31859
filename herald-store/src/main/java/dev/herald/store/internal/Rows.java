package dev.herald.store.internal;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
        insert.setBytes(first + 5, UpdateRecord.encode(update));
        insert.setLong(first + 6, row.createdAtMillis());
    }

    /**
     * The update on the current row: its position and its record, two JNI calls. A row no Herald could
     * have written is a {@link SQLException}.
     */
    static StoredUpdate read(ResultSet row) throws SQLException {
        long position = row.getLong(1);
        try {
            return new StoredUpdate(new Position(position), UpdateRecord.decode(row.getBytes(2)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("corrupt update at position " + position + ": " + e.getMessage(), e);
        }
    }
}
