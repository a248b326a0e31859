package dev.herald.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SQLite runs the store's statements, by its own account (EXPLAIN QUERY PLAN): a resume is a seek,
 * never a scan from the oldest row, so its cost does not grow with the history.
 */
class QueryPlanTest {

    @TempDir
    Path directory;

    private Connection connection;

    @BeforeEach
    void openStore() {
        connection = new Database(directory).openWriter(Durability.ALWAYS);
    }

    @AfterEach
    void closeStore() {
        Database.closeQuietly(connection);
    }

    @Test
    void resumeFromASuppliedIdSeeksThePartialIdIndex() throws SQLException {
        assertThat(plan(Sql.SEEK_SUPPLIED_ID, 4))
                .containsExactly("SEARCH updates USING INDEX updates_by_supplied_id (id=? AND rowid>? AND rowid<?)");
    }

    @Test
    void resumeFromAGeneratedIdLooksUpThePositionItCarries() throws SQLException {
        assertThat(plan(Sql.FIND_GENERATED_ID, 3))
                .containsExactly("SEARCH updates USING INTEGER PRIMARY KEY (rowid=?)");
    }

    @Test
    void replayPageReadsARangeOfPositions() throws SQLException {
        assertThat(plan(Sql.PAGE, 4))
                .as("a co-routine yields the range in rowid order: no sort, no temporary table")
                .containsExactly("CO-ROUTINE (subquery-1)",
                        "SEARCH updates USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
                        "SCAN (subquery-1)");
    }

    @Test
    void topicFilteredReplayPageReadsARangeOfPositions() throws SQLException {
        assertThat(plan(Sql.page(3), 7))
                .as("the topic filter narrows the rows of a rowid range, it never scans the table")
                .containsExactly("CO-ROUTINE (subquery-1)",
                        "SEARCH updates USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
                        "SCAN (subquery-1)");
    }

    @Test
    void replayRowByRowReadsARangeOfPositions() throws SQLException {
        assertThat(plan(Sql.rows(2), 6))
                .containsExactly("SEARCH updates USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
    }

    @Test
    void retentionDeletesARangeOfPositions() throws SQLException {
        assertThat(plan(Sql.DELETE_CHUNK, 3))
                .containsExactly("SEARCH updates USING INTEGER PRIMARY KEY (rowid<?)");
    }

    private List<String> plan(String sql, int parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= parameters; i++) {
                explain.setString(i, "1");
            }
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
            return steps;
        }
    }
}
