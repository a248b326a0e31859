package dev.herald.store.internal;

/**
 * Every SQL statement of the store, in one place, each with the access path it is written for. The
 * query plans are checked by a test: a resume must seek through an index, never scan from the oldest
 * row (the failure other hubs' trackers report once history is large).
 */
public final class Sql {

    /** The schema this code writes, kept in {@code PRAGMA user_version} so a later version can migrate. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * One row per update. {@code position} is the rowid, so a range read by position is a B-tree range.
     * AUTOINCREMENT keeps the highest position ever used in {@code sqlite_sequence}: positions are never
     * reused, even when retention has deleted the newest-but-one rows or the hub restarts. {@code id} is
     * not unique (publishers may repeat ids) and {@code topics} is {@link TopicsCodec}'s encoding.
     * {@code created_at} is the commit time in epoch millis, never decreasing with position, so the rows
     * past the age limit are always a prefix.
     */
    static final String[] CREATE_SCHEMA = {
        """
        CREATE TABLE updates (
            position   INTEGER PRIMARY KEY AUTOINCREMENT,
            id         TEXT    NOT NULL,
            topics     TEXT    NOT NULL,
            data       TEXT    NOT NULL,
            private    INTEGER NOT NULL,
            type       TEXT,
            retry      INTEGER,
            created_at INTEGER NOT NULL
        )""",
        // An index on id carries the rowid, so (id, position) is ordered: the seek below is one descent.
        "CREATE INDEX updates_by_id ON updates (id)",
        "PRAGMA user_version = " + SCHEMA_VERSION,
    };

    static final String SCHEMA_VERSION_QUERY = "PRAGMA user_version";

    static final String COUNT_SCHEMA_OBJECTS = "SELECT count(*) FROM sqlite_schema";

    /** The newest position ever committed, also when retention deleted the row; no row before the first. */
    static final String HEAD = "SELECT seq FROM sqlite_sequence WHERE name = 'updates'";

    /** The oldest stored row: the rowid's B-tree minimum, one descent. */
    static final String OLDEST = "SELECT min(position) FROM updates";

    static final String CREATED_AT = "SELECT created_at FROM updates WHERE position = ?";

    /** The parameters of one row in {@link #insert}, in {@link Rows#bindInsert}'s order. */
    static final int INSERT_PARAMETERS = 8;

    /**
     * Inserts {@code rows} rows in one statement: one execution (and one AUTOINCREMENT bookkeeping) for
     * many rows instead of one each.
     */
    static String insert(int rows) {
        return "INSERT INTO updates (position, id, topics, data, private, type, retry, created_at) VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?)"));
    }

    /**
     * The earliest retained occurrence of an id: a seek in {@code updates_by_id} to (id, first retained
     * position). Parameters: id, first position retained by count, oldest created_at retained by age.
     */
    public static final String SEEK_ID = """
            SELECT position FROM updates
            WHERE id = ? AND position >= ? AND created_at >= ?
            ORDER BY position LIMIT 1""";

    /**
     * Retained rows from a position up to the head, oldest first: a rowid range. Parameters: first
     * position, head, oldest created_at retained by age.
     */
    public static final String RANGE = """
            SELECT position, id, topics, data, private, type, retry FROM updates
            WHERE position >= ? AND position <= ? AND created_at >= ?
            ORDER BY position""";

    /**
     * One bounded chunk of retention: rows below an exclusive bound that are past the count limit or the
     * age limit. Parameters: exclusive bound (at most oldest + chunk, and never the head's row), first
     * position retained by count, oldest created_at retained by age.
     */
    static final String DELETE_CHUNK = """
            DELETE FROM updates
            WHERE position < ? AND (position < ? OR created_at < ?)""";

    private Sql() {
    }
}
