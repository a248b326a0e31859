package dev.herald.store.internal;

/**
 * Every SQL statement of the store, in one place, each with the access path it is written for. The
 * query plans are checked by a test: a resume must seek through an index, never scan from the oldest
 * row (the failure other hubs' trackers report once history is large).
 */
public final class Sql {

    /** The schema this code writes, kept in {@code PRAGMA user_version} so a later version can migrate. */
    public static final int SCHEMA_VERSION = 4;

    /**
     * One row per update. {@code position} is the rowid, so a range read by position is a B-tree range;
     * the newest position is the rowid's maximum, and positions are never reused because retention never
     * deletes the newest row. {@code id} is not unique (publishers may repeat ids). {@code supplied} is 1
     * when the publisher chose the id: only those ids are indexed, since a generated id carries its
     * position ({@code UuidV7Ids.next(position)}) and is found by the rowid; indexing every id cost a
     * third of the pages each commit writes. {@code topics} is {@link TopicsCodec}'s encoding, for the
     * topic filter of {@link #page}. {@code record} is the whole update ({@link UpdateRecord}), the one
     * column a replay reads: it repeats the id and the topics (tens of bytes a row) so that reading a row
     * is one JNI call, not five. {@code created_at} is the commit time in epoch millis, never decreasing
     * with position, so the rows past the age limit are always a prefix. {@code idempotency} is
     * {@code <key digest> <fingerprint>} for an update published with an {@code Idempotency-Key} (NULL
     * otherwise): the store rebuilds its key index from these rows when it opens.
     */
    static final String[] CREATE_SCHEMA = {
        """
        CREATE TABLE updates (
            position   INTEGER PRIMARY KEY,
            id         TEXT    NOT NULL,
            supplied   INTEGER NOT NULL,
            topics     TEXT    NOT NULL,
            record     BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            idempotency TEXT
        )""",
        // A partial index on id carries the rowid, so (id, position) is ordered: the seek below is one
        // descent, and rows with generated ids add nothing to it.
        "CREATE INDEX updates_by_supplied_id ON updates (id) WHERE supplied = 1",
        // Only rows with a key, newest first at open: a few pages however long the history.
        "CREATE INDEX updates_with_idempotency ON updates (position) WHERE idempotency IS NOT NULL",
        "PRAGMA user_version = " + SCHEMA_VERSION,
    };

    /** Version 3 to 4: a column for idempotency keys (no row is rewritten: SQLite adds it in the schema only). */
    static final String[] MIGRATE_3_TO_4 = {
        "ALTER TABLE updates ADD COLUMN idempotency TEXT",
        CREATE_SCHEMA[2],
        CREATE_SCHEMA[3],
    };

    /**
     * {@link UpdateRecord}'s bytes, written by SQL from the columns versions 1 and 2 kept apart
     * ({@code position, private, type, retry, id, topics, data}): the same layout the Java encoder writes, so a
     * migrated row and a new one read alike. {@code octet_length} counts a text's UTF-8 bytes.
     */
    static final String RECORD_FROM_COLUMNS = """
            CAST(printf('%d %d %d %d %d ', position, private + 2 * (type IS NOT NULL) + 4 * (retry IS NOT NULL),
                        octet_length(id), octet_length(topics), octet_length(data))
                 || CASE WHEN type IS NULL THEN '' ELSE octet_length(type) || ' ' END
                 || CASE WHEN retry IS NULL THEN '' ELSE retry || ' ' END
                 || id || topics || data || coalesce(type, '') AS BLOB)""";

    /**
     * Version 1 to 4, in one transaction: version 1 kept positions with AUTOINCREMENT, indexed every id
     * and kept the update's fields in columns of their own. Its generated ids carry no position, so every
     * old row counts as supplied (indexed), and the newest position is carried over from
     * {@code sqlite_sequence} by keeping the newest row, which retention never deletes.
     */
    static final String[] MIGRATE_1_TO_4 = rebuildFrom("updates_v1", "1");

    /** Version 2 to 4, in one transaction: version 2 kept the update's fields in columns of their own. */
    static final String[] MIGRATE_2_TO_4 = rebuildFrom("updates_v2", "supplied");

    /** Copies every row of the old table into the current schema, records written by SQL, in order. */
    private static String[] rebuildFrom(String oldTable, String supplied) {
        return new String[] {
            "ALTER TABLE updates RENAME TO " + oldTable,
            CREATE_SCHEMA[0],
            "INSERT INTO updates (position, id, supplied, topics, record, created_at)\n"
                    + "SELECT position, id, " + supplied + ", topics, " + RECORD_FROM_COLUMNS + ", created_at\n"
                    + "FROM " + oldTable + " ORDER BY position",
            "DROP TABLE " + oldTable, // its index goes with it, so the new one can take the name
            CREATE_SCHEMA[1],
            CREATE_SCHEMA[2],
            CREATE_SCHEMA[3],
        };
    }

    static final String SCHEMA_VERSION_QUERY = "PRAGMA user_version";

    /**
     * The writer's probe while commits fail: setting the schema version to itself changes nothing, yet
     * SQLite writes the database's first page to the log, so its commit tells whether the disk takes
     * writes again (4 KiB a second, only while failing).
     */
    static final String PROBE = "PRAGMA user_version = " + SCHEMA_VERSION;

    static final String COUNT_SCHEMA_OBJECTS = "SELECT count(*) FROM sqlite_schema";

    /** The newest position ever committed (retention never deletes its row); NULL before the first. */
    static final String HEAD = "SELECT max(position) FROM updates";

    /** The oldest stored row: the rowid's B-tree minimum, one descent. */
    static final String OLDEST = "SELECT min(position) FROM updates";

    static final String CREATED_AT = "SELECT created_at FROM updates WHERE position = ?";

    /** The parameters of one row in {@link #insert}, in {@link Rows#bindInsert}'s order. */
    static final int INSERT_PARAMETERS = 7;

    /** Inserts {@code rows} rows in one statement: one execution for many rows instead of one each. */
    static String insert(int rows) {
        return "INSERT INTO updates (position, id, supplied, topics, record, created_at, idempotency) VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?)"));
    }

    /**
     * The newest retained rows with an idempotency key, newest first, through
     * {@code updates_with_idempotency}. Parameters: the oldest created_at within the key window (and
     * retained by age), the first position retained by count, the most keys.
     */
    static final String IDEMPOTENCY_KEYS = """
            SELECT idempotency, id, created_at FROM updates
            WHERE idempotency IS NOT NULL AND created_at >= ? AND position >= ?
            ORDER BY position DESC LIMIT ?""";

    /**
     * The earliest retained occurrence of a publisher-supplied id: a seek in {@code updates_by_supplied_id}
     * to (id, first retained position). Parameters: id, first position retained by count, the newest
     * position to read, oldest created_at retained by age.
     */
    public static final String SEEK_SUPPLIED_ID = """
            SELECT position FROM updates
            WHERE supplied = 1 AND id = ? AND position >= ? AND position <= ? AND created_at >= ?
            ORDER BY position LIMIT 1""";

    /**
     * Whether a generated id is still retained at the position it carries: one rowid lookup. Parameters:
     * the position, the id, oldest created_at retained by age (the caller checks the position's range).
     */
    public static final String FIND_GENERATED_ID = """
            SELECT position FROM updates
            WHERE position = ? AND id = ? AND created_at >= ?""";

    /** The column {@link Rows#read} reads: the {@link UpdateRecord}, which carries the position too. */
    static final String ROW_COLUMNS = "record";

    /**
     * One page of a replay: retained rows after a position up to an end, oldest first, at most a number
     * of rows, as one row of two values: how many rows the page read, and their {@link UpdateRecord}s
     * back to back (NULL for none). One value for the page instead of one a row: each value is a JNI
     * call. The inner query is a LIMITed rowid range, so a page read costs at most that many rows
     * whatever the history holds; SQLite runs it as a co-routine in rowid order, and the reader checks
     * that order rather than trust it. Parameters: the position the page starts after, the last
     * position it may cover, oldest created_at retained by age, the row limit.
     */
    public static final String PAGE = page(0);

    /** The most topics {@link #page} filters on in SQL; more are filtered in Java only. */
    public static final int MAX_FILTER_TOPICS = 16;

    /**
     * {@link #PAGE}, keeping only rows whose topics contain one of {@code topics} topics in
     * {@link TopicsCodec}'s encoding ({@code <length>:<topic>}): a superset of the rows with that exact
     * topic (a longer topic may contain the pattern), which the reader re-checks. Its parameters come
     * after the row limit's place: first the four of {@link #PAGE} but the limit, then one pattern per
     * topic, then the limit. The caller narrows the range to a bounded scan window, since a rare topic
     * matches few rows of a long range.
     */
    public static String page(int topics) {
        return "SELECT count(*), group_concat(record, '') FROM (\n" + rows(topics) + ")";
    }

    /** The rows of {@link #page}, one {@link UpdateRecord} a row: for records too large to concatenate. */
    public static String rows(int topics) {
        StringBuilder sql = new StringBuilder("SELECT record FROM updates\n"
                + "WHERE position > ? AND position <= ? AND created_at >= ?");
        if (topics > 0) {
            sql.append(" AND (");
            for (int i = 0; i < topics; i++) {
                sql.append(i == 0 ? "" : " OR ").append("instr(topics, ?) > 0");
            }
            sql.append(')');
        }
        return sql.append("\nORDER BY position LIMIT ?").toString();
    }

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
