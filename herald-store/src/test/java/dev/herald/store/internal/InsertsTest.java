package dev.herald.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.store.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches of every shape of chunk (64, 32, ..., 2, 1 rows per statement) land as the rows they were, in order. */
class InsertsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 23, 63, 64, 65, 73, 127, 200})
    void everyRowOfABatchIsStoredInOrder(int rows) throws SQLException {
        Database database = new Database(directory);
        Connection writer = database.openWriter(Durability.BATCH);
        List<NewRow> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Long retry = i % 2 == 0 ? null : (long) i;
            batch.add(new NewRow(new StoredUpdate(new Position(i + 1), new Update("id-" + i,
                    List.of("https://example.com/" + i), "data " + i, i % 3 == 0, i % 5 == 0 ? "kind" : null, retry)),
                    i % 4 == 0, 1_000 + i, i % 6 == 0 ? "digest-" + i + " fingerprint" : null));
        }
        try (Inserts inserts = new Inserts(writer)) {
            inserts.insert(batch);
            writer.commit();
        }
        List<NewRow> read = new ArrayList<>();
        try (PreparedStatement select = writer.prepareStatement(
                "SELECT " + Sql.ROW_COLUMNS + ", created_at, supplied, idempotency FROM updates"
                        + " ORDER BY position");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                read.add(new NewRow(Rows.read(row), row.getInt(3) == 1, row.getLong(2), row.getString(4)));
            }
        } finally {
            Database.closeQuietly(writer);
        }
        assertThat(read).isEqualTo(batch);
    }
}
