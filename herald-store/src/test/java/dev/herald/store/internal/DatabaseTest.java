package dev.herald.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings each durability mode puts on the writer's connection, read back from SQLite. */
class DatabaseTest {

    /** SQLite's numbers for PRAGMA synchronous. */
    private static final long NORMAL = 1;
    private static final long FULL = 2;

    @TempDir
    Path directory;

    @Test
    void alwaysSyncsEveryCommit() throws SQLException {
        assertThat(pragma(Durability.ALWAYS, "synchronous")).isEqualTo(String.valueOf(FULL));
    }

    @Test
    void batchSyncsAtCheckpoints() throws SQLException {
        assertThat(pragma(Durability.BATCH, "synchronous")).isEqualTo(String.valueOf(NORMAL));
    }

    @Test
    void theDatabaseIsInWalMode() throws SQLException {
        assertThat(pragma(Durability.ALWAYS, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void theSchemaVersionIsStored() throws SQLException {
        assertThat(pragma(Durability.ALWAYS, "user_version")).isEqualTo(String.valueOf(Sql.SCHEMA_VERSION));
    }

    @Test
    void readersRefuseWrites() throws SQLException {
        Database.closeQuietly(new Database(directory).openWriter(Durability.ALWAYS));
        try (Connection reader = new Database(directory).openReader();
                Statement statement = reader.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA query_only")) {
            assertThat(row.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void newStoreStartsBeforeTheFirstPosition() {
        Connection writer = new Database(directory).openWriter(Durability.ALWAYS);
        try {
            assertThat(new Database(directory).readState(writer)).isEqualTo(new StoreState(0, 1, 0));
        } finally {
            Database.closeQuietly(writer);
        }
    }

    private String pragma(Durability durability, String name) throws SQLException {
        Connection writer = new Database(directory).openWriter(durability);
        try (Statement statement = writer.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            return row.getString(1);
        } finally {
            Database.closeQuietly(writer);
        }
    }
}
