package dev.herald.store.internal;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Binds a {@link StoredUpdate} to {@link Sql#INSERT} and reads one back from {@link Sql#RANGE}. */
final class Rows {

    private Rows() {
    }

    static void bindInsert(PreparedStatement insert, StoredUpdate stored, long createdAtMillis) throws SQLException {
        Update update = stored.update();
        insert.setLong(1, stored.position().sequence());
        insert.setString(2, update.id());
        insert.setString(3, TopicsCodec.encode(update.topics()));
        insert.setString(4, update.data());
        insert.setInt(5, update.privateUpdate() ? 1 : 0);
        insert.setString(6, update.type());
        if (update.retry() == null) {
            insert.setNull(7, Types.INTEGER);
        } else {
            insert.setLong(7, update.retry());
        }
        insert.setLong(8, createdAtMillis);
    }

    /** The update on the current row; a row no Herald could have written is a {@link SQLException}. */
    static StoredUpdate read(ResultSet row) throws SQLException {
        long position = row.getLong(1);
        try {
            long retry = row.getLong(7);
            Long retryOrNull = row.wasNull() ? null : retry;
            Update update = new Update(row.getString(2), TopicsCodec.decode(row.getString(3)), row.getString(4),
                    row.getInt(5) != 0, row.getString(6), retryOrNull);
            return new StoredUpdate(new Position(position), update);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("corrupt update at position " + position + ": " + e.getMessage(), e);
        }
    }
}
