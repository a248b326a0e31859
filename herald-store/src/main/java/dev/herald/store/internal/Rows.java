package dev.herald.store.internal;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Binds a {@link StoredUpdate} to {@link Sql#insert} and reads one back ({@link Sql#ROW_COLUMNS}). */
final class Rows {

    /** The bits of {@link Sql#page}'s fifth column. */
    private static final int PRIVATE = 1;
    private static final int HAS_TYPE = 2;
    private static final int HAS_RETRY = 4;

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
        insert.setString(first + 5, update.data());
        insert.setInt(first + 6, update.privateUpdate() ? 1 : 0);
        insert.setString(first + 7, update.type());
        if (update.retry() == null) {
            insert.setNull(first + 8, Types.INTEGER);
        } else {
            insert.setLong(first + 8, update.retry());
        }
        insert.setLong(first + 9, row.createdAtMillis());
    }

    /** The update on the current row; a row no Herald could have written is a {@link SQLException}. */
    static StoredUpdate read(ResultSet row) throws SQLException {
        long position = row.getLong(1);
        try {
            int flags = row.getInt(5);
            Long retry = (flags & HAS_RETRY) != 0 ? row.getLong(7) : null;
            String type = (flags & HAS_TYPE) != 0 ? text(row, 6) : null;
            Update update = new Update(text(row, 2), TopicsCodec.decode(text(row, 3)), text(row, 4),
                    (flags & PRIVATE) != 0, type, retry);
            return new StoredUpdate(new Position(position), update);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("corrupt update at position " + position + ": " + e.getMessage(), e);
        }
    }

    /**
     * A text column, or null. Read as its UTF-8 bytes and decoded here: sqlite-jdbc's getString wraps
     * each value in a direct ByteBuffer made through JNI before decoding it, which made reading a row's
     * three texts about 0.9 µs slower (2.2 instead of 3.1 µs a row; docs/performance.md). SQLite hands
     * a text column's bytes out as they are stored, in the database's encoding (UTF-8).
     */
    private static String text(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
