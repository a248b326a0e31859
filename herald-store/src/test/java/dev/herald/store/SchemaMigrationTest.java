package dev.herald.store;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.History;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.LastEventId;
import dev.herald.core.MutableClock;
import dev.herald.core.Position;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.internal.UuidV7Ids;
import dev.herald.store.internal.Sql;
import dev.herald.store.internal.TopicsCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A store written by an older schema version opens, migrated, with its history, ids and positions. */
class SchemaMigrationTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

    /** Version 1's ids all count as supplied (indexed); version 2 tells generated ids apart. */
    @ParameterizedTest
    @CsvSource({"1, 2", "2, 1"})
    void olderStoreIsMigratedWithItsHistory(int version, long suppliedAfter) throws SQLException {
        List<StoredUpdate> old = version == 1 ? writeVersionOneStore() : writeVersionTwoStore();

        try (StoreTransport store = open()) {
            store.start(new RecordingListener());

            assertThat(StoreFiles.queryLong(directory, "PRAGMA user_version")).isEqualTo(Sql.SCHEMA_VERSION);
            assertThat(result(History.readAfter(store, LastEventId.earliest())).updates()).isEqualTo(old);
            assertThat(result(History.readAfter(store, new LastEventId(old.get(0).id()))).updates())
                    .isEqualTo(old.subList(1, 2));
            assertThat(StoreFiles.queryLong(directory, "SELECT count(*) FROM updates WHERE supplied = 1"))
                    .isEqualTo(suppliedAfter);
        }
    }

    /** Version 3 had no idempotency column: it is added in place, rows untouched, and keys work at once. */
    @Test
    void versionThreeGainsTheIdempotencyColumnInPlace() {
        List<StoredUpdate> old;
        try (StoreTransport store = open()) {
            store.start(new RecordingListener());
            old = List.of(result(store.append(Update.of(TOPIC, "before the upgrade"))));
        }
        StoreFiles.execute(directory, "DROP INDEX updates_with_idempotency");
        StoreFiles.execute(directory, "ALTER TABLE updates DROP COLUMN idempotency");
        StoreFiles.execute(directory, "PRAGMA user_version = 3");

        try (StoreTransport store = open()) {
            store.start(new RecordingListener());
            IdempotencyKey key = new IdempotencyKey("p", "k");
            Update update = Update.of(TOPIC, "after the upgrade");
            String first = result(store.appendOnce(update, key, IdempotencyKey.fingerprint(update))).id();

            assertThat(StoreFiles.queryLong(directory, "PRAGMA user_version")).isEqualTo(Sql.SCHEMA_VERSION);
            assertThat(result(History.readAfter(store, LastEventId.earliest())).updates()).startsWith(old.get(0));
            assertThat(result(store.appendOnce(update, key, IdempotencyKey.fingerprint(update))).id()).isEqualTo(first);
        }
    }

    @Test
    void oldIdsStillResume() throws SQLException {
        List<StoredUpdate> old = writeVersionOneStore();

        try (StoreTransport store = open()) {
            History history = result(History.readAfter(store, new LastEventId(old.get(0).id())));

            assertThat(history.resumedFrom()).isEqualTo(old.get(0).id());
            assertThat(history.updates()).isEqualTo(old.subList(1, 2));
        }
    }

    @Test
    void positionsGoOnAfterTheOldHead() throws SQLException {
        List<StoredUpdate> old = writeVersionOneStore();

        try (StoreTransport store = open()) {
            store.start(new RecordingListener());
            StoredUpdate next = result(store.append(Update.of(TOPIC, "after the upgrade")));

            assertThat(next.position()).isEqualTo(old.get(1).position().next());
            assertThat(result(History.readAfter(store, new LastEventId(old.get(1).id()))).updates()).containsExactly(next);
        }
    }

    /**
     * Writes what the first version left: AUTOINCREMENT positions (the oldest rows already deleted by
     * retention, so they start at 7), every id indexed, random UUIDv7 ids.
     */
    private List<StoredUpdate> writeVersionOneStore() throws SQLException {
        return writeOldStore(1, """
                CREATE TABLE updates (
                    position   INTEGER PRIMARY KEY AUTOINCREMENT,
                    id         TEXT    NOT NULL,
                    topics     TEXT    NOT NULL,
                    data       TEXT    NOT NULL,
                    private    INTEGER NOT NULL,
                    type       TEXT,
                    retry      INTEGER,
                    created_at INTEGER NOT NULL
                )""", "CREATE INDEX updates_by_id ON updates (id)");
    }

    /** Writes what the second version left: the update's fields in columns of their own, supplied ids indexed. */
    private List<StoredUpdate> writeVersionTwoStore() throws SQLException {
        return writeOldStore(2, """
                CREATE TABLE updates (
                    position   INTEGER PRIMARY KEY,
                    id         TEXT    NOT NULL,
                    supplied   INTEGER NOT NULL DEFAULT 0,
                    topics     TEXT    NOT NULL,
                    data       TEXT    NOT NULL,
                    private    INTEGER NOT NULL,
                    type       TEXT,
                    retry      INTEGER,
                    created_at INTEGER NOT NULL
                )""", "CREATE INDEX updates_by_supplied_id ON updates (id) WHERE supplied = 1");
    }

    /**
     * Two rows, the first with a generated id (version 1's random, version 2's carrying its position),
     * the second with every field set and unicode data.
     */
    private List<StoredUpdate> writeOldStore(int version, String table, String index) throws SQLException {
        UuidV7Ids ids = new UuidV7Ids(new MutableClock(T0));
        List<StoredUpdate> rows = List.of(
                new StoredUpdate(new Position(7), new Update(version == 1 ? ids.next() : ids.next(7), List.of(TOPIC), "seven", false,
                        null, null)),
                new StoredUpdate(new Position(8), new Update("book-8", List.of(TOPIC, "urn:alt:8"), "huit é 😀\nok",
                        true, "book.updated", 2_500L)));
        try (Connection connection = StoreFiles.connect(directory);
                Statement statement = connection.createStatement()) {
            statement.execute(table);
            statement.execute(index);
            statement.execute("PRAGMA user_version = " + version);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO updates"
                    + " (position, id, topics, data, private, type, retry, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredUpdate row : rows) {
                    Update update = row.update();
                    insert.setLong(1, row.position().sequence());
                    insert.setString(2, update.id());
                    insert.setString(3, TopicsCodec.encode(update.topics()));
                    insert.setString(4, update.data());
                    insert.setInt(5, update.privateUpdate() ? 1 : 0);
                    insert.setString(6, update.type());
                    insert.setObject(7, update.retry());
                    insert.setLong(8, T0.toEpochMilli());
                    insert.executeUpdate();
                }
            }
            if (version == 2) {
                statement.execute("UPDATE updates SET supplied = 1 WHERE id = 'book-8'");
            }
        }
        return rows;
    }

    private StoreTransport open() {
        return StoreTransport.open(StoreOptions.defaults(directory).withClock(clock));
    }
}
